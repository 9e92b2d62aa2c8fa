package io.ctpipe.transforms.process;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctpipe.models.runtime.Backend;
import io.ctpipe.models.runtime.Precision;
import io.ctpipe.models.runtime.ResolvedInference;
import io.ctpipe.models.runtime.onednn.OneDnnNetworks;
import io.ctpipe.models.zoo.ModelZoo;
import io.ctpipe.transforms.qa.QaTable;
import io.ctpipe.transforms.result.DeadLetter;
import io.ctpipe.transforms.result.ModelOutcome;
import io.ctpipe.transforms.result.ModelRun;
import io.ctpipe.transforms.result.ResultRows;
import io.ctpipe.transforms.result.SeriesResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Workers run what the launch resolved: a fallback is in the configuration's identity, hash, configuration.txt and
 * QA rows; a worker that cannot run the resolved backend fails each series with a dead letter naming it; a worker
 * that resolves another configuration than the launch fails each series with a dead letter naming the difference.
 */
public class ResolvedBackendTest {
  private static final String FALLBACK = "oneDNN engine refused the graph: operator Exp is not run by the engine";

  @Rule
  public final TemporaryFolder folder = new TemporaryFolder();

  private static ProcessingConfig pinned(ProcessingConfig config, ResolvedInference seg, ResolvedInference bpr) {
    return config.withResolved(Map.of(config.segModels().get(0), seg, config.bprModel(), bpr));
  }

  @Test
  public void theLaunchResolutionIsWhatWorkersResolveTo() throws Exception {
    ProcessingConfig config = Cohort.config(folder.newFolder("out").toPath(), false);
    RunConfiguration launched = RunConfiguration.resolve(config);
    assertTrue(launched.identity(), launched.identity().contains(" inference=ONEDNN/FP32"));
    assertFalse(launched.identity(), launched.identity().contains("inference=AUTO"));
    RunConfiguration worker = RunConfiguration.resolve(launched.forWorkers(config));
    assertEquals(launched.identity(), worker.identity());
  }

  @Test
  public void aFallbackIsInTheHashConfigurationFileAndRows() throws Exception {
    Cohort cohort = new Cohort(folder.newFolder("cohort").toPath());
    Path output = folder.newFolder("out").toPath();
    ProcessingConfig plain = Cohort.config(output, false);
    ResolvedInference onnx = new ResolvedInference(Backend.ONNXRUNTIME, Precision.FP32, 1, FALLBACK);
    ProcessingConfig fellBack = pinned(plain, onnx, RunConfiguration.resolve(plain).bprInference());
    assertNotEquals(RunConfiguration.resolve(plain).hash(), RunConfiguration.resolve(fellBack).hash());
    try (SeriesProcessor p = new SeriesProcessor(fellBack)) {
      SeriesResult outcome = p.process(cohort.refs.get(0));
      assertTrue(outcome.deadLetters().toString(), outcome.complete());
      String described = Files.readString(output.resolve("_ctpipe/series").resolve(p.configurationHash())
          .resolve("configuration.txt"), StandardCharsets.UTF_8);
      assertTrue(described, described.contains(" inference=ONNXRUNTIME/FP32 fallback=\"" + FALLBACK + "\""));
      ModelRun model = outcome.models().get(0).model();
      assertEquals("onnxruntime/fp32", model.runtime());
      assertEquals(FALLBACK, model.runtimeNote());
      assertEquals(p.configurationHash(), outcome.facts().provenance().configuration());
      GenericRecord stats = ResultRows.of(outcome).get(QaTable.SEGMENT_STATS).get(0);
      assertEquals("onnxruntime/fp32", stats.get("runtime").toString());
      assertEquals(FALLBACK, stats.get("runtime_note").toString());
    }
  }

  @Test
  public void aWorkerThatCannotRunTheResolvedBackendFailsEachSeriesNamingIt() throws Exception {
    Cohort cohort = new Cohort(folder.newFolder("cohort").toPath());
    Path output = folder.newFolder("out").toPath();
    ResolvedInference int8 = new ResolvedInference(Backend.ONEDNN, Precision.INT8, 1, null);
    try (SeriesProcessor p = new SeriesProcessor(pinned(Cohort.config(output, false), int8, int8))) {
      SeriesResult outcome = p.process(cohort.refs.get(0));
      assertFalse(outcome.complete());
      assertFalse("the worker is at fault, not the series: not committed", outcome.settled());
      String why = "is configured to run on onednn/int8 but cannot run on it here: int8 needs a model with "
          + "quantised (QDQ) convolutions; write one with 'ctpipe models quantize'";
      DeadLetter bpr = outcome.deadLetters().get(0);
      assertEquals("bpr", bpr.stage().column());
      assertEquals("'bpr-vgg16' " + why, bpr.message());
      assertEquals(true, bpr.retryable());
      DeadLetter segment = outcome.deadLetters().get(1);
      assertEquals("segment", segment.stage().column());
      assertEquals("'tissue-ct' " + why, segment.message());
      ModelOutcome model = outcome.models().get(0);
      assertEquals("failed", model.status().column());
      assertEquals("onednn/int8", model.model().runtime());
      assertEquals(null, model.seg());
      assertEquals(0, model.labels().size());
      assertEquals("failed", outcome.bpr().status().column());
    }
  }

  @Test
  public void aWorkerThatResolvesAnotherConfigurationThanTheLaunchFailsEachSeriesNamingTheDifference()
      throws Exception {
    Cohort cohort = new Cohort(folder.newFolder("cohort").toPath());
    Path output = folder.newFolder("out").toPath();
    Path card = ModelZoo.write(folder.newFolder("zoo").toPath(), List.of(ModelZoo.TISSUE_CT)).get(ModelZoo.TISSUE_CT);
    ProcessingConfig plain = Cohort.config(output, false);
    ProcessingConfig local = new ProcessingConfig(plain.output(), plain.bprModel(), List.of(card.toString()),
        plain.inference(), plain.profile(), plain.segType(), plain.runId(), plain.contentTime(), false, false, null,
        plain.ctpipeVersion(), plain.fetch(), 0, 2, Map.of(), null);
    RunConfiguration launched = RunConfiguration.resolve(local);
    ProcessingConfig forWorkers = launched.forWorkers(local);
    ObjectMapper json = new ObjectMapper();
    ObjectNode edited = (ObjectNode) json.readTree(card.toFile());
    edited.put("padValue", -1.0); // the card differs on this worker
    json.writeValue(card.toFile(), edited);
    RunConfiguration here = RunConfiguration.resolve(forWorkers);
    int networksOpen = OneDnnNetworks.openNetworks();
    try (SeriesProcessor p = new SeriesProcessor(forWorkers)) {
      assertEquals("a worker that will process nothing opens no network", networksOpen,
          OneDnnNetworks.openNetworks());
      SeriesResult outcome = p.process(cohort.refs.get(0));
      assertFalse(outcome.complete());
      assertFalse("the worker is at fault, not the series: not committed", outcome.settled());
      DeadLetter dead = outcome.deadLetters().get(0);
      assertEquals("resources", dead.stage().column());
      assertEquals(true, dead.retryable());
      assertEquals("this worker resolved the run's configuration to " + here.hash() + ", the launch to "
          + launched.hash() + " (a card or model file differs here); first difference: launch '"
          + launched.identity().split("\n")[2] + "', here '" + here.identity().split("\n")[2]
          + "'; nothing is processed on this worker, the series is left for the next run", dead.message());
      assertFalse("nothing described under the worker's hash",
          Files.exists(output.resolve("_ctpipe/series").resolve(here.hash())));
    }
  }
}
