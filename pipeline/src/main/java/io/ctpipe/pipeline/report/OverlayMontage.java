package io.ctpipe.pipeline.report;

import io.ctpipe.dicom.DicomFormatException;
import io.ctpipe.dicom.seg.CieLab;
import io.ctpipe.dicom.seg.SegmentInfo;
import io.ctpipe.dicom.seg.Segmentation;
import io.ctpipe.dicom.volume.CtVolume;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws a segmentation read back from its SEG file over its CT: axial, coronal and sagittal planes through the
 * voxel where the most labelled voxels cross, CT in a soft-tissue window (W 400, L 40), each segment in its
 * Recommended Display colour at 45 % opacity; pixels square in millimetres (nearest voxel), head up, at least 320
 * pixels across.
 */
final class OverlayMontage {
  static final double OPACITY = 0.45;
  private static final double WINDOW_LOW = 40 - 200;
  private static final double WINDOW_HIGH = 40 + 200;
  private static final int[] FALLBACK = {230, 230, 0};
  /** Panels are drawn at least this many pixels across their longer side (small grids are enlarged). */
  private static final int MIN_PIXELS = 320;

  /**
   * The montage (axial, coronal, sagittal side by side), the colour drawn for each segment number, and the planes
   * shown (x of the sagittal, y of the coronal, z of the axial panel).
   */
  record Result(BufferedImage image, Map<Integer, int[]> colours, int[] planes) {}

  private OverlayMontage() {}

  static Result draw(Segmentation seg, CtVolume ct) throws DicomFormatException {
    int[] dims = ct.dims();
    short[] labels = new short[dims[0] * dims[1] * dims[2]];
    Map<Integer, int[]> colours = new LinkedHashMap<>();
    for (SegmentInfo s : seg.segments()) {
      colours.put(s.number(), s.displayCieLab() == null ? FALLBACK : CieLab.toRgb(s.displayCieLab()));
      boolean[] mask = seg.mask(s.number(), ct);
      for (int i = 0; i < mask.length; i++) {
        if (mask[i] && labels[i] == 0) {
          labels[i] = (short) s.number();
        }
      }
    }
    int[] centre = busiestPlanes(labels, dims);
    boolean headUp = ct.direction()[8] >= 0; // the slice axis runs towards the head: its last index goes on top
    List<BufferedImage> panels = List.of(
        panel(ct, labels, colours, 0, 1, 2, centre[2], false),
        panel(ct, labels, colours, 0, 2, 1, centre[1], headUp),
        panel(ct, labels, colours, 1, 2, 0, centre[0], headUp));
    int width = panels.stream().mapToInt(BufferedImage::getWidth).sum() + 8 * (panels.size() - 1);
    int height = panels.stream().mapToInt(BufferedImage::getHeight).max().orElse(1);
    BufferedImage montage = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    int x = 0;
    for (BufferedImage p : panels) {
      montage.getGraphics().drawImage(p, x, 0, null);
      x += p.getWidth() + 8;
    }
    return new Result(montage, colours, centre);
  }

  /** For each axis, the plane index holding the most labelled voxels. */
  private static int[] busiestPlanes(short[] labels, int[] dims) {
    long[][] counts = {new long[dims[0]], new long[dims[1]], new long[dims[2]]};
    int i = 0;
    for (int z = 0; z < dims[2]; z++) {
      for (int y = 0; y < dims[1]; y++) {
        for (int x = 0; x < dims[0]; x++, i++) {
          if (labels[i] != 0) {
            counts[0][x]++;
            counts[1][y]++;
            counts[2][z]++;
          }
        }
      }
    }
    int[] best = new int[3];
    for (int a = 0; a < 3; a++) {
      best[a] = dims[a] / 2;
      for (int p = 0; p < dims[a]; p++) {
        if (counts[a][p] > counts[a][best[a]]) {
          best[a] = p;
        }
      }
    }
    return best;
  }

  /**
   * One plane: image x runs along volume axis {@code u}, image y along {@code v} (flipped so the higher index is
   * at the top when {@code flipV}), at index {@code w} of the third axis; resampled to square millimetre pixels.
   */
  private static BufferedImage panel(CtVolume ct, short[] labels, Map<Integer, int[]> colours, int u, int v, int w,
      int plane, boolean flipV) {
    int[] dims = ct.dims();
    double[] spacing = ct.spacing();
    double mm = Math.min(Math.min(spacing[u], spacing[v]), Math.max(dims[u] * spacing[u], dims[v] * spacing[v])
        / MIN_PIXELS);
    int width = Math.max(1, (int) Math.round(dims[u] * spacing[u] / mm));
    int height = Math.max(1, (int) Math.round(dims[v] * spacing[v] / mm));
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    int[] index = new int[3];
    index[w] = plane;
    for (int py = 0; py < height; py++) {
      int iv = Math.min(dims[v] - 1, (int) (py * mm / spacing[v]));
      index[v] = flipV ? dims[v] - 1 - iv : iv;
      for (int px = 0; px < width; px++) {
        index[u] = Math.min(dims[u] - 1, (int) (px * mm / spacing[u]));
        int voxel = index[0] + dims[0] * (index[1] + dims[1] * index[2]);
        image.setRGB(px, py, pixel(ct.hu(voxel), labels[voxel], colours));
      }
    }
    return image;
  }

  /** The displayed colour of one voxel: grey CT, blended with its segment's colour. */
  static int pixel(float hu, int label, Map<Integer, int[]> colours) {
    int grey = (int) Math.round(255 * Math.max(0, Math.min(1, (hu - WINDOW_LOW) / (WINDOW_HIGH - WINDOW_LOW))));
    int[] rgb = {grey, grey, grey};
    int[] colour = label == 0 ? null : colours.get(label);
    if (colour != null) {
      for (int c = 0; c < 3; c++) {
        rgb[c] = (int) Math.round((1 - OPACITY) * grey + OPACITY * colour[c]);
      }
    }
    return (rgb[0] << 16) | (rgb[1] << 8) | rgb[2];
  }
}
