package io.ctpipe.dicom.seg;

import io.ctpipe.dicom.DicomReader;
import io.ctpipe.dicom.phantom.PhantomSeriesWriter;
import io.ctpipe.dicom.phantom.PhantomSpec;
import io.ctpipe.dicom.phantom.TorsoPhantom;
import io.ctpipe.dicom.volume.CtVolume;
import io.ctpipe.dicom.volume.LabelMap;
import io.ctpipe.dicom.volume.SeriesScanner;
import io.ctpipe.dicom.volume.VolumeAssembler;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

/** A phantom CT series with its true anatomy as a label map and a segment description per organ. */
final class PhantomSegmentation {
  static final CodedConcept ANATOMY = new CodedConcept("SCT", "123037004", "Anatomical Structure");
  static final List<SegmentDescription> SEGMENTS = List.of(
      new SegmentDescription(1, "Lung", ANATOMY, new CodedConcept("SCT", "39607008", "Lung"), null,
          new int[] {197, 165, 145}),
      new SegmentDescription(2, "Liver", ANATOMY, new CodedConcept("SCT", "10200004", "Liver"), null,
          new int[] {221, 130, 101}),
      new SegmentDescription(5, "Spleen", ANATOMY, new CodedConcept("SCT", "78961009", "Spleen"), null, null),
      new SegmentDescription(7, "Kidney left", ANATOMY, new CodedConcept("SCT", "64033007", "Kidney"),
          CodedConcept.LEFT, new int[] {185, 102, 83}),
      new SegmentDescription(8, "Kidney right", ANATOMY, new CodedConcept("SCT", "64033007", "Kidney"),
          CodedConcept.RIGHT, new int[] {185, 102, 83}),
      new SegmentDescription(300, "Bone", ANATOMY, new CodedConcept("SCT", "272673000", "Bone"), null,
          new int[] {241, 214, 145}));
  static final SegSeriesInfo INFO = SegSeriesInfo.forModel("phantom-truth", "1.0", "none", "test",
      LocalDateTime.of(2026, 1, 2, 3, 4, 5));

  final CtVolume volume;
  final LabelMap labels;

  private PhantomSegmentation(CtVolume volume, LabelMap labels) {
    this.volume = volume;
    this.labels = labels;
  }

  static PhantomSegmentation create(Path dir, int[] dims, double[] spacing) throws IOException {
    PhantomSeriesWriter.write(PhantomSpec.of(dims, spacing, 5), dir);
    DicomReader reader = new DicomReader();
    CtVolume volume = new VolumeAssembler(reader).assemble(new SeriesScanner(reader).scan(dir).series().get(0));
    TorsoPhantom phantom = new TorsoPhantom(5);
    LabelMap labels = LabelMap.empty(dims);
    int i = 0;
    for (int z = 0; z < dims[2]; z++) {
      for (int y = 0; y < dims[1]; y++) {
        for (int x = 0; x < dims[0]; x++, i++) {
          double hu = phantom.tissue(volume.origin()[0] + x * spacing[0], volume.origin()[1] + y * spacing[1],
              (z + 0.5) / dims[2]);
          labels.set(i, labelOf(hu, x < dims[0] / 2));
        }
      }
    }
    return new PhantomSegmentation(volume, labels);
  }

  private static int labelOf(double hu, boolean patientRight) {
    if (hu == TorsoPhantom.LUNG) {
      return 1;
    } else if (hu == TorsoPhantom.LIVER) {
      return 2;
    } else if (hu == TorsoPhantom.SPLEEN) {
      return 5;
    } else if (hu == TorsoPhantom.KIDNEY) {
      return patientRight ? 8 : 7;
    } else if (hu == TorsoPhantom.BONE || hu == TorsoPhantom.MARROW) {
      return 300;
    }
    return 0;
  }
}
