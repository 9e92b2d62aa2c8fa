package io.ctpipe.transforms.process;

import io.ctpipe.dicom.DicomReader;
import io.ctpipe.dicom.Tag;
import io.ctpipe.dicom.UidGrammar;
import io.ctpipe.dicom.volume.CtSeries;
import io.ctpipe.dicom.volume.CtVolume;
import io.ctpipe.dicom.volume.VolumeAssembler;
import io.ctpipe.models.bpr.BprReport;
import io.ctpipe.models.runtime.ResolvedInference;
import io.ctpipe.models.segment.SegmentationRun;
import io.ctpipe.models.segment.Segmenter;
import io.ctpipe.transforms.fetch.FetchException;
import io.ctpipe.transforms.fetch.FetchedSeries;
import io.ctpipe.transforms.fetch.Retry;
import io.ctpipe.transforms.fetch.SeriesFetcher;
import io.ctpipe.transforms.manifest.SeriesRef;
import io.ctpipe.transforms.qa.QaRows;
import io.ctpipe.transforms.qa.QaTable;
import io.ctpipe.transforms.qa.Stage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes one series end to end without Beam: earlier result check, fetch into a temporary folder, memory
 * estimate from the headers, decode to a CT volume, body part regression, each segmentation model, SEG files (and
 * optional STOW-RS), QA rows, committed result. A failing stage becomes a dead letter; a failure in BPR, one model or
 * one SEG does not stop the others; running out of heap fails only the series. One instance per thread.
 */
