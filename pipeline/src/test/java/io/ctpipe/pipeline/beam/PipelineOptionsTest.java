package io.ctpipe.pipeline.beam;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctpipe.transforms.qa.QaFormat;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.extensions.gcp.options.GcpOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.PipelineOptionsValidator;
import org.apache.beam.sdk.runners.TransformHierarchy;
import org.junit.jupiter.api.Test;

/** Options parsing and validation, and the graph built for Dataflow with BigQuery output (no job is submitted). */
class PipelineOptionsTest {
  /** The full names of a graph's composite transforms. */
  private static List<String> compositeSteps(Pipeline pipeline) {
    List<String> steps = new ArrayList<>();
    pipeline.traverseTopologically(new Pipeline.PipelineVisitor.Defaults() {
      @Override
      public CompositeBehavior enterCompositeTransform(TransformHierarchy.Node node) {
        steps.add(node.getFullName());
        return CompositeBehavior.ENTER_TRANSFORM;
      }
    });
    return steps;
  }

  private static CtPipelineOptions parse(String... args) {
    PipelineOptionsFactory.register(CtPipelineOptions.class);
    return PipelineOptionsFactory.fromArgs(args).withValidation().as(CtPipelineOptions.class);
  }

  @Test
  void spaceSeparatedValuesAreAcceptedLikeBeamsOwnForm() {
    assertArrayEquals(new String[] {"--manifest=m.txt", "--skipExisting", "--output=out", "--runner=FlinkRunner"},
        BeamArgs.normalize(List.of("--manifest", "m.txt", "--skipExisting", "--output=out", "--runner",
            "FlinkRunner")));
  }

