package io.ctpipe.models.runtime.parity;

import io.ctpipe.dicom.DicomReader;
import io.ctpipe.dicom.labelmap.NiftiReader;
import io.ctpipe.dicom.testing.SharedData;
import io.ctpipe.dicom.volume.SeriesScanner;
import io.ctpipe.dicom.volume.VolumeAssembler;
import io.ctpipe.models.card.ModelCard;
import io.ctpipe.models.preprocess.Preprocessor;
import java.util.ArrayList;
import java.util.List;

/**
 * Windows cut from the shared real CTs, prepared as ct-small-117's card prepares them (RAS, 3 mm, HU clipped to
 * ±1000 and scaled to ±1), one per kind of window a tiled run meets: the body; the volume's edge with 25–99 % of the
 * window padding; a corner of a wide field of view that is nearly all clipped air; the bone-richest window; and
 * volumes of 1, 3 and 8 slices padded as the tiler pads them. Each window knows which of its voxels are real (the
 * tiler keeps only those).
 */
final class ParityCorpus {
  /** One window: its kind, its values (D×H×W, W fastest) and whether each voxel is real rather than padding. */
  record Window(String kind, float[] values, boolean[] real) {
    /** A window all of whose values are real (no padding). */
    static Window whole(String kind, float[] values) {
      boolean[] real = new boolean[values.length];
      java.util.Arrays.fill(real, true);
      return new Window(kind, values, real);
    }

    double paddingShare() {
      return 1 - realVoxels() / (double) real.length;
    }

    long realVoxels() {
      long n = 0;
      for (boolean r : real) {
        n += r ? 1 : 0;
      }
      return n;
    }

    long countAbove(float threshold) {
      long n = 0;
      for (float v : values) {
        n += v > threshold ? 1 : 0;
      }
      return n;
    }
  }

  private ParityCorpus() {}

  /** The corpus for windows of {@code size}³, padding with {@code pad} (the card's pad value). */
  static List<Window> build(ModelCard card, int size, float pad) throws Exception {
    Volume training = Volume.of(Preprocessor.prepare(
        NiftiReader.readCt(SharedData.require("reference/totalseg-nifti-example/example_ct.nii.gz")), card));
    DicomReader reader = new DicomReader();
    Volume thin = Volume.of(Preprocessor.prepare(new VolumeAssembler(reader).assemble(new SeriesScanner(reader)
        .scan(SharedData.require("ct/totalseg-example")).series().get(0)), card));
    List<Window> corpus = new ArrayList<>();
    int[] centre = training.centredAt(size);
    corpus.add(training.window("body", centre, size, pad, size));
    for (int percent : new int[] {25, 50, 75, 90, 99}) {
      int kept = Math.max(1, size - (int) Math.round(size * percent / 100.0));
      corpus.add(training.window("edge, " + percent + " % padding", centre, size, pad, kept));
    }
    corpus.add(thin.window("air: field-of-view corner", new int[] {0, 0, thin.centredAt(size)[2]}, size, pad,
        size));
    corpus.add(training.window("bone-richest", training.boneRichest(size), size, pad, size));
    for (int slices : new int[] {1, 3, 8}) {
      corpus.add(thin.slab(slices + "-slice volume", slices, size, pad));
    }
    return corpus;
  }

  /** A prepared volume in model order. */
  private record Volume(float[] values, int[] dims) {
    static Volume of(Preprocessor.Prepared p) {
      return new Volume(p.values(), p.grid().size());
    }

    int[] centredAt(int size) {
      return new int[] {(dims[0] - size) / 2, (dims[1] - size) / 2, (dims[2] - size) / 2};
    }

    /**
     * The window starting at {@code origin} (voxels outside the volume are padding), with only the first
     * {@code keptPlanes} planes of the last axis real: the rest are set to {@code pad}, as past a volume's end.
     */
    Window window(String kind, int[] origin, int size, float pad, int keptPlanes) {
      float[] out = new float[size * size * size];
      boolean[] real = new boolean[out.length];
      for (int i = 0; i < size; i++) {
        for (int j = 0; j < size; j++) {
          for (int k = 0; k < size; k++) {
            int x = origin[0] + i;
            int y = origin[1] + j;
            int z = origin[2] + k;
            boolean inside = k < keptPlanes && x >= 0 && y >= 0 && z >= 0 && x < dims[0] && y < dims[1]
                && z < dims[2];
            int at = (i * size + j) * size + k;
            out[at] = inside ? values[(x * dims[1] + y) * dims[2] + z] : pad;
            real[at] = inside;
          }
        }
      }
      return new Window(kind, out, real);
    }

    /** {@code slices} planes of the last axis around the middle, padded half before and the rest after. */
    Window slab(String kind, int slices, int size, float pad) {
      int[] origin = centredAt(size);
      int first = (dims[2] - slices) / 2;
      origin[2] = first - (size - slices) / 2;
      Window w = window(kind, origin, size, pad, size);
      for (int at = 0; at < w.values.length; at++) {
        int z = origin[2] + at % size;
        if (z < first || z >= first + slices) {
          w.values[at] = pad;
          w.real[at] = false;
        }
      }
      return w;
    }

    /** The origin, among a 3×3×3 grid of in-volume origins, whose window holds the most voxels above 250 HU. */
    int[] boneRichest(int size) {
      int[] best = null;
      long most = -1;
      for (int a = 0; a < 27; a++) {
        int[] origin = new int[3];
        for (int axis = 0; axis < 3; axis++) {
          int step = (a / (int) Math.pow(3, axis)) % 3;
          origin[axis] = Math.max(0, dims[axis] - size) * step / 2;
        }
        long bone = window("", origin, size, 0f, size).countAbove(0.25f);
        if (bone > most) {
          most = bone;
          best = origin;
        }
      }
      return best;
    }
  }
}