public final class SeriesProcessor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SeriesProcessor.class);
  private final ProcessingConfig config;
  private final ModelSet models;
  private final SeriesResultStore results;
  private final MemoryBudget budget;
  private final SegPublisher publisher;

  public SeriesProcessor(ProcessingConfig config) throws Exception {
    this.config = config;
    this.models = new ModelSet(RunConfiguration.resolve(config));
    this.results = new SeriesResultStore(config.output(), configurationHash());
    try {
      results.describe(models.configuration().identity());
    } catch (IOException e) {
      LOG.warn("cannot write the configuration's description below {}: {}", config.output(), e.getMessage());
    }
    this.budget = MemoryBudget.shared(config.maxSeriesMemory() > 0 ? config.maxSeriesMemory()
        : MemorySize.defaultLimit());
    this.publisher = new SegPublisher(config, configurationHash());
  }

  /** Identifies the models and settings of this run (per-series results live under it). */
  public String configurationHash() {
    return models.configuration().hash();
  }

  /**
   * Processes a series, or takes its committed result (--skipExisting; a settled failure only without
   * --retryFailed), or refuses it when workers died {@link ProcessingConfig#maxWorkerDeaths()} times on it. Every
   * settled outcome is committed before it is returned.
   */
  public SeriesOutcome process(SeriesRef ref) {
    try {
      if (config.skipExisting()) {
        Optional<SeriesOutcome> earlier = results.read(ref.key(), config.runId());
        if (earlier.isPresent() && (earlier.get().complete() || !config.retryFailed())) {
          results.forgetAttempts(ref.key());
          return earlier.get();
        }
      }
      int deaths = results.attempts(ref.key()).size();
      if (deaths >= config.maxWorkerDeaths()) {
        SeriesOutcome refused = SeriesOutcome.failed(dead(ref, null, Stage.RESOURCES, new SeriesResourcesException(
            "a worker died " + deaths + " times while processing this series (out of native memory, or killed); "
            + "refused from now on, --retryFailed tries again"), false));
        results.finish(ref.key(), refused);
        return refused;
      }
      results.startAttempt(ref.key(), config.runId());
    } catch (IOException e) {
      return SeriesOutcome.failed(dead(ref, null, Stage.FETCH, new IOException("cannot reach the per-series results "
          + "below " + config.output() + ": " + e.getMessage(), e), true));
    }
    SeriesOutcome outcome;
    try {
      outcome = processInFolder(ref);
    } catch (RuntimeException e) {
      // a defect or an input no stage foresaw: this series' dead letter, never the job's failure
      outcome = SeriesOutcome.failed(dead(ref, null, Stage.DECODE, e, "unexpected " + e.getClass().getSimpleName()
          + " while processing this series: " + e.getMessage(), false));
    } catch (OutOfMemoryError e) {
      outcome = SeriesOutcome.failed(dead(ref, null, Stage.RESOURCES, e, "ran out of Java heap ("
          + MemorySize.mib(Runtime.getRuntime().maxMemory()) + " at most) while processing this series: "
          + e.getMessage() + "; give the workers more memory or lower --maxSeriesMemory", false));
    }
    try {
      results.finish(ref.key(), outcome);
    } catch (IOException e) {
      List<GenericRecord> dead = new ArrayList<>(outcome.deadLetters());
      dead.add(dead(ref, null, Stage.WRITE, new IOException("cannot commit the series' result: " + e.getMessage(),
          e), true));
      outcome = new SeriesOutcome(outcome.seriesRow(), outcome.sliceRows(), outcome.segmentRows(), dead, false);
    }
    return outcome;
  }

  private SeriesOutcome processInFolder(SeriesRef ref) {
    Path folder = null;
    try {
      folder = Files.createTempDirectory("ctpipe-series");
      return process(ref, folder);
    } catch (IOException e) {
      // the worker's disk, not the series: worth another try, so not committed as a failure
      return SeriesOutcome.failed(dead(ref, null, Stage.FETCH, e, true));
    } finally {
      deleteQuietly(folder);
    }
  }

  private SeriesOutcome process(SeriesRef ref, Path folder) {
    Timer timer = new Timer();
    FetchedSeries fetched;
    try {
      fetched = SeriesFetcher.of(ref, config.fetch()).fetch(ref, folder);
    } catch (FetchException e) {
      return SeriesOutcome.failed(dead(ref, null, Stage.FETCH, e, e.retryable()));
    } catch (RuntimeException e) {
      // an unknown scheme, a location no filesystem can parse
      return SeriesOutcome.failed(dead(ref, null, Stage.FETCH, e, "cannot fetch " + ref.location() + ": "
          + e.getMessage(), false));
    }
    long fetchMs = timer.lap();
    VolumeAssembler assembler = new VolumeAssembler(new DicomReader());
    CtSeries series;
    VolumeAssembler.Shape shape;
    try {
      series = assembler.onlySeries(folder);
      UidGrammar.require("StudyInstanceUID", series.studyInstanceUid());
      UidGrammar.require("SeriesInstanceUID", series.seriesInstanceUid());
      shape = assembler.shape(series);
    } catch (Exception e) {
      return SeriesOutcome.failed(decodeFailure(ref, folder, e));
    }
    SeriesMemory need = SeriesMemory.estimate(shape, models.configuration());
    if (need.totalBytes() > budget.limit()) {
      return SeriesOutcome.failed(dead(ref, null, Stage.RESOURCES, new SeriesResourcesException(need.describe(shape,
          budget.limit())), false));
    }
    long headersMs = timer.lap();
    try (MemoryBudget.Reservation reserved = budget.reserve(need.totalBytes())) {
      long waitMs = timer.lap();
      if (waitMs >= 1000) {
        LOG.info("series {} waited {} ms for its {} of memory", OutputFiles.keyFileName(ref.key()), waitMs,
            MemorySize.mib(need.totalBytes()));
      }
      CtVolume ct;
      try {
        ct = assembler.assemble(series);
      } catch (Exception e) {
        return SeriesOutcome.failed(decodeFailure(ref, folder, e));
      }
      return analyse(ref, fetched, ct, timer, fetchMs, headersMs);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return SeriesOutcome.failed(dead(ref, null, Stage.RESOURCES, e, "interrupted while waiting for memory", true));
    }
  }

  private GenericRecord decodeFailure(SeriesRef ref, Path folder, Exception e) {
    String where = ref.source() == SeriesRef.Source.FILES ? ref.location() : "series " + ref.seriesInstanceUid();
    return QaRows.deadLetter(config.runId(), ref.key(), ref.seriesInstanceUid(), ref.origin(), Stage.DECODE, e,
        String.valueOf(e.getMessage()).replace(folder.toString(), where), false, Instant.now());
  }

  /**
   * Body part regression, segmentation, SEGs and rows of an assembled volume. decode_ms is reading the headers and
   * assembling the volume, without the wait for memory.
   */
  private SeriesOutcome analyse(SeriesRef ref, FetchedSeries fetched, CtVolume ct, Timer timer, long fetchMs,
      long headersMs) {
    long decodeMs = headersMs + timer.lap();
    String series = ct.seriesInstanceUid();
    List<GenericRecord> dead = new ArrayList<>();
    List<GenericRecord> slices = new ArrayList<>();
    String dicomBodyPart = ct.referenceHeader().string(Tag.BODY_PART_EXAMINED).orElse(null);
    BprReport bpr = null;
    boolean bprFailed = false;
    if (models.bprUnavailable() != null) {
      bprFailed = true;
      dead.add(dead(ref, series, Stage.BPR, models.bprUnavailable(), true));
    } else if (models.bpr() != null) {
      try {
        bpr = models.bpr().run(ct, dicomBodyPart);
        slices.addAll(QaRows.slices(config.runId(), series, bpr));
      } catch (Exception e) {
        bprFailed = true;
        dead.add(dead(ref, series, Stage.BPR, e, false));
      }
    }
    long bprMs = timer.lap();
    List<GenericRecord> modelRows = new ArrayList<>();
    List<GenericRecord> stats = new ArrayList<>();
    long writeMs = 0;
    for (ModelSet.Segmentation segmentation : models.segmentations()) {
      SegmentResult result = segment(ref, ct, segmentation, dead, stats);
      modelRows.add(result.row());
      writeMs += result.writeMs();
    }
    long segmentMs = timer.lap() - writeMs;
    Schema schema = QaTable.SERIES_QA.schema();
    GenericRecord row = new GenericRecordBuilder(schema).set("run_id", config.runId())
        .set("processed_at", QaRows.micros(Instant.now())).set("ctpipe_version", config.ctpipeVersion())
        .set("configuration", configurationHash()).set("series_key", ref.key()).set("origin", ref.origin())
        .set("collection_id", ref.collectionId()).set("source_location", ref.location())
        .set("study_instance_uid", ct.studyInstanceUid()).set("series_instance_uid", series)
        .set("modality", ct.series().modality()).set("instance_count", fetched.instances())
        .set("columns", ct.dims()[0]).set("rows", ct.dims()[1]).set("slices", ct.dims()[2])
        .set("spacing_x_mm", ct.spacing()[0]).set("spacing_y_mm", ct.spacing()[1])
        .set("spacing_z_mm", ct.spacing()[2]).set("geometry_flags", ct.report().asStrings())
        .set("dicom_body_part_examined", dicomBodyPart)
        .set("bpr", models.configuration().bpr() == null ? null : BprRow.of(schema, models.configuration().bpr(),
            models.configuration().bprInference(), bpr, bprFailed))
        .set("models", modelRows).set("fetched_bytes", fetched.bytes()).set("fetch_retries", fetched.retries())
        .set("fetch_ms", fetchMs).set("decode_ms", decodeMs).set("bpr_ms", bprMs).set("segment_ms", segmentMs)
        .set("write_ms", writeMs).build();
    return new SeriesOutcome(row, slices, stats, dead, false);
  }

  private record SegmentResult(GenericRecord row, long writeMs) {}

  /**
   * One model's segmentation, SEG and rows; a model that cannot run on its resolved backend here is a retryable
   * dead letter (the worker, not the series, is at fault), never a result made on another backend.
   */
  private SegmentResult segment(SeriesRef ref, CtVolume ct, ModelSet.Segmentation segmentation,
      List<GenericRecord> dead, List<GenericRecord> stats) {
    Schema modelSchema = QaTable.SERIES_QA.schema().getField("models").schema().getElementType();
    var card = segmentation.setup().card();
    ResolvedInference runs = segmentation.setup().inference();
    GenericRecordBuilder row = new GenericRecordBuilder(modelSchema).set("model_id", card.id())
        .set("model_version", card.version()).set("model_sha256", card.sha256() == null ? "" : card.sha256())
        .set("untrained", card.untrained()).set("labels_found", 0).set("windows_run", 0).set("windows_total", 0)
        .set("runtime", runs.describe()).set("runtime_note", runs.reason());
    if (segmentation.unavailable() != null) {
      dead.add(dead(ref, ct.seriesInstanceUid(), Stage.SEGMENT, segmentation.unavailable(), true));
      return new SegmentResult(row.set("status", "failed").build(), 0);
    }
    Segmenter segmenter = segmentation.segmenter();
    SegmentationRun run;
    try {
      run = segmenter.segment(ct, segmenter.defaultOptions());
    } catch (Exception e) {
      dead.add(dead(ref, ct.seriesInstanceUid(), Stage.SEGMENT, e, false));
      return new SegmentResult(row.set("status", "failed").build(), 0);
    }
    row.set("labels_found", run.labelVoxels().size()).set("windows_run", run.tiling().windowsRun())
        .set("windows_total", run.tiling().windowsTotal());
    for (SegmentStatistics s : SegmentStatistics.of(ct, run.labels())) {
      stats.add(SegmentRows.of(config.runId(), ct.seriesInstanceUid(), card, runs, s));
    }
    long t0 = System.nanoTime();
    try {
      SegPublisher.Published seg = publisher.publish(ct, run, segmenter);
      row.set("status", "ok").set("seg_path", seg.path()).set("seg_series_instance_uid", seg.seriesInstanceUid())
          .set("seg_sop_instance_uid", seg.sopInstanceUid());
    } catch (Exception e) {
      dead.add(dead(ref, ct.seriesInstanceUid(), Stage.WRITE, e, e instanceof IOException io
          && Retry.transientFailure(io)));
      row.set("status", "failed");
    }
    return new SegmentResult(row.build(), (System.nanoTime() - t0) / 1_000_000);
  }

  private GenericRecord dead(SeriesRef ref, String seriesUid, Stage stage, Throwable e, boolean retryable) {
    return QaRows.deadLetter(config.runId(), ref.key(), seriesUid != null ? seriesUid : ref.seriesInstanceUid(),
        ref.origin(), stage, e, retryable, Instant.now());
  }

  private GenericRecord dead(SeriesRef ref, String seriesUid, Stage stage, Throwable e, String message,
      boolean retryable) {
    return QaRows.deadLetter(config.runId(), ref.key(), seriesUid != null ? seriesUid : ref.seriesInstanceUid(),
        ref.origin(), stage, e, message, retryable, Instant.now());
  }

  private static void deleteQuietly(Path folder) {
    if (folder == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException ignored) {
      // a temporary folder left behind is harmless; the next run uses a new one
    }
  }

  /** Milliseconds since the last lap. */
  private static final class Timer {
    private long last = System.nanoTime();

    long lap() {
      long now = System.nanoTime();
      long ms = (now - last) / 1_000_000;
      last = now;
      return ms;
    }
  }

  @Override
  public void close() {
    models.close();
  }
}
