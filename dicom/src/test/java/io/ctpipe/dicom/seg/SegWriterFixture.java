package io.ctpipe.dicom.seg;

import java.nio.file.Path;

/** A phantom CT with its anatomy as label map, for tests outside this package. */
public final class SegWriterFixture {
  private final PhantomSegmentation phantom;

  private SegWriterFixture(PhantomSegmentation phantom) {
    this.phantom = phantom;
  }

  public static SegWriterFixture phantom(Path ctFolder) throws java.io.IOException {
    return new SegWriterFixture(PhantomSegmentation.create(ctFolder, new int[] {48, 40, 12},
        new double[] {8, 8, 6}));
  }

  public SegWriter.Seg build(SegmentationType type) throws SegmentationException {
    return SegWriter.build(phantom.volume, phantom.labels, PhantomSegmentation.SEGMENTS, PhantomSegmentation.INFO,
        type, true);
  }

  public String studyInstanceUid() {
    return phantom.volume.studyInstanceUid();
  }
}
