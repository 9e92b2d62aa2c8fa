package io.ctpipe.models.tiling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Scan positions and importance weights against values computed by hand from MONAI's formulas. */
class WindowGridTest {
  @ParameterizedTest(name = "S={0} R={1} overlap={2}: starts {3}")
  @CsvSource(delimiter = ';', value = {
      // step = floor(R(1-o)), N = ceil((S-R)/step)+1, last start flush with S-R
      "267; 96; 0.625; 0 36 72 108 144 171",
      "267; 96; 0.25; 0 72 144 171",
      "400; 144; 0.625; 0 54 108 162 216 256",
      "96; 96; 0.5; 0",
      "50; 96; 0.5; 0",
      "97; 96; 0.25; 0 1",
      "200; 96; 0.0; 0 96 104"})
  void startsFollowMonai(int size, int roi, double overlap, String expected) {
    WindowGrid grid = new WindowGrid(new int[] {size, size, size}, new int[] {roi, roi, roi},
        new double[] {overlap, overlap, overlap});
    int[] starts = java.util.Arrays.stream(expected.split(" ")).mapToInt(Integer::parseInt).toArray();
    assertArrayEquals(starts, grid.starts(0));
  }

  @Test
  void windowCountsOfTheSpecExamples() {
    assertEquals(360, new WindowGrid(new int[] {267, 267, 400}, new int[] {96, 96, 96},
        new double[] {0.625, 0.625, 0.625}).windowCount());
    assertEquals(96, new WindowGrid(new int[] {267, 267, 400}, new int[] {96, 96, 96},
        new double[] {0.25, 0.25, 0.25}).windowCount());
    assertEquals(24, new WindowGrid(new int[] {267, 267, 400}, new int[] {224, 224, 144},
        new double[] {0.625, 0.625, 0.625}).windowCount());
    assertEquals(3, new WindowGrid(new int[] {134, 134, 200}, new int[] {224, 224, 144},
        new double[] {0.625, 0.625, 0.625}).windowCount());
  }

  @Test
  void shortAxesArePaddedHalfBefore() {
    WindowGrid grid = new WindowGrid(new int[] {13, 96, 50}, new int[] {96, 96, 96}, new double[] {0.5, 0.5, 0.5});
    assertEquals(41, grid.padBefore(0), "(96 - 13) / 2 rounded down");
    assertEquals(0, grid.padBefore(1));
    assertEquals(23, grid.padBefore(2));
  }

  @Test
  void badSettingsAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new WindowGrid(
        new int[] {10, 10, 10}, new int[] {8, 8, 8}, new double[] {1.0, 0.5, 0.5}));
    assertEquals("overlap 1.0 must be in [0, 1)", e.getMessage());
  }

  @Test
  void gaussianImportanceMapMatchesTheFormula() {
    int r = 96;
    float[] map = ImportanceMap.of(new int[] {r, r, r}, BlendMode.GAUSSIAN, 0.125);
    double sigma = 0.125 * r;
    double centre = (r - 1) / 2.0;
    java.util.function.IntToDoubleFunction g = i -> Math.exp(-(i - centre) * (i - centre) / (2 * sigma * sigma));
    // centre voxel (47, 47, 47): product of three 1-D weights at offset -0.5
    assertEquals(Math.pow(g.applyAsDouble(47), 3), map[(47 * r + 47) * r + 47], 1e-6);
    // an off-centre voxel above the floor
    assertEquals(g.applyAsDouble(30) * g.applyAsDouble(47) * g.applyAsDouble(60), map[(30 * r + 47) * r + 60], 1e-6);
    // corners and edges sit at MONAI's floor of 0.001
    assertEquals(0.001f, map[0]);
    assertEquals(0.001f, map[(r * r * r) - 1]);
    long floored = 0;
    for (float w : map) {
      floored += w == 0.001f ? 1 : 0;
    }
    assertEquals(0.58, floored / (double) map.length, 0.01, "58 % of the window at the floor, as the spec derives");
    float[] constant = ImportanceMap.of(new int[] {4, 5, 6}, BlendMode.CONSTANT, 0.125);
    assertEquals(120, constant.length);
    assertEquals(1f, constant[77]);
  }
}
