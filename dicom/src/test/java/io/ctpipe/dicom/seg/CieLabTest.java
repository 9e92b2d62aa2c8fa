package io.ctpipe.dicom.seg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** sRGB → DICOM scaled CIELab → sRGB returns the colour (within rounding); white and black are the scale's ends. */
class CieLabTest {
  @Test
  void roundTripsEveryColourWithinOneUnit() {
    for (int r = 0; r < 256; r += 17) {
      for (int g = 0; g < 256; g += 17) {
        for (int b = 0; b < 256; b += 17) {
          int[] back = CieLab.toRgb(CieLab.fromRgb(new int[] {r, g, b}));
          for (int c = 0; c < 3; c++) {
            int original = new int[] {r, g, b}[c];
            assertTrue(Math.abs(back[c] - original) <= 1, r + "," + g + "," + b + " came back as "
                + java.util.Arrays.toString(back));
          }
        }
      }
    }
  }

  @Test
  void whiteAndBlackAreTheScaleEnds() {
    assertArrayEquals(new int[] {65535, 32896, 32896}, CieLab.fromRgb(new int[] {255, 255, 255}));
    assertArrayEquals(new int[] {0, 0, 0}, CieLab.toRgb(new int[] {0, 32896, 32896}));
    assertArrayEquals(new int[] {255, 255, 255}, CieLab.toRgb(new int[] {65535, 32896, 32896}));
  }
}
