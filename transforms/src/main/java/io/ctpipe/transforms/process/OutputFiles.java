package io.ctpipe.transforms.process;

import io.ctpipe.models.card.ModelCards;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * Where results go below the output root, written through Beam FileSystems: SEGs at
 * {@code <output>/<StudyInstanceUID>/<SeriesInstanceUID>/<model-id>.seg.dcm} and skip markers at
 * {@code <output>/_ctpipe/done/<configuration hash>/<hash of the series key>.json}.
 */
public final class OutputFiles {
  private OutputFiles() {}

  public static String segPath(String output, String study, String series, String modelId) {
    return join(output, study + "/" + series + "/" + modelId + ".seg.dcm");
  }

  public static String markerPath(String output, String configurationHash, String seriesKey) {
    String keyHash = ModelCards.sha256(seriesKey.getBytes(StandardCharsets.UTF_8)).substring(0, 32);
    return join(output, "_ctpipe/done/" + configurationHash + "/" + keyHash + ".json");
  }

  static String join(String root, String relative) {
    return root.endsWith("/") ? root + relative : root + "/" + relative;
  }

  public static boolean exists(String path) throws IOException {
    return FileSystems.match(path).status() == MatchResult.Status.OK;
  }

  public static void write(String path, byte[] bytes, String mimeType) throws IOException {
    try (OutputStream out = Channels.newOutputStream(FileSystems.create(FileSystems.matchNewResource(path, false),
        mimeType))) {
      out.write(bytes);
    }
  }

}
