package io.ctpipe.models.card;

import java.nio.file.Path;

/**
 * The fp32 network a quantised (int8) card was made from: the engine runs it for the windows a low precision gets
 * wrong ({@link io.ctpipe.models.runtime.ConstantWindowGuard}), instead of the quantised model's int8-rounded
 * weights.
 *
 * @param file the fp32 ONNX file, resolved against the card's folder
 * @param sha256 its SHA-256, checked before it is run
 */
public record Fp32Source(Path file, String sha256) {}
