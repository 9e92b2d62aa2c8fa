package io.ctpipe.pipeline.command;

import io.ctpipe.dicom.DicomReader;
import io.ctpipe.dicom.labelmap.NiftiCtVolume;
import io.ctpipe.dicom.labelmap.NiftiReader;
import io.ctpipe.dicom.volume.HuVolume;
import io.ctpipe.dicom.volume.VolumeAssembler;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * Reads the CT a command works on: a NIfTI file, or a DICOM file or folder holding exactly one series. A NIfTI whose
 * pixdim disagrees with its affine is read by the affine, with a warning.
 */
public final class CtInputs {
  private CtInputs() {}

  public static HuVolume read(Path input, PrintWriter warnings) throws IOException {
    String name = input.getFileName().toString().toLowerCase();
    if (name.endsWith(".nii") || name.endsWith(".nii.gz")) {
      NiftiCtVolume volume = NiftiReader.readCt(input);
      volume.pixdimDisagreement().ifPresent(w -> warnings.println("WARNING: " + input.getFileName() + ": " + w));
      return volume;
    }
    return new VolumeAssembler(new DicomReader()).assembleOnlySeries(input);
  }
}
