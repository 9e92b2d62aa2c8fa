package io.ctpipe.dicom.fuzz;

import io.ctpipe.dicom.DicomFile;
import io.ctpipe.dicom.DicomFormatException;
import io.ctpipe.dicom.DicomReader;
import io.ctpipe.dicom.Tag;
import io.ctpipe.dicom.pixel.PixelData;
import io.ctpipe.dicom.seg.SegReader;
import io.ctpipe.dicom.seg.Segmentation;
import io.ctpipe.dicom.volume.CtSeries;
import io.ctpipe.dicom.volume.SeriesScanner;
import io.ctpipe.dicom.volume.VolumeAssembler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What ctpipe does with one file, end to end: parse it, decode its first and last frames, read it as a SEG when it
 * is one, and assemble it as a one-file series. Every outcome must be a result or a documented exception (an
 * {@link IOException}, of which {@link DicomFormatException} and SeriesRejectedException are kinds); anything
 * else escapes to the caller.
 */
final class FuzzTarget {
  /** Frames decoded per input: the first and the last, where offset tables and lengths go wrong. */
  private static final int FRAMES_TRIED = 2;
  private static final String SEGMENTATION_STORAGE_PREFIX = "1.2.840.10008.5.1.4.1.1.66";

  private final DicomReader reader = new DicomReader();
  private final Path scratch;

  FuzzTarget(Path scratch) {
    this.scratch = scratch;
  }

  /** Runs one input; returns how far it got and why it stopped (for the campaign's statistics and corpus). */
  Result run(byte[] input) {
    DicomFile file;
    try {
      file = reader.read(input, "fuzz");
    } catch (DicomFormatException e) {
      return new Result(Outcome.REJECTED_BY_PARSER, e.getMessage());
    }
    try {
      if (file.dataset().contains(Tag.PIXEL_DATA)) {
        PixelData pixels = PixelData.of(file);
        for (int i = 0; i < Math.min(FRAMES_TRIED, pixels.frameCount()); i++) {
          pixels.decodeFrame(i == 0 ? 0 : pixels.frameCount() - 1);
        }
      }
      if (file.sopClassUid().orElse("").startsWith(SEGMENTATION_STORAGE_PREFIX)) {
        Segmentation seg = SegReader.read(file);
        for (int i = 0; i < Math.min(FRAMES_TRIED, seg.frames().size()); i++) {
          seg.frameValues(i == 0 ? 0 : seg.frames().size() - 1);
        }
        seg.voxelCounts();
        return new Result(Outcome.READ, "");
      }
      Path copy = scratch.resolve("input.dcm");
      Files.write(copy, input);
      SeriesScanner.Result scan = new SeriesScanner(reader).scan(copy);
      for (CtSeries series : scan.series()) {
        new VolumeAssembler(reader).assemble(series);
      }
      return new Result(Outcome.READ, "");
    } catch (IOException e) {
      return new Result(Outcome.REJECTED_LATER, e.getMessage());
    }
  }

  /** An outcome and the message of the exception that ended the input ("" when it was read). */
  record Result(Outcome outcome, String message) {
    /** The message with numbers and quoted values blanked: one kind of failure, whatever the input. */
    String kind() {
      return outcome + ": " + message.replaceAll("'[^']*'", "'_'").replaceAll("[0-9]+", "N");
    }
  }

  /** How an input ended. */
  enum Outcome { REJECTED_BY_PARSER, REJECTED_LATER, READ }
}
