package io.ctpipe.transforms.process;

import io.ctpipe.dicom.SafePaths;
import io.ctpipe.dicom.UidGrammar;
import io.ctpipe.models.card.ModelCards;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Where results go below the output root, written through Beam FileSystems: SEGs at
 * {@code <output>/<StudyInstanceUID>/<SeriesInstanceUID>/<model-id>-<configuration>.seg.dcm}, per-series results at
 * {@code <output>/_ctpipe/series/<configuration hash>/<hash of the series key>.avro}. Every file is written under
 * {@code <output>/_ctpipe/tmp/} first and then renamed into place, so a reader (or a re-run after a crash) never sees
 * a partial file.
 */
public final class OutputFiles {
  /** Where writes go before they are renamed into place, relative to the output root. */
  public static final String TEMPORARY_FOLDER = "_ctpipe/tmp/";
  /**
   * Ends every temporary name, so a file a killed worker left half-written never matches what its target would
   * (a search for {@code *.seg.dcm} below the output finds committed SEGs only).
   */
  public static final String TEMPORARY_SUFFIX = ".partial";

  private OutputFiles() {}

  /** Hex digits of the configuration hash in a SEG's file name. */
  static final int SEG_HASH_DIGITS = 8;

  /**
   * Where a model's SEG of a series goes: {@code <output>/<study>/<series>/<model-id>-<configuration>.seg.dcm},
   * the configuration's first {@value #SEG_HASH_DIGITS} hex digits in the name so that another model version, SEG
   * type or store never overwrites a SEG that committed results point to.
   *
   * @throws io.ctpipe.dicom.UnsafeNameException naming the field when a UID is not a DICOM UID or the model id not
   *     a safe file name
   */
  public static String segPath(String output, String study, String series, String modelId,
      String configurationHash) {
    return SafePaths.under(output, UidGrammar.require("StudyInstanceUID", study),
        UidGrammar.require("SeriesInstanceUID", series), SafePaths.requireFileName("model id", modelId) + "-"
            + configurationHash.substring(0, SEG_HASH_DIGITS) + ".seg.dcm");
  }

  /** The folder of one configuration's per-series results. */
  public static String resultsFolder(String output, String configurationHash) {
    return join(output, "_ctpipe/series/" + configurationHash + "/");
  }

  /** A series key as a file name: the first 32 hex digits of its SHA-256 (keys may hold slashes and any text). */
  public static String keyFileName(String seriesKey) {
    return ModelCards.sha256(seriesKey.getBytes(StandardCharsets.UTF_8)).substring(0, 32);
  }

  static String join(String root, String relative) {
    return root.endsWith("/") ? root + relative : root + "/" + relative;
  }

  public static boolean exists(String path) throws IOException {
    return FileSystems.match(path).status() == MatchResult.Status.OK;
  }

  /** The files a glob matches (none when nothing does). */
  public static List<MatchResult.Metadata> match(String glob) throws IOException {
    MatchResult result = FileSystems.match(glob);
    return result.status() == MatchResult.Status.NOT_FOUND ? List.of() : result.metadata();
  }

  /**
   * Reads a whole file of at most {@code maxBytes} (the size is checked before anything is allocated).
   *
   * @throws IOException when the file is missing, larger than the bound, or shorter than its listed size
   */
  public static byte[] read(MatchResult.Metadata file, int maxBytes) throws IOException {
    long size = file.sizeBytes();
    if (size > maxBytes) {
      throw new IOException(file.resourceId() + " holds " + size + " bytes, more than the " + maxBytes
          + " allowed");
    }
    byte[] bytes = new byte[(int) size];
    try (InputStream in = Channels.newInputStream(FileSystems.open(file.resourceId()))) {
      int read = in.readNBytes(bytes, 0, bytes.length);
      if (read != bytes.length) {
        throw new IOException(file.resourceId() + " ended after " + read + " of " + size + " bytes");
      }
    }
    return bytes;
  }

  /**
   * Writes a file atomically: to a unique temporary name below the output root, then renamed over the target. On a
   * local filesystem the temporary file is forced to disk before the rename and the target's folder after it, so a
   * committed file survives a power loss whole or not at all; object stores commit on close.
   *
   * @throws io.ctpipe.dicom.UnsafeNameException when {@code path} is not below {@code output}
   */
  public static void write(String output, String path, byte[] bytes, String mimeType) throws IOException {
    ResourceId target = FileSystems.matchNewResource(SafePaths.requireBelow(output, path), false);
    ResourceId temporary = FileSystems.matchNewResource(join(output, TEMPORARY_FOLDER + UUID.randomUUID() + "-"
        + target.getFilename() + TEMPORARY_SUFFIX), false);
    if ("file".equals(target.getScheme())) {
      DurableLocalFiles.write(localPath(temporary), localPath(target), bytes);
      return;
    }
    try (OutputStream out = Channels.newOutputStream(FileSystems.create(temporary, mimeType))) {
      out.write(bytes);
    }
    FileSystems.rename(List.of(temporary), List.of(target));
  }

  /** Moves a file to another path of the same filesystem, replacing what is there. */
  public static void move(String from, String to) throws IOException {
    ResourceId target = FileSystems.matchNewResource(to, false);
    if ("file".equals(target.getScheme())) {
      Files.createDirectories(localPath(target).getParent());
    }
    FileSystems.rename(List.of(FileSystems.matchNewResource(from, false)), List.of(target));
  }

  private static Path localPath(ResourceId resource) {
    String text = resource.toString();
    return text.startsWith("file:") ? Path.of(URI.create(text)) : Path.of(text);
  }

  /** Deletes files; those already gone are ignored. */
  public static void delete(List<MatchResult.Metadata> files) throws IOException {
    FileSystems.delete(files.stream().map(MatchResult.Metadata::resourceId).toList(),
        MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
  }
}
