package io.ctpipe.models.tiling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The binary16 conversion used by STREAMING_FP16. */
class HalfTest {
  @Test
  void everyHalfRoundTrips() {
    for (int bits = 0; bits < 65536; bits++) {
      short h = (short) bits;
      float f = Half.toFloat(h);
      if (Float.isNaN(f)) {
        assertTrue(Float.isNaN(Half.toFloat(Half.fromFloat(f))));
      } else {
        assertEquals(bits, Half.fromFloat(f) & 0xFFFF, "half 0x" + Integer.toHexString(bits));
      }
    }
  }

  @Test
  void knownValuesAndRounding() {
    assertEquals(0x3C00, Half.fromFloat(1f) & 0xFFFF);
    assertEquals(0xC000, Half.fromFloat(-2f) & 0xFFFF);
    assertEquals(0x7BFF, Half.fromFloat(65504f) & 0xFFFF);
    assertEquals(0x7C00, Half.fromFloat(65520f) & 0xFFFF, "rounds up to infinity");
    assertEquals(0x0001, Half.fromFloat(0x1p-24f) & 0xFFFF, "smallest subnormal");
    assertEquals(0x0000, Half.fromFloat(0x1p-25f) & 0xFFFF, "halfway to zero rounds to even");
    assertEquals(0x3C00, Half.fromFloat(1f + 0x1p-11f) & 0xFFFF, "tie rounds to even");
    assertEquals(0x3C01, Half.fromFloat(1f + 0x1p-11f + 0x1p-20f) & 0xFFFF);
  }

  @Test
  void conversionIsNearest() {
    Random random = new Random(3);
    for (int i = 0; i < 200_000; i++) {
      float f = (float) ((random.nextDouble() - 0.5) * Math.pow(2, random.nextInt(40) - 25));
      float back = Half.toFloat(Half.fromFloat(f));
      float up = Half.toFloat((short) (Half.fromFloat(f) + (f >= 0 ? 1 : -1)));
      float down = Half.toFloat((short) (Half.fromFloat(f) - (f >= 0 ? 1 : -1)));
      assertTrue(Math.abs(back - f) <= Math.abs(up - f) && Math.abs(back - f) <= Math.abs(down - f) || back == 0,
          f + " -> " + back);
    }
  }
}
