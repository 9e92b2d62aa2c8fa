package io.ctpipe.models.bpr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctpipe.dicom.labelmap.NiftiCtVolume;
import io.ctpipe.dicom.testing.ExternalTools;
import io.ctpipe.models.testing.Npy;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BprPreprocessorTest {
  private static final double[] AXIAL = {1, 0, 0, 0, 1, 0, 0, 0, 1};

  @TempDir
  Path tmp;

  static NiftiCtVolume volume(int nx, int ny, int nz, double sx, double sy, double[] direction, long seed) {
    Random random = new Random(seed);
    float[] hu = new float[nx * ny * nz];
    for (int i = 0; i < hu.length; i++) {
      hu[i] = (float) (-1200 + 3200 * random.nextDouble());
    }
    return new NiftiCtVolume(new int[] {nx, ny, nz}, hu, new double[] {sx, sy, 2.5}, new double[3], direction);
  }

  @Test
  void resizedSizeRoundsHalfUpAndScalingMapsTheHuRange() {
    assertEquals(103, BprPreprocessor.resizedSize(512, 0.703125));
    assertEquals(137, BprPreprocessor.resizedSize(300, 1.6));
    assertEquals(-1f, BprPreprocessor.scaled(-3000f));
    assertEquals(-0.2f, BprPreprocessor.scaled(0f), 1e-7f);
    assertEquals(1f, BprPreprocessor.scaled(1800f));
  }

  @Test
  void gaussianReflectsHalfSampleSymmetricallyEvenBeyondShortLines() {
    int[] expected = {0, 1, 2, 2, 1, 0, 0};
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], GaussianFilter1d.reflect(-1 - i, 3), "position " + (-1 - i));
    }
    assertEquals(2, GaussianFilter1d.reflect(3, 3));
    GaussianFilter1d g = new GaussianFilter1d(1.0, 3);
    assertEquals(3, g.radius());
    double[] impulse = g.apply(new double[] {0, 0, 0, 1, 0, 0, 0});
    double norm = 1 + 2 * Math.exp(-0.5) + 2 * Math.exp(-2) + 2 * Math.exp(-4.5);
    assertEquals(1 / norm, impulse[3], 1e-15);
    assertEquals(Math.exp(-4.5) / norm, impulse[0], 1e-15);
    assertThrows(IllegalArgumentException.class, () -> new GaussianFilter1d(0, 3));
  }

  @Test
  void linearResizeUsesHalfPixelCentresAndClampsAtTheEdges() {
    LinearResize down = new LinearResize(1, 4, 1, 2);
    float[] out = new float[2];
    down.apply(new float[] {0, 10, 20, 30}, out);
    assertArrayEquals(new float[] {5, 25}, out);
    LinearResize up = new LinearResize(1, 2, 1, 4);
    float[] upOut = new float[4];
    up.apply(new float[] {0, 8}, upOut);
    assertArrayEquals(new float[] {0, 2, 6, 8}, upOut);
  }

  /**
   * bpreg's own scaling expression on float32 numpy data, with Python int constants as bpreg writes it, gives the
   * same float32 bits as ctpipe for every integer HU in range and 100,000 random ones (one rounding in double used
   * to differ by an ulp on a third of them).
   */
  @Test
  void scalingEqualsBpregsFloat32ArithmeticBitForBit() throws Exception {
    ExternalTools.requirePythonModule("numpy");
    java.util.Random random = new java.util.Random(3);
    float[] hu = new float[2701 + 100_000];
    for (int i = 0; i < 2701; i++) {
      hu[i] = -1100 + i;
    }
    for (int i = 2701; i < hu.length; i++) {
      hu[i] = (float) (-1100 + 2700 * random.nextDouble());
    }
    Path in = tmp.resolve("hu.npy");
    Path out = tmp.resolve("scaled.npy");
    Npy.writeFloats(in, new int[] {hu.length}, hu);
    ExternalTools.Output run = ExternalTools.run(List.of(ExternalTools.PYTHON, "-c", "import sys, numpy as np; "
        + "x = np.load(sys.argv[1]).astype(np.float32); min_hu, max_hu, rmin, rmax = -1000, 1500, -1.0, 1.0; "
        + "x = np.clip(x, min_hu, max_hu); x = (x - min_hu) * (rmax - rmin) / (max_hu - min_hu) + rmin; "
        + "np.save(sys.argv[2], x.astype(np.float32))", in.toString(), out.toString()));
    assertEquals(0, run.exitCode(), run.stderr());
    float[] reference = Npy.readFloats(out);
    int differ = 0;
    for (int i = 0; i < hu.length; i++) {
      if (Float.floatToIntBits(reference[i]) != Float.floatToIntBits(BprPreprocessor.scaled(hu[i]))) {
        differ++;
      }
    }
    assertEquals(0, differ, "values whose float32 bits differ from bpreg's");
  }

  /** SciPy's gaussian_filter and OpenCV's resize, run by Debian's Python, give the same slices. */
  @ParameterizedTest
  @CsvSource({"300, 150, 1.6, 0.9", "40, 30, 5.0, 5.0", "180, 150, 0.8, 1.1"})
  void matchesScipyAndOpenCv(int nx, int ny, double sx, double sy) throws Exception {
    ExternalTools.requirePythonModule("cv2");
    ExternalTools.requirePythonModule("scipy.ndimage");
    int nz = 3;
    NiftiCtVolume ct = volume(nx, ny, nz, sx, sy, AXIAL, nx);
    float[] layout = new float[nx * ny * nz];
    for (int x = 0; x < nx; x++) {
      for (int y = 0; y < ny; y++) {
        for (int z = 0; z < nz; z++) {
          layout[(x * ny + y) * nz + z] = ct.hu(x + nx * (y + ny * z));
        }
      }
    }
    Path in = tmp.resolve("volume.npy");
    Path out = tmp.resolve("slices.npy");
    Npy.writeFloats(in, new int[] {nx, ny, nz}, layout);
    ExternalTools.Output run = ExternalTools.run(List.of(ExternalTools.PYTHON,
        ExternalTools.script("bpr_preprocess.py").toString(), in.toString(), Double.toString(sx),
        Double.toString(sy), out.toString()));
    assertEquals(0, run.exitCode(), run.stderr());
    float[] reference = Npy.readFloats(out);
    BprSlices slices = BprPreprocessor.prepare(ct);
    assertEquals(reference.length, slices.pixels().length);
    double maxDiff = 0;
    for (int i = 0; i < reference.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(reference[i] - slices.pixels()[i]));
    }
    assertTrue(maxDiff < 2e-6, "max |ctpipe − scipy/OpenCV| = " + maxDiff);
  }

  /**
   * A marker voxel near the feet, patient right, anterior ends up in the first slice, low row, low column, whether
   * the slices are stored head-first or feet-first; a feet-first store is reversed on all three axes.
   */
  @Test
  void slicesRunFeetToHeadWhateverTheStorageOrder() throws Exception {
    int n = 40;
    double[] feetFirst = {1, 0, 0, 0, 1, 0, 0, 0, -1};
    for (double[] direction : List.of(AXIAL, feetFirst)) {
      float[] hu = new float[n * n * 4];
      java.util.Arrays.fill(hu, -1000);
      boolean reversed = direction[8] < 0;
      int z = reversed ? 3 : 0;
      int x = reversed ? n - 3 : 2;
      int y = reversed ? n - 6 : 5;
      hu[x + n * (y + n * z)] = 3000;
      NiftiCtVolume ct = new NiftiCtVolume(new int[] {n, n, 4}, hu, new double[] {3.5, 3.5, 5}, new double[3],
          direction);
      BprAxes axes = BprAxes.of(ct);
      assertEquals(reversed, axes.reversed());
      BprSlices slices = BprPreprocessor.prepare(ct);
      int offset = (128 - n) / 2;
      int peak = argmax(slices.pixels());
      assertEquals(0, peak / (128 * 128), "slice");
      assertEquals(offset + 2, peak % (128 * 128) / 128, "row (patient right to left)");
      assertEquals(offset + 5, peak % 128, "column (anterior to posterior)");
    }
  }

  /** A sagittally stored volume (slices along left-right) still gets axial slices ordered feet to head. */
  @Test
  void sagittalVolumesAreReadAlongThePatientAxis() throws Exception {
    double[] sagittal = {0, 1, 0, 0, 0, -1, 1, 0, 0};
    BprAxes axes = BprAxes.of(volume(30, 20, 24, 2, 3, sagittal, 1));
    assertEquals(1, axes.sliceAxis());
    assertEquals(2, axes.rowAxis());
    assertEquals(0, axes.columnAxis());
    assertTrue(axes.reversed());
    assertEquals(20, axes.slices());
    BprAxes axial = BprAxes.of(volume(30, 20, 24, 2, 3, AXIAL, 1));
    assertFalse(axial.reversed());
    assertEquals(2, axial.sliceAxis());
  }

  @Test
  void tinyInPlaneImagesAreRejectedWithTheirSizes() {
    NiftiCtVolume ct = volume(2, 40, 3, 1.0, 1.0, AXIAL, 2);
    BodyPartRegressionException e = assertThrows(BodyPartRegressionException.class,
        () -> BprPreprocessor.prepare(ct));
    assertTrue(e.getMessage().contains("2x40 slice") && e.getMessage().contains("at least 2x2"), e.getMessage());
  }

  private static int argmax(float[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] > values[best]) {
        best = i;
      }
    }
    return best;
  }
}
