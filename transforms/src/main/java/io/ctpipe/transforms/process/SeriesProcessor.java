package io.ctpipe.transforms.process;

import io.ctpipe.dicom.DicomReader;
import io.ctpipe.dicom.Tag;
import io.ctpipe.dicom.UidGrammar;
import io.ctpipe.dicom.volume.CtSeries;
import io.ctpipe.dicom.volume.CtVolume;
import io.ctpipe.dicom.volume.VolumeAssembler;
import io.ctpipe.models.bpr.BprReport;
import io.ctpipe.models.segment.SegmentationRun;
import io.ctpipe.models.segment.Segmenter;
import io.ctpipe.transforms.fetch.FetchException;
import io.ctpipe.transforms.fetch.FetchedSeries;
import io.ctpipe.transforms.fetch.Retry;
import io.ctpipe.transforms.fetch.SeriesFetcher;
import io.ctpipe.transforms.manifest.SeriesRef;
import io.ctpipe.transforms.qa.Stage;
import io.ctpipe.transforms.result.BprOutcome;
import io.ctpipe.transforms.result.DeadLetter;
import io.ctpipe.transforms.result.Grid;
import io.ctpipe.transforms.result.LabelStatistics;
import io.ctpipe.transforms.result.ModelOutcome;
import io.ctpipe.transforms.result.ModelRun;
import io.ctpipe.transforms.result.Provenance;
import io.ctpipe.transforms.result.SegFile;
import io.ctpipe.transforms.result.SeriesFacts;
import io.ctpipe.transforms.result.SeriesResult;
import io.ctpipe.transforms.result.StageTimings;
import io.ctpipe.transforms.result.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes one series end to end without Beam: earlier result check, fetch into a temporary folder, memory
 * estimate from the headers, decode to a CT volume, body part regression, each segmentation model, SEG files (and
 * optional STOW-RS), the typed {@link SeriesResult}, committed result. A failing stage becomes a dead letter; a
 * failure in BPR, one model or one SEG does not stop the others; running out of heap fails only the series. One
 * instance per thread.
 */
