package io.ctpipe.pipeline.cli;

import io.ctpipe.dicom.DicomReader;
import io.ctpipe.dicom.labelmap.NiftiReader;
import io.ctpipe.dicom.volume.HuVolume;
import io.ctpipe.dicom.volume.VolumeAssembler;
import java.io.IOException;
import java.nio.file.Path;

/** Reads the CT a command works on: a NIfTI file, or a DICOM file or folder holding exactly one series. */
final class CtInputs {
  private CtInputs() {}

  static HuVolume read(Path input) throws IOException {
    String name = input.getFileName().toString().toLowerCase();
    if (name.endsWith(".nii") || name.endsWith(".nii.gz")) {
      return NiftiReader.readCt(input);
    }
    return new VolumeAssembler(new DicomReader()).assembleOnlySeries(input);
  }
}
