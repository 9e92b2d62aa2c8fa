package io.ctpipe.transforms.read;

import com.google.api.services.bigquery.model.TableRow;
import io.ctpipe.transforms.manifest.IdcIndexQuery;
import io.ctpipe.transforms.manifest.ManifestOptions;
import io.ctpipe.transforms.manifest.ManifestParser;
import io.ctpipe.transforms.manifest.ManifestProblem;
import io.ctpipe.transforms.manifest.ParsedManifest;
import io.ctpipe.transforms.manifest.SeriesRef;
import io.ctpipe.transforms.manifest.TableManifest;
import io.ctpipe.transforms.qa.QaTable;
import io.ctpipe.transforms.result.DeadLetter;
import io.ctpipe.transforms.result.ResultRows;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Reads manifest files (any Beam FileSystems pattern) and, when given, the rows of an IDC BigQuery index query
 * ({@link IdcIndexQuery}) into one {@link SeriesRef} per series, deduplicated by series key (the first origin in sort
 * order wins) and redistributed with a Reshuffle so that each series is a unit of work. Outputs: {@link #SERIES} the
 * references; {@link #DEAD_LETTERS} one dead_letters row per line or row that names no series (stage "manifest"). A
 * pattern that matches no file fails the pipeline at once.
 */
public final class ReadManifests extends PTransform<PBegin, PCollectionTuple> {
  public static final TupleTag<SeriesRef> SERIES = new TupleTag<>() {};
  public static final TupleTag<GenericRecord> DEAD_LETTERS = new TupleTag<>() {};
  /** Manifests larger than this are refused (the portal splits at 65,000 rows, about 10 MB). */
  static final long MAX_MANIFEST_BYTES = 256L << 20;

  private final List<String> patterns;
  private final IdcIndexQuery index;
  private final ManifestOptions options;
  private final String runId;

  /**
   * @param patterns manifest files or patterns (may be empty when {@code index} is given)
   * @param index a query of IDC's BigQuery index, or null
   */
  public ReadManifests(List<String> patterns, IdcIndexQuery index, ManifestOptions options, String runId) {
    if (patterns.isEmpty() && index == null) {
      throw new IllegalArgumentException("name the cohort with --manifest, or with --collections or --idcQuery");
    }
    this.patterns = List.copyOf(patterns);
    this.index = index;
    this.options = options;
    this.runId = runId;
  }

  @Override
  public PCollectionTuple expand(PBegin begin) {
    PCollectionList<SeriesRef> refs = PCollectionList.empty(begin.getPipeline());
    PCollectionList<GenericRecord> problems = PCollectionList.empty(begin.getPipeline());
    if (!patterns.isEmpty()) {
      PCollectionTuple files = begin.apply("ManifestPatterns", Create.of(patterns))
          .apply("MatchManifests", FileIO.matchAll().withEmptyMatchTreatment(EmptyMatchTreatment.DISALLOW))
          .apply("OpenManifests", FileIO.readMatches())
          .apply("ParseManifests", ParDo.of(new ParseManifestFn(options, runId))
              .withOutputTags(SERIES, TupleTagList.of(DEAD_LETTERS)));
      refs = refs.and(withCoders(files).get(SERIES));
      problems = problems.and(files.get(DEAD_LETTERS));
    }
    if (index != null) {
      PCollectionTuple rows = begin.apply("QueryIdcIndex", index.read())
          .apply("ParseIndexRows", ParDo.of(new ParseIndexRowFn(index.sourceName(), options, runId))
              .withOutputTags(SERIES, TupleTagList.of(DEAD_LETTERS)));
      refs = refs.and(withCoders(rows).get(SERIES));
      problems = problems.and(rows.get(DEAD_LETTERS));
    }
    PCollection<GenericRecord> deadLetters = problems.apply("AllManifestProblems", Flatten.pCollections())
        .setCoder(AvroCoder.of(QaTable.DEAD_LETTERS.schema()));
    PCollection<SeriesRef> unique = refs.apply("AllSeries", Flatten.pCollections())
        .setCoder(SerializableCoder.of(SeriesRef.class))
        .apply("KeyBySeries", WithKeys.of((SeriesRef r) -> r.key()).withKeyType(TypeDescriptor.of(String.class)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(SeriesRef.class)))
        .apply("DeduplicateSeries", Combine.perKey(ReadManifests::firstOrigin))
        .apply("DropKeys", Values.create())
        .apply("OneSeriesPerWorkUnit", Reshuffle.viaRandomKey());
    return PCollectionTuple.of(SERIES, unique).and(DEAD_LETTERS, deadLetters);
  }

  private static PCollectionTuple withCoders(PCollectionTuple parsed) {
    parsed.get(SERIES).setCoder(SerializableCoder.of(SeriesRef.class));
    parsed.get(DEAD_LETTERS).setCoder(AvroCoder.of(QaTable.DEAD_LETTERS.schema()));
    return parsed;
  }

  /** Of references to one series, the one from the first manifest line in sort order (deterministic). */
  static SeriesRef firstOrigin(Iterable<SeriesRef> refs) {
    SeriesRef first = null;
    for (SeriesRef r : refs) {
      first = first == null || r.origin().compareTo(first.origin()) < 0 ? r : first;
    }
    return first;
  }

  /** Turns one row of IDC's BigQuery index into a reference or a dead letter. */
  static final class ParseIndexRowFn extends DoFn<TableRow, SeriesRef> {
    private final Counter series = Metrics.counter(ReadManifests.class, "manifest-series");
    private final Counter problems = Metrics.counter(ReadManifests.class, "manifest-problems");
    private final String source;
    private final ManifestOptions options;
    private final String runId;

    ParseIndexRowFn(String source, ManifestOptions options, String runId) {
      this.source = source;
      this.options = options;
      this.runId = runId;
    }

    @ProcessElement
    public void process(@Element TableRow row, MultiOutputReceiver out) {
      emit(TableManifest.parseIndexRow(source, TableManifest.columns(row), options), out, series, problems, runId);
    }
  }

  /** Outputs a parsed manifest's series references and, as dead letters, its problems, counting both. */
  private static void emit(ParsedManifest parsed, DoFn.MultiOutputReceiver out, Counter series, Counter problems,
      String runId) {
    for (SeriesRef ref : parsed.refs()) {
      series.inc();
      out.get(SERIES).output(ref);
    }
    for (ManifestProblem problem : parsed.problems()) {
      problems.inc();
      out.get(DEAD_LETTERS).output(ResultRows.deadLetter(runId, DeadLetter.manifest(problem, Instant.now())));
    }
  }

  /** Parses one manifest file. */
  static final class ParseManifestFn extends DoFn<FileIO.ReadableFile, SeriesRef> {
    private final Counter lines = Metrics.counter(ReadManifests.class, "manifest-series");
    private final Counter problems = Metrics.counter(ReadManifests.class, "manifest-problems");
    private final ManifestOptions options;
    private final String runId;

    ParseManifestFn(ManifestOptions options, String runId) {
      this.options = options;
      this.runId = runId;
    }

    @ProcessElement
    public void process(@Element FileIO.ReadableFile file, MultiOutputReceiver out) throws IOException {
      String name = file.getMetadata().resourceId().toString();
      if (file.getMetadata().sizeBytes() > MAX_MANIFEST_BYTES) {
        problems.inc();
        out.get(DEAD_LETTERS).output(ResultRows.deadLetter(runId, DeadLetter.manifest(new ManifestProblem(name, 0,
            "", "the manifest is " + file.getMetadata().sizeBytes() + " bytes, more than " + MAX_MANIFEST_BYTES),
            Instant.now())));
        return;
      }
      ParsedManifest parsed;
      try {
        parsed = ManifestParser.parse(name, file.readFullyAsUTF8String(), options);
      } catch (RuntimeException e) {
        parsed = new ParsedManifest(List.of(), List.of(new ManifestProblem(name, 0, "", "cannot read the manifest: "
            + e.getMessage())));
      }
      emit(parsed, out, lines, problems, runId);
    }
  }
}
