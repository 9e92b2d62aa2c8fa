package io.ctpipe.pipeline.beam;

import io.ctpipe.dicom.SafePaths;
import io.ctpipe.models.runtime.InferenceOverrides;
import io.ctpipe.transforms.fetch.DicomWebAuth;
import io.ctpipe.transforms.fetch.FetchConfig;
import io.ctpipe.transforms.manifest.ManifestOptions;
import io.ctpipe.transforms.manifest.IdcIndexQuery;
import io.ctpipe.transforms.read.ReadManifests;
import io.ctpipe.transforms.process.ProcessSeries;
import io.ctpipe.transforms.process.ProcessingConfig;
import io.ctpipe.transforms.process.MemorySize;
import io.ctpipe.transforms.process.OutputFiles;
import io.ctpipe.transforms.process.RunConfiguration;
import io.ctpipe.transforms.qa.BigQueryDataset;
import io.ctpipe.transforms.qa.QaFormat;
import io.ctpipe.transforms.qa.QaTable;
import io.ctpipe.transforms.qa.WriteQaTables;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ctpipe graph: 1) read manifests into one reference per series (Reshuffle); 2) process each series (fetch,
 * decode, BPR, segment, SEG, durable per-series result) or take its committed result; 3) write the cohort's QA
 * tables and dead letters.
 */
public final class CtPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(CtPipeline.class);
  private CtPipeline() {}

  /** Where a run's results go. */
  public record Outputs(String segRoot, String qaLocation, QaFormat format, String runId) {}

  /** Fills the run id and content time when absent (once, at launch, so every worker uses the same). */
  public static void fixRunIdentity(CtPipelineOptions o) {
    LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
    if (o.getRunId() == null) {
      o.setRunId(now.format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")));
    }
    if (o.getContentTime() == null) {
      o.setContentTime(now.toString());
    }
  }

  /** Checks option values and combinations; returns the QA format. */
  static QaFormat validate(CtPipelineOptions o) {
    idcIndex(o);
    if (o.getRunId() != null) {
      SafePaths.requireFileName("--runId", o.getRunId()); // it names the QA table files
    }
    if (o.getContentTime() != null) {
      try {
        LocalDateTime.parse(o.getContentTime());
      } catch (java.time.format.DateTimeParseException e) {
        throw new IllegalArgumentException("--contentTime must be an ISO-8601 local date and time such as "
            + "2026-11-26T12:00:00, got '" + o.getContentTime() + "'");
      }
    }
    if (o.getBigQueryDataset() != null) {
      BigQueryDataset.parse(o.getBigQueryDataset());
      return QaFormat.BIGQUERY;
    }
    return o.getQaFormat().format();
  }

  /** --runtime, --precision (null: each card's) and --inferenceThreads, checked at launch. */
  static InferenceOverrides inference(CtPipelineOptions o) {
    try {
      return new InferenceOverrides(o.getRuntime(), o.getPrecision(), o.getInferenceThreads());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--inferenceThreads: " + e.getMessage(), e);
    }
  }

  /** The IDC index query the options name (--collections or --idcQuery), or null; checked at launch. */
  static IdcIndexQuery idcIndex(CtPipelineOptions o) {
    boolean collections = o.getCollections() != null && !o.getCollections().isEmpty();
    if (o.getIdcQuery() != null && collections) {
      throw new IllegalArgumentException("give --collections or --idcQuery, not both");
    }
    if (o.getIdcQuery() == null && !collections) {
      if (o.getManifest() == null || o.getManifest().isEmpty()) {
        throw new IllegalArgumentException("name the cohort with --manifest, or with --collections or --idcQuery");
      }
      return null;
    }
    return new IdcIndexQuery(collections ? o.getCollections() : List.of(), o.getModality(), o.getIdcVersion(),
        o.getIdcQuery(), o.getBigQueryDataset() == null ? null : BigQueryDataset.parse(o.getBigQueryDataset()));
  }

  public static Outputs build(Pipeline pipeline, CtPipelineOptions o, String ctpipeVersion) {
    fixRunIdentity(o);
    QaFormat format = validate(o);
    String qaLocation = format == QaFormat.BIGQUERY ? o.getBigQueryDataset()
        : o.getQaOutput() != null ? o.getQaOutput() : o.getOutput().replaceAll("/$", "") + "/qa";
    ManifestOptions manifestOptions = new ManifestOptions(o.getPreferGcs(), o.getDefaultBucket(), o.getDicomWebUrl());
    FetchConfig fetch = new FetchConfig(o.getMaxSeriesBytes(), Duration.ofSeconds(o.getRequestTimeoutSeconds()),
        o.getMaxResponseBytes(), o.getMaxAttempts(), Duration.ofMillis(o.getInitialBackoffMillis()),
        Duration.ofMillis(o.getMaxBackoffMillis()), o.getDicomWebAuth(), o.getDicomWebAuthHosts() != null
            ? o.getDicomWebAuthHosts() : DicomWebAuth.defaultHosts(o.getDicomWebAuth(), o.getStowUrl(),
                o.getDicomWebUrl()));
    ProcessingConfig config = new ProcessingConfig(o.getOutput(),
        CtPipelineOptions.NO_BPR_MODEL.equals(o.getBprModel()) ? null : o.getBprModel(),
        o.getSegModel() != null ? o.getSegModel() : List.of(CtPipelineOptions.DEFAULT_SEG_MODEL),
        inference(o), o.getProfile(), o.getSegType(), o.getRunId(), o.getContentTime(), o.getSkipExisting(),
        o.getRetryFailed(), o.getStowUrl(), ctpipeVersion, fetch, MemorySize.parse("maxSeriesMemory",
        o.getMaxSeriesMemory()), o.getMaxWorkerDeaths(), Map.of(), null);

    // what runs each model is decided here, once: workers open exactly that (docs/inference-engine.md)
    RunConfiguration configuration = RunConfiguration.resolve(config);
    LOG.info("configuration {}: per-series results below {}\n{}", configuration.hash(),
        OutputFiles.resultsFolder(o.getOutput(), configuration.hash()), configuration.identity());

    // 1) manifests -> one reference per series
    PCollectionTuple manifests = pipeline.apply("ReadManifests", new ReadManifests(o.getManifest() == null ? List.of()
        : o.getManifest(), idcIndex(o), manifestOptions, o.getRunId()));
    // 2) per-series processing
    PCollectionTuple processed = manifests.get(ReadManifests.SERIES).apply("ProcessSeries",
        new ProcessSeries(configuration.forWorkers(config)));
    // 3) QA tables, dead letters of both steps in one table
    PCollection<GenericRecord> deadLetters = PCollectionList.of(manifests.get(ReadManifests.DEAD_LETTERS))
        .and(processed.get(ProcessSeries.DEAD_LETTERS)).apply("AllDeadLetters", Flatten.pCollections())
        .setCoder(AvroCoder.of(QaTable.DEAD_LETTERS.schema()));
    Map<QaTable, PCollection<GenericRecord>> tables = new EnumMap<>(QaTable.class);
    tables.put(QaTable.SERIES_QA, processed.get(ProcessSeries.SERIES_QA));
    tables.put(QaTable.SLICE_QA, processed.get(ProcessSeries.SLICE_QA));
    tables.put(QaTable.SEGMENT_STATS, processed.get(ProcessSeries.SEGMENT_STATS));
    tables.put(QaTable.DEAD_LETTERS, deadLetters);
    pipeline.apply("WriteQaTables", new WriteQaTables(tables, format, qaLocation, o.getRunId()));
    return new Outputs(o.getOutput(), qaLocation, format, o.getRunId());
  }
}
