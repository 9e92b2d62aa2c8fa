package io.ctpipe.dicom.volume;

import io.ctpipe.dicom.DicomDataset;
import io.ctpipe.dicom.DicomFile;
import io.ctpipe.dicom.DicomFormatException;
import io.ctpipe.dicom.DicomReader;
import io.ctpipe.dicom.Tag;
import io.ctpipe.dicom.Uids;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Groups DICOM files into series by reading headers only. Files that are not DICOM, hold no image, or whose
 * image header cannot be read (a corrupt position, a broken functional group) are reported with why, not fatal.
 * Series without a SeriesInstanceUID get a deterministic replacement derived from the
 * attributes that identify them (so the same files always get the same UID) and are flagged.
 */
public final class SeriesScanner {
  /** The outcome of a scan: series in order of first appearance, and the files that were skipped with why. */
  public record Result(List<CtSeries> series, Map<String, String> skipped) {
    private static final int LISTED = 50;
    private static final int REASON_CHARS = 160;

    /**
     * "; skipped N file(s): name: why; ..." naming each skipped file up to 50 (file name only, reasons cut to a
     * line), or "" when nothing was skipped: for messages that must explain an empty or short result.
     */
    public String skippedSummary() {
      if (skipped.isEmpty()) {
        return "";
      }
      StringBuilder out = new StringBuilder("; skipped ").append(skipped.size()).append(" file(s): ");
      int listed = 0;
      for (Map.Entry<String, String> e : skipped.entrySet()) {
        if (listed == LISTED) {
          out.append("; ... and ").append(skipped.size() - LISTED).append(" more");
          break;
        }
        String why = e.getValue().startsWith(e.getKey() + ": ") ? e.getValue().substring(e.getKey().length() + 2)
            : e.getValue();
        why = why.length() > REASON_CHARS ? why.substring(0, REASON_CHARS) + "..." : why;
        out.append(listed++ == 0 ? "" : "; ").append(Path.of(e.getKey()).getFileName()).append(": ").append(why);
      }
      return out.toString();
    }
  }

  private final DicomReader reader;

  public SeriesScanner(DicomReader reader) {
    this.reader = reader;
  }

  /** Scans a file, or every regular file below a folder (sorted by path, hidden files ignored). */
  public Result scan(Path path) throws IOException {
    List<Path> files;
    if (Files.isDirectory(path)) {
      try (Stream<Path> walk = Files.walk(path)) {
        files = walk.filter(Files::isRegularFile)
            .filter(p -> !p.getFileName().toString().startsWith("."))
            .sorted().toList();
      }
    } else if (Files.isRegularFile(path)) {
      files = List.of(path);
    } else {
      throw new IOException("no such file or folder: " + path);
    }
    List<DicomFile> headers = new ArrayList<>();
    Map<String, String> skipped = new LinkedHashMap<>();
    for (Path file : files) {
      try {
        DicomFile header = reader.readHeader(file);
        if (!header.dataset().contains(Tag.PIXEL_DATA)) {
          skipped.put(file.toString(), "no Pixel Data: not an image");
        } else {
          headers.add(header);
        }
      } catch (DicomFormatException e) {
        skipped.put(file.toString(), e.getMessage());
      }
    }
    return new Result(group(headers, skipped), skipped);
  }

  /** Groups header-only files into series; a file whose slice headers cannot be read goes to {@code skipped}. */
  private static List<CtSeries> group(List<DicomFile> files, Map<String, String> skipped) {
    Map<String, List<DicomFile>> bySeries = new LinkedHashMap<>();
    Map<String, List<GeometryFlag>> flags = new LinkedHashMap<>();
    for (DicomFile f : files) {
      DicomDataset ds = f.dataset();
      String seriesUid = ds.string(Tag.SERIES_INSTANCE_UID, "");
      List<GeometryFlag> identity = new ArrayList<>();
      if (seriesUid.isEmpty()) {
        seriesUid = Uids.fromName("ctpipe-series", ds.string(Tag.STUDY_INSTANCE_UID, ""),
            ds.string(Tag.FRAME_OF_REFERENCE_UID, ""), ds.string(Tag.SERIES_NUMBER, ""),
            ds.string(Tag.SERIES_DESCRIPTION, ""), ds.string(Tag.SERIES_DATE, ""), ds.string(Tag.SERIES_TIME, ""),
            ds.string(Tag.MODALITY, ""), ds.string(Tag.PATIENT_ID, ""));
        identity.add(GeometryFlag.of(GeometryFlag.Code.MISSING_SERIES_UID));
      }
      bySeries.computeIfAbsent(seriesUid, k -> new ArrayList<>()).add(f);
      flags.putIfAbsent(seriesUid, identity);
    }
    List<CtSeries> out = new ArrayList<>();
    for (Map.Entry<String, List<DicomFile>> e : bySeries.entrySet()) {
      CtSeries series = toSeries(e.getKey(), e.getValue(), new ArrayList<>(flags.get(e.getKey())), skipped);
      if (series != null) {
        out.add(series);
      }
    }
    return out;
  }

  /** The series of the files whose slice headers read, or null when none did. */
  private static CtSeries toSeries(String seriesUid, List<DicomFile> files, List<GeometryFlag> identity,
      Map<String, String> skipped) {
    int fromMeta = 0;
    int missing = 0;
    List<SliceHeader> slices = new ArrayList<>();
    DicomDataset first = null;
    for (DicomFile f : files) {
      String sop = f.dataset().string(Tag.SOP_INSTANCE_UID, "");
      boolean fromFileMeta = false;
      if (sop.isEmpty()) {
        sop = f.sopInstanceUid().orElse("");
        fromFileMeta = !sop.isEmpty();
        if (sop.isEmpty()) {
          sop = Uids.fromName("ctpipe-instance", seriesUid, f.dataset().string(Tag.INSTANCE_NUMBER, ""),
              f.dataset().string(Tag.IMAGE_POSITION_PATIENT, ""), f.dataset().string(Tag.ACQUISITION_NUMBER, ""));
        }
      }
      try {
        slices.addAll(SliceHeaders.of(f, sop));
      } catch (DicomFormatException e) {
        skipped.put(f.source(), "image header unreadable: " + e.getMessage());
        continue;
      }
      first = first == null ? f.dataset() : first;
      if (fromFileMeta) {
        fromMeta++;
      } else if (f.dataset().string(Tag.SOP_INSTANCE_UID, "").isEmpty()) {
        missing++;
      }
    }
    if (first == null) {
      return null;
    }
    String studyUid = first.string(Tag.STUDY_INSTANCE_UID, "");
    if (studyUid.isEmpty()) {
      studyUid = Uids.fromName("ctpipe-study", first.string(Tag.PATIENT_ID, ""), first.string(Tag.STUDY_DATE, ""),
          first.string(Tag.STUDY_TIME, ""), first.string(Tag.ACCESSION_NUMBER, ""), seriesUid);
      identity.add(GeometryFlag.of(GeometryFlag.Code.MISSING_STUDY_UID));
    }
    if (fromMeta > 0) {
      identity.add(GeometryFlag.of(GeometryFlag.Code.SOP_UID_FROM_FILE_META, "instances", fromMeta));
    }
    if (missing > 0) {
      identity.add(GeometryFlag.of(GeometryFlag.Code.MISSING_SOP_UID, "instances", missing));
    }
    return new CtSeries(seriesUid, studyUid, first.string(Tag.MODALITY, ""), slices, first, identity);
  }
}
