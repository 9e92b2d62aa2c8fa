package io.ctpipe.models.runtime;

import java.nio.file.Path;

/**
 * An ONNX file whose SHA-256 was checked against its card, and the graph input and output to use (null: the first).
 */
public record NetworkFile(String id, Path file, String sha256, String inputName, String outputName) {}
