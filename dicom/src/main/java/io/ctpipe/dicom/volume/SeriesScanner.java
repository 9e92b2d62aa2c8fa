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
 * Groups DICOM files into series by reading headers only. Files that are not DICOM, or hold no image, are
 * reported, not fatal. Series without a SeriesInstanceUID get a deterministic replacement derived from the
 * attributes that identify them (so the same files always get the same UID) and are flagged.
 */
public final class SeriesScanner {
  /** The outcome of a scan: series in order of first appearance, and the files that were skipped with why. */
  public record Result(List<CtSeries> series, Map<String, String> skipped) {}

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
    return new Result(group(headers), skipped);
  }

  /** Groups header-only (or full) files into series. */
  public static List<CtSeries> group(List<DicomFile> files) throws DicomFormatException {
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
      out.add(toSeries(e.getKey(), e.getValue(), new ArrayList<>(flags.get(e.getKey()))));
    }
    return out;
  }

  private static CtSeries toSeries(String seriesUid, List<DicomFile> files, List<GeometryFlag> identity)
      throws DicomFormatException {
    DicomDataset first = files.get(0).dataset();
    String studyUid = first.string(Tag.STUDY_INSTANCE_UID, "");
    if (studyUid.isEmpty()) {
      studyUid = Uids.fromName("ctpipe-study", first.string(Tag.PATIENT_ID, ""), first.string(Tag.STUDY_DATE, ""),
          first.string(Tag.STUDY_TIME, ""), first.string(Tag.ACCESSION_NUMBER, ""), seriesUid);
      identity.add(GeometryFlag.of(GeometryFlag.Code.MISSING_STUDY_UID));
    }
    int fromMeta = 0;
    int missing = 0;
    List<SliceHeader> slices = new ArrayList<>();
    for (DicomFile f : files) {
      String sop = f.dataset().string(Tag.SOP_INSTANCE_UID, "");
      if (sop.isEmpty()) {
        sop = f.sopInstanceUid().orElse("");
        if (sop.isEmpty()) {
          sop = Uids.fromName("ctpipe-instance", seriesUid, f.dataset().string(Tag.INSTANCE_NUMBER, ""),
              f.dataset().string(Tag.IMAGE_POSITION_PATIENT, ""), f.dataset().string(Tag.ACQUISITION_NUMBER, ""));
          missing++;
        } else {
          fromMeta++;
        }
      }
      slices.addAll(SliceHeaders.of(f, sop));
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
