package io.ctpipe.dicom.labelmap;

import io.ctpipe.dicom.DicomFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads 3D NRRD label maps with attached raw or gzip data, in a left-posterior-superior or right-anterior-superior
 * space with space directions and origin (as 3D Slicer and dcmqi write them).
 */
public final class NrrdReader {
  private static final int MAX_HEADER = 64 * 1024;

  private NrrdReader() {}

  public static LabelVolume read(Path path) throws IOException {
    return parse(Files.readAllBytes(path), path.toString());
  }

  static LabelVolume parse(byte[] bytes, String source) throws IOException {
    if (bytes.length < 8 || !new String(bytes, 0, 4, StandardCharsets.US_ASCII).equals("NRRD")) {
      throw new DicomFormatException(source + ": not a NRRD file (no 'NRRD' magic)");
    }
    int headerEnd = headerEnd(bytes, source);
    Map<String, String> fields = fields(new String(bytes, 0, headerEnd, StandardCharsets.ISO_8859_1));
    if (!"3".equals(field(fields, "dimension", source))) {
      throw new DicomFormatException(source + ": NRRD dimension " + fields.get("dimension") + "; a label map needs 3");
    }
    if (fields.containsKey("data file") || fields.containsKey("datafile")) {
      throw new DicomFormatException(source + ": detached NRRD data files are not supported");
    }
    VoxelType type = VoxelType.ofNrrd(field(fields, "type", source), source);
    int[] dims = ints(field(fields, "sizes", source), source);
    String encoding = field(fields, "encoding", source);
    int dataStart = headerEnd + (bytes[headerEnd] == '\r' ? 2 : 1);
    byte[] data;
    int offset;
    if (encoding.equals("gzip") || encoding.equals("gz")) {
      data = BoundedInput.gunzip(bytes, dataStart, bytes.length - dataStart, source);
      offset = 0;
    } else if (encoding.equals("raw")) {
      data = bytes;
      offset = dataStart;
    } else {
      throw new DicomFormatException(source + ": NRRD encoding '" + encoding + "' is not supported (raw, gzip)");
    }
    long voxels = (long) dims[0] * dims[1] * dims[2];
    if (voxels * type.bytes() > data.length - offset) {
      throw new DicomFormatException(source + ": NRRD data holds " + (data.length - offset) + " bytes but "
          + voxels + " voxels need " + voxels * type.bytes());
    }
    ByteBuffer b = ByteBuffer.wrap(data).order("big".equals(fields.get("endian")) ? ByteOrder.BIG_ENDIAN
        : ByteOrder.LITTLE_ENDIAN);
    int[] labels = type.readLabels(b, offset, (int) voxels, 1, 0, source);
    return new LabelVolume(dims, labels, affine(fields, source));
  }

  private static int headerEnd(byte[] bytes, String source) throws DicomFormatException {
    for (int i = 1; i < Math.min(bytes.length, MAX_HEADER); i++) {
      if (bytes[i] == '\n' && (bytes[i - 1] == '\n' || (bytes[i - 1] == '\r' && i > 1 && bytes[i - 2] == '\n'))) {
        return bytes[i - 1] == '\r' ? i - 1 : i;
      }
    }
    throw new DicomFormatException(source + ": NRRD header has no blank line within " + MAX_HEADER + " bytes");
  }

  private static Map<String, String> fields(String header) {
    Map<String, String> fields = new HashMap<>();
    for (String line : header.split("\r?\n")) {
      int colon = line.indexOf(": ");
      if (!line.startsWith("#") && colon > 0) {
        fields.put(line.substring(0, colon).trim().toLowerCase(), line.substring(colon + 2).trim());
      }
    }
    return fields;
  }

  private static String field(Map<String, String> fields, String name, String source) throws DicomFormatException {
    String value = fields.get(name);
    if (value == null) {
      throw new DicomFormatException(source + ": NRRD header has no '" + name + "' field");
    }
    return value;
  }

  private static int[] ints(String value, String source) throws DicomFormatException {
    String[] parts = value.trim().split("\\s+");
    if (parts.length != 3) {
      throw new DicomFormatException(source + ": NRRD sizes '" + value + "' are not three numbers");
    }
    int[] out = new int[3];
    for (int i = 0; i < 3; i++) {
      out[i] = Integer.parseInt(parts[i]);
      if (out[i] < 1) {
        throw new DicomFormatException(source + ": NRRD size " + out[i]);
      }
    }
    return out;
  }

  /** Space directions are the voxel axes' vectors; the affine's columns. */
  private static double[] affine(Map<String, String> fields, String source) throws DicomFormatException {
    double[][] axes = new double[3][];
    String directions = fields.get("space directions");
    if (directions == null) {
      axes = new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    } else {
      String[] vectors = directions.trim().split("\\)\\s*\\(");
      if (vectors.length != 3) {
        throw new DicomFormatException(source + ": NRRD space directions '" + directions + "' are not 3 vectors");
      }
      for (int i = 0; i < 3; i++) {
        axes[i] = vector(vectors[i], source);
      }
    }
    double[] origin = fields.containsKey("space origin") ? vector(fields.get("space origin"), source)
        : new double[3];
    String space = fields.getOrDefault("space", "left-posterior-superior");
    double flip = switch (space) {
      case "left-posterior-superior", "LPS" -> 1;
      case "right-anterior-superior", "RAS" -> -1;
      default -> throw new DicomFormatException(source + ": NRRD space '" + space + "' is not supported");
    };
    double[] a = new double[12];
    for (int row = 0; row < 3; row++) {
      double sign = row < 2 ? flip : 1;
      for (int col = 0; col < 3; col++) {
        a[row * 4 + col] = sign * axes[col][row];
      }
      a[row * 4 + 3] = sign * origin[row];
    }
    return a;
  }

  private static double[] vector(String text, String source) throws DicomFormatException {
    String[] parts = text.replace("(", "").replace(")", "").trim().split("\\s*,\\s*");
    if (parts.length != 3) {
      throw new DicomFormatException(source + ": NRRD vector '" + text + "' is not three numbers");
    }
    double[] v = new double[3];
    for (int i = 0; i < 3; i++) {
      v[i] = Double.parseDouble(parts[i]);
    }
    return v;
  }
}
