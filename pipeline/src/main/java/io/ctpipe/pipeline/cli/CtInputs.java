package io.ctpipe.pipeline.cli;

import io.ctpipe.dicom.DicomReader;
import io.ctpipe.dicom.labelmap.NiftiReader;
import io.ctpipe.dicom.volume.CtSeries;
import io.ctpipe.dicom.volume.HuVolume;
import io.ctpipe.dicom.volume.SeriesScanner;
import io.ctpipe.dicom.volume.VolumeAssembler;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Reads the CT a command works on: a NIfTI file, or a DICOM file or folder holding exactly one series. */
final class CtInputs {
  private CtInputs() {}

  static HuVolume read(Path input) throws IOException {
    String name = input.getFileName().toString().toLowerCase();
    if (name.endsWith(".nii") || name.endsWith(".nii.gz")) {
      return NiftiReader.readCt(input);
    }
    DicomReader reader = new DicomReader();
    List<CtSeries> series = new SeriesScanner(reader).scan(input).series();
    if (series.size() != 1) {
      throw new IOException(input + " holds " + series.size() + " series; give a folder with one CT series");
    }
    return new VolumeAssembler(reader).assemble(series.get(0));
  }
}
