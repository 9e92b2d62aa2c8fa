package io.ctpipe.models.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctpipe.models.card.ModelCard;
import io.ctpipe.models.card.ModelCards;
import io.ctpipe.models.runtime.Backend;
import io.ctpipe.models.runtime.BackendUnavailableException;
import io.ctpipe.models.runtime.InferenceBackends;
import io.ctpipe.models.runtime.InferenceOverrides;
import io.ctpipe.models.runtime.InferenceResolver;
import io.ctpipe.models.runtime.Precision;
import io.ctpipe.models.runtime.ResolvedInference;
import io.ctpipe.models.zoo.ModelZoo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A setup's identity names the backend and precision that run, and why when it is a fallback. */
class SegmentationSetupTest {
  @TempDir
  static Path dir;

  private static ModelCard tissue;

  @BeforeAll
  static void setUp() throws Exception {
    tissue = ModelCards.read(ModelZoo.write(dir.resolve("zoo"), List.of(ModelZoo.TISSUE_CT))
        .get(ModelZoo.TISSUE_CT));
  }

  @Test
  void aFallbackChangesTheHashAndNamesItsReason() throws Exception {
    SegmentationSetup onOneDnn = SegmentationSetup.of(tissue, null, InferenceOverrides.cardDefaults(1));
    assertEquals(new ResolvedInference(Backend.ONEDNN, Precision.FP32, 1, null), onOneDnn.inference(),
        "auto resolves to what runs, never AUTO");
    assertTrue(onOneDnn.identity().endsWith(" inference=ONEDNN/FP32"), onOneDnn.identity());
    SegmentationSetup fellBack = SegmentationSetup.of(tissue, null, InferenceOverrides.cardDefaults(1),
        (network, roi, asked) -> InferenceBackends.resolve(network, roi, asked, () -> {
          throw new UnsatisfiedLinkError("no jnidnnl in java.library.path");
        }));
    assertEquals(Backend.ONNXRUNTIME, fellBack.inference().backend());
    assertTrue(fellBack.identity().endsWith(" inference=ONNXRUNTIME/FP32 fallback=\"oneDNN's native library cannot "
        + "load here (java.lang.UnsatisfiedLinkError: no jnidnnl in java.library.path)\""), fellBack.identity());
    assertNotEquals(onOneDnn.hash(), fellBack.hash());
    assertEquals(onOneDnn.hash(), SegmentationSetup.of(tissue, null, InferenceOverrides.cardDefaults(3)).hash(),
        "threads do not enter the identity");
  }

  @Test
  void aSegmenterOpensExactlyWhatItsSetupWasResolvedTo() throws Exception {
    SegmentationSetup int8 = SegmentationSetup.of(tissue, null, InferenceOverrides.cardDefaults(1),
        InferenceResolver.pinned(new ResolvedInference(Backend.ONEDNN, Precision.INT8, 1, null)));
    BackendUnavailableException e = assertThrows(BackendUnavailableException.class, () -> new Segmenter(int8));
    assertEquals("'tissue-ct' is configured to run on onednn/int8 but cannot run on it here: int8 needs a model with "
        + "quantised (QDQ) convolutions; write one with 'ctpipe models quantize'", e.getMessage());
  }
}
