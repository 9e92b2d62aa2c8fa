package io.ctpipe.models.card;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctpipe.models.runtime.Precision;
import io.ctpipe.models.segment.Segmenter;
import io.ctpipe.models.tiling.Accumulation;
import io.ctpipe.models.tiling.BlendMode;
import io.ctpipe.models.tiling.TilingOptions;
import io.ctpipe.models.zoo.ModelZoo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each profile resolves to its documented settings; a card can name one and a caller can override it. */
class SpeedProfileTest {
  @TempDir
  Path dir;

  private static final TilingOptions CARD = TilingOptions.of(new int[] {64, 64, 64}, 0.625, BlendMode.CONSTANT)
      .withBatch(2).withPadValue(-1f);

  /** HU → input as a clip-scale card would map it. */
  private static double input(double hu) {
    return hu / 1000;
  }

  @Test
  void fastIsOverlapZeroTopKAirSkippedInTheCardsPrecision() {
    TilingOptions o = SpeedProfile.FAST.apply(CARD, SpeedProfileTest::input);
    assertArrayEquals(new double[] {0, 0, 0}, o.overlap());
    assertEquals(BlendMode.GAUSSIAN, o.mode());
    assertEquals(Accumulation.TOPK, o.accumulation());
    assertEquals(3, o.topK());
    assertEquals(-0.9f, o.skipBelow(), 1e-6);
    assertEquals(2, o.batch(), "the card's batch");
    assertEquals(-1f, o.padValue(), "the card's padding");
    assertEquals(Precision.FP32, SpeedProfile.FAST.precision(Precision.FP32));
    assertEquals(Precision.INT8, SpeedProfile.FAST.precision(Precision.INT8), "a quantised card stays int8");
  }

  @Test
  void balancedIsOverlapHalfTopKAirSkipped() {
    TilingOptions o = SpeedProfile.BALANCED.apply(CARD, SpeedProfileTest::input);
    assertArrayEquals(new double[] {0.5, 0.5, 0.5}, o.overlap());
    assertEquals(BlendMode.GAUSSIAN, o.mode());
    assertEquals(Accumulation.TOPK, o.accumulation());
    assertEquals(-0.9f, o.skipBelow(), 1e-6);
    assertEquals(Precision.BF16, SpeedProfile.BALANCED.precision(Precision.BF16));
  }

  @Test
  void accurateKeepsTheCardsWindowsInFloat32WithLabelsEqualToFull() {
    TilingOptions o = SpeedProfile.ACCURATE.apply(CARD, SpeedProfileTest::input);
    assertArrayEquals(new double[] {0.625, 0.625, 0.625}, o.overlap());
    assertEquals(BlendMode.CONSTANT, o.mode());
    assertEquals(Accumulation.STREAMING, o.accumulation());
    assertTrue(Float.isNaN(o.skipBelow()), "no window skipped");
    assertEquals(Precision.FP32, SpeedProfile.ACCURATE.precision(Precision.BF16));
  }

  @Test
  void fastAndBalancedCropToTheBodyUnlessTheCardCrops() throws Exception {
    ModelCard card = ModelCards.read(ModelZoo.write(dir, List.of(ModelZoo.TISSUE_CT)).get(ModelZoo.TISSUE_CT));
    assertTrue(Double.isNaN(card.cropThresholdHu()), "tissue-ct does not crop");
    assertEquals(-500, SpeedProfile.FAST.preprocessing(card).cropThresholdHu());
    assertEquals(-500, SpeedProfile.BALANCED.preprocessing(card).cropThresholdHu());
    assertEquals(card.cropMargin(), SpeedProfile.FAST.preprocessing(card).cropMargin());
    assertTrue(Double.isNaN(SpeedProfile.ACCURATE.preprocessing(card).cropThresholdHu()), "accurate never crops");
    ModelCard cropping = card.withCrop(0);
    assertEquals(0, SpeedProfile.FAST.preprocessing(cropping).cropThresholdHu(), "the card's own crop wins");
  }

  @Test
  void namesParseAndUnknownNamesAreRefused() {
    assertEquals(SpeedProfile.BALANCED, SpeedProfile.parse(" Balanced "));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SpeedProfile.parse("quick"));
    assertEquals("profile 'quick' is not fast, balanced or accurate", e.getMessage());
  }

  @Test
  void aCardNamesItsProfileAndACallerOverridesIt() throws Exception {
    Path file = ModelZoo.write(dir, List.of(ModelZoo.TISSUE_CT)).get(ModelZoo.TISSUE_CT);
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode node = (ObjectNode) mapper.readTree(file.toFile());
    node.put("profile", "fast");
    mapper.writeValue(file.toFile(), node);
    ModelCard card = ModelCards.read(file);
    assertEquals(SpeedProfile.FAST, card.profile());
    try (Segmenter own = new Segmenter(card, 1)) {
      assertEquals(SpeedProfile.FAST, own.profile());
      assertEquals(Accumulation.TOPK, own.defaultOptions().accumulation());
      assertEquals(card.intensity().apply(-900f), own.defaultOptions().skipBelow(), 1e-6);
      assertEquals(-500, own.card().cropThresholdHu(), "the card as run carries the profile's crop into identities");
    }
    try (Segmenter overridden = Segmenter.open(card, SpeedProfile.ACCURATE,
        io.ctpipe.models.runtime.InferenceOverrides.cardDefaults(1))) {
      assertEquals(Accumulation.STREAMING, overridden.defaultOptions().accumulation());
      assertEquals(Precision.FP32, overridden.network().precision());
    }
  }
}