  @Test
  void requiredOptionsAndBadValuesAreNamed() {
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> parse("--manifest=m"));
    assertTrue(missing.getMessage().contains("--output"), missing.getMessage());
    IllegalArgumentException format = assertThrows(IllegalArgumentException.class,
        () -> parse("--manifest=m", "--output=o", "--qaFormat=csv"));
    assertTrue(format.getMessage().contains("unknown QA file format 'csv'; choose one of [avro, json]"),
        format.getMessage());
    CtPipelineOptions badDataset = parse("--manifest=m", "--output=o", "--bigQueryDataset=just-a-name");
    IllegalArgumentException dataset = assertThrows(IllegalArgumentException.class,
        () -> CtPipeline.validate(badDataset));
    assertEquals("--bigQueryDataset must be project:dataset, got 'just-a-name'", dataset.getMessage());
    IllegalArgumentException segType = assertThrows(IllegalArgumentException.class,
        () -> parse("--manifest=m", "--output=o", "--segType=fractional"));
    assertTrue(segType.getMessage().contains("unknown SEG type 'fractional'; choose one of [auto, binary, labelmap]"),
        segType.getMessage());
    IllegalArgumentException runtime = assertThrows(IllegalArgumentException.class,
        () -> parse("--manifest=m", "--output=o", "--runtime=tensorrt"));
    assertTrue(runtime.getMessage().contains("unknown runtime 'tensorrt'; choose one of [auto, onednn, onnxruntime]"),
        runtime.getMessage());
    IllegalArgumentException precision = assertThrows(IllegalArgumentException.class,
        () -> parse("--manifest=m", "--output=o", "--precision=fp8"));
    assertTrue(precision.getMessage().contains("unknown precision 'fp8'; choose one of [fp32, bf16, int8]"),
        precision.getMessage());
    IllegalArgumentException profile = assertThrows(IllegalArgumentException.class,
        () -> parse("--manifest=m", "--output=o", "--profile=turbo"));
    assertTrue(profile.getMessage().contains("profile 'turbo' is not fast, balanced or accurate"),
        profile.getMessage());
    assertEquals(io.ctpipe.models.card.SpeedProfile.FAST,
        parse("--manifest=m", "--output=o", "--profile=Fast").getProfile());
    assertEquals(null, parse("--manifest=m", "--output=o").getProfile(), "each card's own");
    IllegalArgumentException threads = assertThrows(IllegalArgumentException.class,
        () -> CtPipeline.inference(parse("--manifest=m", "--output=o", "--inferenceThreads=0")));
    assertEquals("--inferenceThreads: inference threads must be at least 1, got 0", threads.getMessage());
    var chosen = CtPipeline.inference(parse("--manifest=m", "--output=o", "--runtime=ONEDNN", "--precision=bf16"));
    assertEquals(io.ctpipe.models.runtime.Backend.ONEDNN, chosen.runtime());
    assertEquals(io.ctpipe.models.runtime.Precision.BF16, chosen.precision());
    assertEquals(null, CtPipeline.inference(parse("--manifest=m", "--output=o")).runtime(), "each card's own");
    CtPipelineOptions badTime = parse("--manifest=m", "--output=o", "--contentTime=yesterday");
    IllegalArgumentException time = assertThrows(IllegalArgumentException.class, () -> CtPipeline.validate(badTime));
    assertTrue(time.getMessage().endsWith("got 'yesterday'"), time.getMessage());
  }

  @Test
  void untrustedNamesAndHostsAreCheckedAtLaunch() {
    IllegalArgumentException runId = assertThrows(IllegalArgumentException.class,
        () -> CtPipeline.validate(parse("--manifest=m", "--output=o", "--runId=../../elsewhere")));
    assertEquals("--runId '../../elsewhere' is not a safe file name: use 1 to 128 letters, digits, '.', '_' or '-', "
        + "starting with a letter or digit", runId.getMessage());
    IllegalArgumentException hosts = assertThrows(IllegalArgumentException.class, () -> CtPipeline.build(
        Pipeline.create(), parse("--manifest=m", "--output=o", "--dicomWebAuth=google",
            "--dicomWebAuthHosts=https://evil.example.com/"), "test"));
    assertEquals("dicomWebAuthHosts: 'https://evil.example.com/' is not a host name or host:port",
        hosts.getMessage());
  }

  @Test
  void badProcessingSettingsFailTheLaunchNotEverySeries() {
    Pipeline pipeline = Pipeline.create();
    IllegalArgumentException memory = assertThrows(IllegalArgumentException.class, () -> CtPipeline.build(pipeline,
        parse("--manifest=m", "--output=o", "--maxSeriesMemory=lots"), "test"));
    assertEquals("--maxSeriesMemory must be auto or a size such as 6g, 512m or 1073741824, got 'lots'",
        memory.getMessage());
    IllegalArgumentException deaths = assertThrows(IllegalArgumentException.class, () -> CtPipeline.build(
        Pipeline.create(), parse("--manifest=m", "--output=o", "--maxWorkerDeaths=0"), "test"));
    assertEquals("--maxWorkerDeaths must be at least 1, got 0", deaths.getMessage());
    IllegalArgumentException model = assertThrows(IllegalArgumentException.class, () -> CtPipeline.build(
        Pipeline.create(), parse("--manifest=m", "--output=o", "--segModel=zoo:tissue-ct,/no/such/card.json"),
        "test"));
    assertTrue(model.getMessage().startsWith("--segModel /no/such/card.json: "), model.getMessage());
  }

  @Test
  void dataflowOptionsValidateAndTheGraphWritesBigQuery() {
    String[] args = {"--runner=DataflowRunner", "--project=my-project", "--region=us-central1",
        "--tempLocation=gs://my-bucket/tmp", "--gcpTempLocation=gs://my-bucket/tmp",
        "--pathValidatorClass=org.apache.beam.sdk.extensions.gcp.storage.NoopPathValidator",
        "--credentialFactoryClass=org.apache.beam.sdk.extensions.gcp.auth.NoopCredentialFactory", "--manifest=gs://my-bucket/cohort.s5cmd", "--output=gs://my-bucket/out",
        "--bigQueryDataset=my-project:ctpipe", "--segModel=zoo:tissue-ct", "--runId=r1"};
    // no network here: GCS paths are not checked (NoopPathValidator), nothing is staged or submitted
    PipelineOptionsFactory.register(CtPipelineOptions.class);
    CtPipelineOptions options = PipelineOptionsValidator.validate(CtPipelineOptions.class,
        PipelineOptionsFactory.fromArgs(args).as(CtPipelineOptions.class));
    assertEquals("DataflowRunner", options.getRunner().getSimpleName());
    assertEquals("my-project", options.as(GcpOptions.class).getProject());
    Pipeline pipeline = Pipeline.create(options);
    CtPipeline.Outputs outputs = CtPipeline.build(pipeline, options, "test");
    assertEquals(QaFormat.BIGQUERY, outputs.format());
    assertEquals("my-project:ctpipe", outputs.qaLocation());
    List<String> steps = compositeSteps(pipeline);
    for (String table : List.of("series_qa", "slice_qa", "segment_stats", "dead_letters")) {
      assertTrue(steps.contains("WriteQaTables/Write_" + table), table + " in " + steps.size() + " steps");
    }
    assertTrue(steps.contains("ReadManifests/OneSeriesPerWorkUnit"));
  }

  /** A cohort from IDC's BigQuery index: the graph reads the query; the options naming the cohort are checked. */
  @Test
  void aCohortFromIdcsIndexIsAQueryInTheGraph() {
    String[] args = {"--runner=DataflowRunner", "--project=my-project", "--region=us-central1",
        "--tempLocation=gs://my-bucket/tmp", "--gcpTempLocation=gs://my-bucket/tmp",
        "--pathValidatorClass=org.apache.beam.sdk.extensions.gcp.storage.NoopPathValidator",
        "--credentialFactoryClass=org.apache.beam.sdk.extensions.gcp.auth.NoopCredentialFactory",
        "--collections=nlst,tcga_luad", "--output=gs://my-bucket/out", "--bigQueryDataset=my-project:ctpipe",
        "--runId=r1"};
    PipelineOptionsFactory.register(CtPipelineOptions.class);
    CtPipelineOptions options = PipelineOptionsFactory.fromArgs(args).as(CtPipelineOptions.class);
    Pipeline pipeline = Pipeline.create(options);
    CtPipeline.build(pipeline, options, "test");
    List<String> steps = compositeSteps(pipeline);
    assertTrue(steps.contains("ReadManifests/QueryIdcIndex"), steps.toString());
    assertTrue(steps.stream().noneMatch(s -> s.startsWith("ReadManifests/MatchManifests")), "no manifest files");
    assertTrue(CtPipeline.idcIndex(options).sql().contains("collection_id IN ('nlst', 'tcga_luad')"));

    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> CtPipeline.validate(parse("--output=o")));
    assertEquals("name the cohort with --manifest, or with --collections or --idcQuery", none.getMessage());
    IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
        () -> CtPipeline.validate(parse("--output=o", "--collections=nlst", "--idcQuery=SELECT 1")));
    assertEquals("give --collections or --idcQuery, not both", both.getMessage());
  }
}