public final class SeriesProcessor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SeriesProcessor.class);
  private final ProcessingConfig config;
  private final RunConfiguration configuration;
  /** The open models, or null on a worker whose configuration is not the launch's (it processes nothing). */
  private final ModelSet models;
  private final SeriesResultStore results;
  private final MemoryBudget budget;
  private final SegPublisher publisher;
  /** Why this worker's configuration is not the launch's, or null when it is. */
  private final ConfigurationMismatchException mismatch;

  public SeriesProcessor(ProcessingConfig config) throws Exception {
    this.config = config;
    this.configuration = RunConfiguration.resolve(config);
    this.mismatch = ConfigurationMismatchException.between(config.launchIdentity(), configuration);
    this.models = mismatch == null ? new ModelSet(configuration) : null;
    this.results = new SeriesResultStore(config.output(), configurationHash());
    if (mismatch != null) {
      LOG.error("{}", mismatch.getMessage());
    } else {
      describe();
    }
    this.budget = MemoryBudget.shared(config.maxSeriesMemory() > 0 ? config.maxSeriesMemory()
        : MemorySize.defaultLimit());
    this.publisher = new SegPublisher(config, configurationHash());
  }

  private void describe() {
    try {
      results.describe(configuration.identity());
    } catch (IOException e) {
      LOG.warn("cannot write the configuration's description below {}: {}", config.output(), e.getMessage());
    }
  }

  /** Identifies the models and settings of this run (per-series results live under it). */
  public String configurationHash() {
    return configuration.hash();
  }

  /**
   * Processes a series, or takes its committed result (--skipExisting; a settled failure only without
   * --retryFailed), or refuses it when workers died {@link ProcessingConfig#maxWorkerDeaths()} times on it. Every
   * settled outcome is committed before it is returned. On a worker whose configuration is not the launch's, each
   * series is a retryable dead letter, neither processed nor committed.
   */
  public SeriesResult process(SeriesRef ref) {
    if (mismatch != null) {
      return failed(dead(ref, null, Stage.RESOURCES, mismatch, true));
    }
    try {
      if (config.skipExisting()) {
        Optional<SeriesResult> earlier = results.read(ref.key(), config.runId());
        if (earlier.isPresent() && (earlier.get().complete() || !config.retryFailed())) {
          results.forgetAttempts(ref.key());
          return earlier.get();
        }
      }
      int deaths = results.attempts(ref.key()).size();
      if (deaths >= config.maxWorkerDeaths()) {
        SeriesResult refused = failed(dead(ref, null, Stage.RESOURCES, new SeriesResourcesException(
            "a worker died " + deaths + " times while processing this series (out of native memory, or killed); "
            + "refused from now on, --retryFailed tries again"), false));
        results.finish(ref.key(), refused);
        return refused;
      }
      results.startAttempt(ref.key(), config.runId());
    } catch (IOException e) {
      return failed(dead(ref, null, Stage.FETCH, new IOException("cannot reach the per-series results "
          + "below " + config.output() + ": " + e.getMessage(), e), true));
    }
    SeriesResult outcome;
    try {
      outcome = processInFolder(ref);
    } catch (RuntimeException e) {
      // a defect or an input no stage foresaw: this series' dead letter, never the job's failure
      outcome = failed(dead(ref, null, Stage.DECODE, e, "unexpected " + e.getClass().getSimpleName()
          + " while processing this series: " + e.getMessage(), false));
    } catch (OutOfMemoryError e) {
      outcome = failed(dead(ref, null, Stage.RESOURCES, e, "ran out of Java heap ("
          + MemorySize.mib(Runtime.getRuntime().maxMemory()) + " at most) while processing this series: "
          + e.getMessage() + "; give the workers more memory or lower --maxSeriesMemory", false));
    }
    try {
      results.finish(ref.key(), outcome);
    } catch (IOException e) {
      outcome = outcome.with(dead(ref, null, Stage.WRITE, new IOException("cannot commit the series' result: "
          + e.getMessage(), e), true));
    }
    return outcome;
  }

  private SeriesResult processInFolder(SeriesRef ref) {
    Path folder = null;
    try {
      folder = Files.createTempDirectory("ctpipe-series");
      return process(ref, folder);
    } catch (IOException e) {
      // the worker's disk, not the series: worth another try, so not committed as a failure
      return failed(dead(ref, null, Stage.FETCH, e, true));
    } finally {
      deleteQuietly(folder);
    }
  }

  private SeriesResult process(SeriesRef ref, Path folder) {
    Timer timer = new Timer();
    FetchedSeries fetched;
    try {
      fetched = SeriesFetcher.of(ref, config.fetch()).fetch(ref, folder);
    } catch (FetchException e) {
      return failed(dead(ref, null, Stage.FETCH, e, e.retryable()));
    } catch (RuntimeException e) {
      // an unknown scheme, a location no filesystem can parse
      return failed(dead(ref, null, Stage.FETCH, e, "cannot fetch " + ref.location() + ": "
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
      return failed(decodeFailure(ref, folder, e));
    }
    SeriesMemory need = SeriesMemory.estimate(shape, configuration);
    if (need.totalBytes() > budget.limit()) {
      return failed(dead(ref, null, Stage.RESOURCES, new SeriesResourcesException(need.describe(shape,
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
        return failed(decodeFailure(ref, folder, e));
      }
      return analyse(ref, fetched, ct, timer, fetchMs, headersMs);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(dead(ref, null, Stage.RESOURCES, e, "interrupted while waiting for memory", true));
    }
  }

  /** A decode failure, the temporary folder shown as the series' location in its message and trace. */
  private DeadLetter decodeFailure(SeriesRef ref, Path folder, Exception e) {
    String where = ref.source() == SeriesRef.Source.FILES ? ref.location() : "series " + ref.seriesInstanceUid();
    return dead(ref, null, Stage.DECODE, e, String.valueOf(e.getMessage()), false).showingPathAs(folder.toString(),
        where);
  }

  /**
   * Body part regression, segmentation, SEGs and rows of an assembled volume. decode_ms is reading the headers and
   * assembling the volume, without the wait for memory.
   */
  private SeriesResult analyse(SeriesRef ref, FetchedSeries fetched, CtVolume ct, Timer timer, long fetchMs,
      long headersMs) {
    long decodeMs = headersMs + timer.lap();
    String series = ct.seriesInstanceUid();
    List<DeadLetter> dead = new ArrayList<>();
    String dicomBodyPart = ct.referenceHeader().string(Tag.BODY_PART_EXAMINED).orElse(null);
    BprReport bpr = null;
    boolean bprFailed = false;
    if (models.bprUnavailable() != null) {
      bprFailed = true;
      dead.add(dead(ref, series, Stage.BPR, models.bprUnavailable(), true));
    } else if (models.bpr() != null) {
      try {
        bpr = models.bpr().run(ct, dicomBodyPart);
      } catch (Exception e) {
        bprFailed = true;
        dead.add(dead(ref, series, Stage.BPR, e, false));
      }
    }
    long bprMs = timer.lap();
    List<ModelOutcome> outcomes = new ArrayList<>();
    long writeMs = 0;
    for (ModelSet.Segmentation segmentation : models.segmentations()) {
      Segmented result = segment(ref, ct, segmentation, dead);
      outcomes.add(result.outcome());
      writeMs += result.writeMs();
    }
    long segmentMs = timer.lap() - writeMs;
    SeriesFacts facts = new SeriesFacts(new Provenance(Instant.now(), config.ctpipeVersion(), configurationHash()),
        ref.key(), ref.origin(), ref.collectionId(), ref.location(), ct.studyInstanceUid(), series,
        ct.series().modality(), fetched.instances(), new Grid(ct.dims()[0], ct.dims()[1], ct.dims()[2],
            ct.spacing()[0], ct.spacing()[1], ct.spacing()[2]), ct.report().asStrings(), dicomBodyPart,
        fetched.bytes(), fetched.retries());
    BprOutcome bprOutcome = configuration.bpr() == null ? null : ModelOutcomes.bpr(configuration.bpr(),
        configuration.bprInference(), bpr, bprFailed);
    return new SeriesResult(config.runId(), facts, new StageTimings(fetchMs, decodeMs, bprMs, segmentMs, writeMs),
        bprOutcome, outcomes, dead, false);
  }

  private record Segmented(ModelOutcome outcome, long writeMs) {}

  /**
   * One model's segmentation, SEG and label statistics; a model that cannot run on its resolved backend here is a
   * retryable dead letter (the worker, not the series, is at fault), never a result made on another backend.
   */
  private Segmented segment(SeriesRef ref, CtVolume ct, ModelSet.Segmentation segmentation, List<DeadLetter> dead) {
    var card = segmentation.setup().card();
    ModelRun model = ModelOutcomes.run(card.id(), card.version(), card.sha256(), card.untrained(),
        segmentation.setup().inference());
    ModelOutcome failed = new ModelOutcome(model, Status.FAILED, null, 0, 0, 0, List.of());
    if (segmentation.unavailable() != null) {
      dead.add(dead(ref, ct.seriesInstanceUid(), Stage.SEGMENT, segmentation.unavailable(), true));
      return new Segmented(failed, 0);
    }
    Segmenter segmenter = segmentation.segmenter();
    SegmentationRun run;
    try {
      run = segmenter.segment(ct, segmenter.defaultOptions());
    } catch (Exception e) {
      dead.add(dead(ref, ct.seriesInstanceUid(), Stage.SEGMENT, e, false));
      return new Segmented(failed, 0);
    }
    List<LabelStatistics> labels = new ArrayList<>();
    for (SegmentStatistics s : SegmentStatistics.of(ct, run.labels())) {
      labels.add(ModelOutcomes.label(card, s));
    }
    long t0 = System.nanoTime();
    Status status;
    SegFile seg = null;
    try {
      SegPublisher.Published published = publisher.publish(ct, run, segmenter);
      status = Status.OK;
      seg = new SegFile(published.path(), published.seriesInstanceUid(), published.sopInstanceUid());
    } catch (Exception e) {
      dead.add(dead(ref, ct.seriesInstanceUid(), Stage.WRITE, e, e instanceof IOException io
          && Retry.transientFailure(io)));
      status = Status.FAILED;
    }
    return new Segmented(new ModelOutcome(model, status, seg, run.labelVoxels().size(), run.tiling().windowsRun(),
        run.tiling().windowsTotal(), labels), (System.nanoTime() - t0) / 1_000_000);
  }

  private SeriesResult failed(DeadLetter deadLetter) {
    return SeriesResult.failed(config.runId(), deadLetter);
  }

  private static DeadLetter dead(SeriesRef ref, String seriesUid, Stage stage, Throwable e, boolean retryable) {
    return DeadLetter.of(ref, seriesUid, stage, e, retryable, Instant.now());
  }

  private static DeadLetter dead(SeriesRef ref, String seriesUid, Stage stage, Throwable e, String message,
      boolean retryable) {
    return DeadLetter.of(ref, seriesUid, stage, e, message, retryable, Instant.now());
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
    if (models != null) {
      models.close();
    }
  }
}
