package io.ctpipe.models.card;

import io.ctpipe.dicom.seg.SegmentDescription;
import io.ctpipe.models.runtime.Backend;
import io.ctpipe.models.runtime.InferenceSettings;
import io.ctpipe.models.runtime.NetworkFile;
import io.ctpipe.models.runtime.Precision;
import io.ctpipe.models.tiling.BlendMode;
import java.nio.file.Path;
import java.util.List;

/**
 * What ctpipe needs to know to run a segmentation model (schema: docs/model-cards.md).
 *
 * @param file the ONNX file, resolved against the card's folder
 * @param spacing target voxel spacing per model axis, mm
 * @param orientation "LPS" (model axes run to patient left, posterior, superior) or "RAS" (right, anterior,
 *     superior)
 * @param spacingTolerance leave an axis at its own spacing when within [low·target, high·target] (null: always
 *     resample)
 * @param cropThresholdHu crop to voxels above this HU plus {@code cropMargin} voxels first (NaN: no crop)
 * @param labels one description per output channel above 0, in channel order (channel = label value)
 * @param runtime the backend to run it on unless a command line says otherwise
 * @param precision the precision to run it in unless a command line says otherwise
 * @param profile the named sliding-window settings to run it with unless a command line says otherwise (null: the
 *     card's own settings)
 * @param fp32Source for a quantised model, the fp32 network it was made from (null: none recorded)
 */
public record ModelCard(String id, String version, String task, Path file, String sha256, boolean untrained,
    String inputName, String outputName, int outChannels, double[] spacing, String orientation,
    double[] spacingTolerance, double cropThresholdHu, int cropMargin, IntensityTransform intensity,
    float padValue, int[] roiSize, double overlap, BlendMode mode, double sigmaScale, int batch,
    List<SegmentDescription> labels, Backend runtime, Precision precision,
    SpeedProfile profile, Fp32Source fp32Source) {

  /**
   * The ONNX file with the hash that was checked, and its fp32 source when the card names one, for
   * {@link io.ctpipe.models.runtime.InferenceBackends}.
   */
  public NetworkFile network(String verifiedSha256) {
    NetworkFile fp32 = fp32Source == null ? null
        : new NetworkFile(id + " fp32 source", fp32Source.file(), fp32Source.sha256(), inputName, outputName, null);
    return new NetworkFile(id, file, verifiedSha256, inputName, outputName, fp32);
  }

  /** This card cropping its input to voxels above {@code thresholdHu} (grown by its crop margin) first. */
  public ModelCard withCrop(double thresholdHu) {
    return new ModelCard(id, version, task, file, sha256, untrained, inputName, outputName, outChannels, spacing,
        orientation, spacingTolerance, thresholdHu, cropMargin, intensity, padValue, roiSize, overlap, mode,
        sigmaScale, batch, labels, runtime, precision, profile, fp32Source);
  }

  /** The card's runtime and precision with {@code threads}. */
  public InferenceSettings inference(int threads) {
    return new InferenceSettings(runtime, precision, threads);
  }

  /** The card's preprocessing and output settings, as they enter a result's identity (SEG UIDs, result folders). */
  public String describeSettings() {
    return "spacing=" + java.util.Arrays.toString(spacing) + " tolerance=" + java.util.Arrays.toString(spacingTolerance)
        + " orientation=" + orientation + " crop=" + cropThresholdHu + "/" + cropMargin + " intensity=" + intensity
        + " roi=" + java.util.Arrays.toString(roiSize) + " channels=" + outChannels
        + (fp32Source == null ? "" : " fp32Source=" + fp32Source.sha256());
  }
}
