package io.ctpipe.dicom.labelmap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctpipe.dicom.volume.LabelMap;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NIfTI voxel sizes: the affine's are used; a pixdim that disagrees with them (bpreg reads pixdim) is reported. */
class NiftiPixdimTest {
  @TempDir
  Path dir;

  @Test
  void aPixdimThatDisagreesWithTheAffineIsReported() throws Exception {
    NiftiCtVolume grid = new NiftiCtVolume(new int[] {4, 3, 2}, new float[24], new double[] {0.8, 0.8, 2.5},
        new double[3], new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
    Path file = dir.resolve("ct.nii");
    NiftiWriter.write(LabelMap.empty(new int[] {4, 3, 2}), grid, file);
    NiftiCtVolume consistent = NiftiReader.readCt(file);
    assertArrayEquals(new double[] {0.8, 0.8, 2.5}, consistent.spacing(), 1e-6);
    assertTrue(consistent.pixdimDisagreement().isEmpty());

    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putFloat(88, 3.0f); // pixdim[3]: slice thickness
    Files.write(file, bytes);
    NiftiCtVolume disagreeing = NiftiReader.readCt(file);
    assertArrayEquals(new double[] {0.8, 0.8, 2.5}, disagreeing.spacing(), 1e-6, "the affine is followed");
    String warning = disagreeing.pixdimDisagreement().orElseThrow();
    assertTrue(warning.startsWith("NIfTI pixdim gives voxel sizes [0.800000011920929, 0.800000011920929, 3.0] mm "
        + "but the affine gives ["), warning);
    assertTrue(warning.endsWith("ctpipe uses the affine (bpreg would use pixdim, so its scores may differ)"), warning);
  }
}
