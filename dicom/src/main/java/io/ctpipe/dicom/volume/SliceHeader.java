package io.ctpipe.dicom.volume;

import java.util.List;

/**
 * The facts about one 2D slice that series grouping and volume assembly need: a single-frame image, or one frame
 * of an enhanced (multi-frame) image.
 *
 * @param source where the object was read from
 * @param frame 0-based frame index within the object
 * @param framesInObject NumberOfFrames of the object (1 for single-frame images)
 * @param position ImagePositionPatient (mm, LPS), or null when absent
 * @param orientation ImageOrientationPatient (row then column cosines), or null when absent
 * @param pixelSpacing row spacing then column spacing (mm), or null when absent
 * @param sliceThickness mm, NaN when absent
 */
public record SliceHeader(String source, int frame, int framesInObject, String sopInstanceUid, String sopClassUid, int instanceNumber,
    int acquisitionNumber, double[] position, double[] orientation, double[] pixelSpacing, int rows, int columns,
    double sliceThickness, double rescaleSlope, double rescaleIntercept, List<String> imageType,
    String transferSyntaxUid) {

  /** True when the slice is one frame of a multi-frame object (references then need a frame number). */
  public boolean isMultiFrame() {
    return framesInObject > 1;
  }

  /** True for scout/localizer images, which are not part of a volume. */
  public boolean isLocalizer() {
    return imageType.size() > 2 && imageType.get(2).equalsIgnoreCase("LOCALIZER");
  }
}
