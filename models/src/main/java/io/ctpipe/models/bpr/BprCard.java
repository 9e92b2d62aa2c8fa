package io.ctpipe.models.bpr;

import io.ctpipe.models.runtime.Backend;
import io.ctpipe.models.runtime.InferenceSettings;
import io.ctpipe.models.runtime.NetworkFile;
import io.ctpipe.models.runtime.Precision;
import java.nio.file.Path;

/**
 * A body-part-regression model card (task {@code body-part-regression}; schema in docs/model-cards.md): a 2D
 * network scoring N×1×128×128 slices, and the score-processing settings of its training.
 *
 * @param file the ONNX file, resolved against the card's folder
 * @param batch slices per network call
 * @param runtime the backend to run it on unless a command line says otherwise
 * @param precision the precision to run it in unless a command line says otherwise
 */
public record BprCard(String id, String version, Path file, String sha256, boolean untrained, String inputName,
    String outputName, int batch, BprSettings settings, Backend runtime, Precision precision) {

  /** The ONNX file with the hash that was checked, for {@link io.ctpipe.models.runtime.InferenceBackends}. */
  public NetworkFile network(String verifiedSha256) {
    return new NetworkFile(id, file, verifiedSha256, inputName, outputName);
  }

  /** The card's runtime and precision with {@code threads}. */
  public InferenceSettings inference(int threads) {
    return new InferenceSettings(runtime, precision, threads);
  }
}
