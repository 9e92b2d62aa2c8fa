package io.ctpipe.transforms.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Wait;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;

/**
 * Writes the skip markers of completely processed series, but only after the QA tables are written
 * ({@code Wait.on} the writes' signals): a run that fails before its rows are stored leaves no marker, so
 * {@code --skipExisting} never skips a series whose rows were lost.
 */
public final class WriteSkipMarkers extends PTransform<PCollection<SeriesOutcome.SkipMarker>, PDone> {
  private final List<PCollection<?>> signals;

  public WriteSkipMarkers(List<PCollection<?>> signals) {
    this.signals = List.copyOf(signals);
  }

  @Override
  public PDone expand(PCollection<SeriesOutcome.SkipMarker> markers) {
    markers.apply("AfterQaTablesAreWritten", Wait.on(signals.toArray(new PCollection<?>[0])))
        .apply("WriteMarkers", ParDo.of(new WriteMarkerFn()));
    return PDone.in(markers.getPipeline());
  }

  /** Writes one marker file. */
  static final class WriteMarkerFn extends DoFn<SeriesOutcome.SkipMarker, Void> {
    @ProcessElement
    public void process(@Element SeriesOutcome.SkipMarker marker) throws IOException {
      OutputFiles.write(marker.path(), marker.content().getBytes(StandardCharsets.UTF_8), "application/json");
    }
  }
}
