package io.ctpipe.transforms.process;

import io.ctpipe.transforms.manifest.SeriesRef;
import io.ctpipe.transforms.qa.QaTable;
import io.ctpipe.transforms.result.DeadLetter;
import io.ctpipe.transforms.result.ModelOutcome;
import io.ctpipe.transforms.result.ResultRows;
import io.ctpipe.transforms.result.SeriesResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes each series with a {@link SeriesProcessor} per worker thread (models loaded once per JVM and shared;
 * volumes never leave the DoFn). Outputs: {@link #SERIES_QA}, {@link #SLICE_QA}, {@link #SEGMENT_STATS} rows,
 * {@link #DEAD_LETTERS} (stages fetch, resources, decode, bpr, segment, write): each series' {@link SeriesResult} as
 * table rows ({@link ResultRows}), committed as its durable result before they are output; series whose committed
 * result is taken again (--skipExisting) output that result's rows, so the run's tables hold every series of the
 * cohort once. Dead letters are logged at WARN
 * (stage, series key hash and message; no patient data). Metrics: series in, complete, partial, reused, failed per
 * stage; windows run and skipped; stage milliseconds.
 */
public final class ProcessSeries extends PTransform<PCollection<SeriesRef>, PCollectionTuple> {
  public static final TupleTag<GenericRecord> SERIES_QA = new TupleTag<>() {};
  public static final TupleTag<GenericRecord> SLICE_QA = new TupleTag<>() {};
  public static final TupleTag<GenericRecord> SEGMENT_STATS = new TupleTag<>() {};
  public static final TupleTag<GenericRecord> DEAD_LETTERS = new TupleTag<>() {};

  private final ProcessingConfig config;

  public ProcessSeries(ProcessingConfig config) {
    this.config = config;
  }

  @Override
  public PCollectionTuple expand(PCollection<SeriesRef> series) {
    PCollectionTuple out = series.apply("ProcessEachSeries", ParDo.of(new ProcessSeriesFn(config))
        .withOutputTags(SERIES_QA, TupleTagList.of(SLICE_QA).and(SEGMENT_STATS).and(DEAD_LETTERS)));
    out.get(SERIES_QA).setCoder(AvroCoder.of(QaTable.SERIES_QA.schema()));
    out.get(SLICE_QA).setCoder(AvroCoder.of(QaTable.SLICE_QA.schema()));
    out.get(SEGMENT_STATS).setCoder(AvroCoder.of(QaTable.SEGMENT_STATS.schema()));
    out.get(DEAD_LETTERS).setCoder(AvroCoder.of(QaTable.DEAD_LETTERS.schema()));
    return out;
  }

  /** The DoFn: a processor per instance, created in Setup, closed in Teardown. */
  static final class ProcessSeriesFn extends DoFn<SeriesRef, GenericRecord> {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessSeries.class);
    private static final AtomicLong DONE = new AtomicLong();
    private static final int PROGRESS_EVERY = 10;
    private final ProcessingConfig config;
    private final Counter in = Metrics.counter(ProcessSeries.class, "series-in");
    private final Counter complete = Metrics.counter(ProcessSeries.class, "series-complete");
    private final Counter partial = Metrics.counter(ProcessSeries.class, "series-partial");
    private final Counter reused = Metrics.counter(ProcessSeries.class, "series-reused");
    private final Counter failed = Metrics.counter(ProcessSeries.class, "series-failed");
    private final Counter windowsRun = Metrics.counter(ProcessSeries.class, "windows-run");
    private final Counter windowsSkipped = Metrics.counter(ProcessSeries.class, "windows-skipped");
    private final Distribution fetchMs = Metrics.distribution(ProcessSeries.class, "fetch-ms");
    private final Distribution decodeMs = Metrics.distribution(ProcessSeries.class, "decode-ms");
    private final Distribution bprMs = Metrics.distribution(ProcessSeries.class, "bpr-ms");
    private final Distribution segmentMs = Metrics.distribution(ProcessSeries.class, "segment-ms");
    private transient SeriesProcessor processor;

    ProcessSeriesFn(ProcessingConfig config) {
      this.config = config;
    }

    @Setup
    public void setup() throws Exception {
      processor = new SeriesProcessor(config);
    }

    @ProcessElement
    public void process(@Element SeriesRef ref, MultiOutputReceiver out) {
      in.inc();
      SeriesResult outcome = processor.process(ref);
      emit(outcome, out);
      if (outcome.reused()) {
        reused.inc();
        return;
      }
      count(ref, outcome);
      long done = DONE.incrementAndGet();
      if (done % PROGRESS_EVERY == 0) {
        LOG.info("progress: {} series processed in this JVM", done);
      }
    }

    private static void emit(SeriesResult outcome, MultiOutputReceiver out) {
      Map<QaTable, List<GenericRecord>> rows = ResultRows.of(outcome);
      rows.get(QaTable.SERIES_QA).forEach(out.get(SERIES_QA)::output);
      rows.get(QaTable.SLICE_QA).forEach(out.get(SLICE_QA)::output);
      rows.get(QaTable.SEGMENT_STATS).forEach(out.get(SEGMENT_STATS)::output);
      rows.get(QaTable.DEAD_LETTERS).forEach(out.get(DEAD_LETTERS)::output);
    }

    /** Metrics and dead-letter log lines of a series processed in this run. */
    private void count(SeriesRef ref, SeriesResult outcome) {
      if (outcome.facts() != null) {
        fetchMs.update(outcome.timings().fetchMs());
        decodeMs.update(outcome.timings().decodeMs());
        bprMs.update(outcome.timings().bprMs());
        segmentMs.update(outcome.timings().segmentMs());
        for (ModelOutcome m : outcome.models()) {
          windowsRun.inc(m.windowsRun());
          windowsSkipped.inc(m.windowsTotal() - m.windowsRun());
        }
      }
      for (DeadLetter dead : outcome.deadLetters()) {
        String stage = dead.stage().column();
        Metrics.counter(ProcessSeries.class, "failed-" + stage).inc();
        LOG.warn("dead letter: series {} failed at {}: {}", OutputFiles.keyFileName(ref.key()), stage,
            dead.message());
      }
      (outcome.facts() == null ? failed : outcome.deadLetters().isEmpty() ? complete : partial).inc();
    }

    @Teardown
    public void teardown() throws Exception {
      if (processor != null) {
        processor.close();
      }
    }
  }
}
