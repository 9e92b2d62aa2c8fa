package io.ctpipe.models.bpr;

import io.ctpipe.dicom.DicomReader;
import io.ctpipe.dicom.phantom.PhantomSeriesWriter;
import io.ctpipe.dicom.phantom.PhantomSpec;
import io.ctpipe.dicom.volume.CtVolume;
import io.ctpipe.dicom.volume.SeriesScanner;
import io.ctpipe.dicom.volume.VolumeAssembler;
import io.ctpipe.models.zoo.ModelZoo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The zoo's body part regression replica written once per JVM, and CT volumes read from DICOM folders. */
final class BprFixtures {
  private static Path card;

  private BprFixtures() {}

  static BprCard replica() throws IOException {
    return BprCards.read(replicaCardFile());
  }

  static synchronized Path replicaCardFile() throws IOException {
    if (card == null) {
      Path folder = java.nio.file.Files.createTempDirectory("ctpipe-bpr-zoo");
      folder.toFile().deleteOnExit();
      card = ModelZoo.write(folder, List.of(ModelZoo.BPR_VGG16)).get(ModelZoo.BPR_VGG16);
      card.toFile().deleteOnExit();
      card.resolveSibling(ModelZoo.BPR_VGG16 + ".onnx").toFile().deleteOnExit();
    }
    return card;
  }

  static CtVolume read(Path folder) throws IOException {
    DicomReader reader = new DicomReader();
    return new VolumeAssembler(reader).assemble(new SeriesScanner(reader).scan(folder).series().get(0));
  }

  static CtVolume phantom(Path folder, int[] dims, double[] spacing) throws IOException {
    PhantomSeriesWriter.write(PhantomSpec.of(dims, spacing, 5), folder);
    return read(folder);
  }
}
