package io.ctpipe.models.zoo;

/**
 * A network built by the zoo: its ONNX bytes, trainable parameter count and multiply-accumulates per window.
 */
public record ZooModel(String id, byte[] onnx, long parameters, long macsPerWindow, int[] roi, int outChannels) {}
