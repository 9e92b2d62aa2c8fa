package io.ctpipe.models.bpr;

import java.nio.file.Path;

/**
 * A body-part-regression model card (task {@code body-part-regression}; schema in docs/model-cards.md): a 2D
 * network scoring N×1×128×128 slices, and the score-processing settings of its training.
 *
 * @param file the ONNX file, resolved against the card's folder
 * @param batch slices per network call
 */
public record BprCard(String id, String version, Path file, String sha256, boolean untrained, String inputName,
    String outputName, int batch, BprSettings settings) {}
