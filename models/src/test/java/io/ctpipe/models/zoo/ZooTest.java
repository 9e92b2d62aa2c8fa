package io.ctpipe.models.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctpipe.models.runtime.OrtPredictor;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

/** The zoo's networks: parameter and MAC counts of the replicas, and tissue-ct against a plain-Java computation. */
class ZooTest {
  @Test
  void classProbeHasTheAskedChannelsAndUnknownIdsAreExplained(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path card = ModelZoo.write(dir, java.util.List.of("class-probe-16")).get("class-probe-16");
    io.ctpipe.models.card.ModelCard c = io.ctpipe.models.card.ModelCards.read(card);
    assertEquals(16, c.outChannels());
    assertTrue(c.untrained());
    try (OrtPredictor p = ZooFixtures.open(ClassProbe.build(16, new int[] {8, 8, 8}, 1))) {
      assertEquals(16, p.outputChannels());
    }
    assertEquals(-1, ClassProbe.classes("class-probe-1"));
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> ModelZoo.write(dir, java.util.List.of("class-probe-x")));
    assertTrue(e.getMessage().startsWith("unknown zoo model 'class-probe-x'; known: ["), e.getMessage());
    assertTrue(e.getMessage().endsWith("and class-probe-C (C from 2 to 1024)"), e.getMessage());
  }

  @Test
  void segResNetDefaultsHaveMonaisParameterCount() {
    ZooModel m = SegResNets.segResNet("segresnet-default", 1, new int[] {64, 128, 128}, 1);
    assertEquals(1_176_177, m.parameters());
    assertEquals(18_270_388_224L, m.macsPerWindow(), "18.27 GMAC per 1x1x64x128x128 patch");
  }

  @Test
  void segResNetDsHasTheAuto3dSegParameterCount() {
    for (int classes : new int[] {105, 118}) {
      ZooModel m = SegResNets.segResNetDs("segresnetds", classes, new int[] {96, 96, 96}, 1);
      assertEquals(87_163_232L + 33L * classes, m.parameters(), "body + full-resolution head");
      assertEquals(87_163_232L + 484L * classes, SegResNets.segResNetDsCheckpointParameters(classes));
      // spec §4.4: 310,176 + 42.5·C MAC per voxel with all four heads; the full-resolution head alone is 32·C
      double perVoxel = m.macsPerWindow() / (96.0 * 96 * 96);
      assertEquals(310_176 + 32.0 * classes, perVoxel, 1.0);
    }
  }

  @Test
  void tissueCtEqualsAPlainJavaComputation() throws Exception {
    int[] roi = {12, 10, 14};
    float[] input = ZooFixtures.phantomInput(roi, 25);
    try (OrtPredictor model = ZooFixtures.open(TissueCt.build(roi))) {
      FloatBuffer in = model.inputBuffer(1);
      in.put(0, input);
      FloatBuffer out = model.predict(1);
      float[] smoothed = mean3(mean3(edgePad(input, roi, 2), plus(roi, 4)), plus(roi, 2));
      int n = roi[0] * roi[1] * roi[2];
      double maxError = 0;
      for (int v = 0; v < n; v++) {
        for (int c = 0; c < TissueCt.CENTRES_HU.length; c++) {
          double centre = TissueCt.CENTRES_HU[c] * TissueCt.SCALE;
          double expected = -Math.abs(smoothed[v] - centre) / (TissueCt.WIDTHS_HU[c] * TissueCt.SCALE);
          maxError = Math.max(maxError, Math.abs(expected - out.get(c * n + v)));
        }
      }
      assertTrue(maxError < 1e-4, "max |ORT − Java| " + maxError);
    }
  }

  private static int[] plus(int[] size, int d) {
    return new int[] {size[0] + d, size[1] + d, size[2] + d};
  }

  private static float[] edgePad(float[] v, int[] size, int pad) {
    int[] p = plus(size, 2 * pad);
    float[] out = new float[p[0] * p[1] * p[2]];
    for (int x = 0; x < p[0]; x++) {
      for (int y = 0; y < p[1]; y++) {
        for (int z = 0; z < p[2]; z++) {
          int sx = Math.min(size[0] - 1, Math.max(0, x - pad));
          int sy = Math.min(size[1] - 1, Math.max(0, y - pad));
          int sz = Math.min(size[2] - 1, Math.max(0, z - pad));
          out[(x * p[1] + y) * p[2] + z] = v[(sx * size[1] + sy) * size[2] + sz];
        }
      }
    }
    return out;
  }

  /** Valid 3³ mean: the output is 2 smaller per axis. */
  private static float[] mean3(float[] v, int[] size) {
    int[] o = plus(size, -2);
    float[] out = new float[o[0] * o[1] * o[2]];
    for (int x = 0; x < o[0]; x++) {
      for (int y = 0; y < o[1]; y++) {
        for (int z = 0; z < o[2]; z++) {
          double sum = 0;
          for (int dx = 0; dx < 3; dx++) {
            for (int dy = 0; dy < 3; dy++) {
              for (int dz = 0; dz < 3; dz++) {
                sum += v[((x + dx) * size[1] + y + dy) * size[2] + z + dz];
              }
            }
          }
          out[(x * o[1] + y) * o[2] + z] = (float) (sum / 27);
        }
      }
    }
    return out;
  }
}
