package io.ctpipe.models.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctpipe.dicom.DicomReader;
import io.ctpipe.dicom.phantom.PhantomSeriesWriter;
import io.ctpipe.dicom.phantom.PhantomSpec;
import io.ctpipe.dicom.testing.SharedData;
import io.ctpipe.dicom.volume.HuVolume;
import io.ctpipe.dicom.volume.SeriesScanner;
import io.ctpipe.dicom.volume.VolumeAssembler;
import io.ctpipe.models.card.ModelCard;
import io.ctpipe.models.card.ModelCards;
import io.ctpipe.models.runtime.Backend;
import io.ctpipe.models.runtime.InferenceSettings;
import io.ctpipe.models.runtime.Precision;
import io.ctpipe.models.testing.LabelAgreement;
import io.ctpipe.models.tiling.Accumulation;
import io.ctpipe.models.tiling.BlendMode;
import io.ctpipe.models.tiling.TilingOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Top-k against FULL with ct-small-117 (shared models) on inputs it never saw, where its first pass proves least:
 * a 3-slice cut of a real CT and a 4-slice phantom, both padded to the ROI along the slice axis and reaching past it
 * along one in-plane axis (2 windows at overlap 0.625; small, so that each run takes seconds). K = 3 and 4 must keep ≥ 99.9 % and ≥ 99.95 % of FULL's labels, every
 * voxel reported proven, and the recheck must take exactly the voxels the first pass reported unproven.
 */
class TopKOnUnseenCtTest {
  @TempDir
  Path dir;

  @Test
  void thinCutOfARealCt() throws Exception {
    Path series = SharedData.require("ct/totalseg-example");
    Path cut = Files.createDirectories(dir.resolve("cut"));
    try (Stream<Path> files = Files.list(series)) {
      for (Path file : files.sorted().skip(8).limit(3).toList()) {
        Files.copy(file, cut.resolve(file.getFileName()));
      }
    }
    assertTopKHolds(new CroppedCt(read(cut), 300, 240));
  }

  @Test
  void paddedPhantom() throws Exception {
    SharedData.requireInShared("models/ct-small-117");
    PhantomSeriesWriter.write(PhantomSpec.of(new int[] {200, 150, 4}, new double[] {1.5, 1.5, 2.0}, 7),
        dir.resolve("phantom"));
    assertTopKHolds(read(dir.resolve("phantom")));
  }

  private static HuVolume read(Path folder) throws Exception {
    DicomReader reader = new DicomReader();
    return new VolumeAssembler(reader).assemble(new SeriesScanner(reader).scan(folder).series().get(0));
  }

  private static void assertTopKHolds(HuVolume ct) throws Exception {
    ModelCard card = ModelCards.read(SharedData.requireInShared("models/ct-small-117/card.json"));
    try (Segmenter segmenter = new Segmenter(card, new InferenceSettings(Backend.ONEDNN, Precision.FP32, 2))) {
      TilingOptions o = segmenter.defaultOptions().withOverlap(0.625).withMode(BlendMode.GAUSSIAN);
      short[] full = segmenter.segment(ct, o.withAccumulation(Accumulation.FULL)).labels().labels();
      SegmentationRun onePass = segmenter.segment(ct, o.withAccumulation(Accumulation.TOPK).withTopK(4)
          .withRecheck(false));
      assertTrue(onePass.tiling().exactVoxels() < voxels(onePass), "this input defeats the first pass somewhere");
      for (int k : List.of(3, 4)) {
        SegmentationRun run = segmenter.segment(ct, o.withAccumulation(Accumulation.TOPK).withTopK(k));
        double agreement = LabelAgreement.of(full, run.labels().labels()).equal();
        System.out.printf("ct-small-117 top-%d with recheck: %.4f %% of FULL's labels, %d of %d voxels rechecked "
            + "(%d windows)%n", k, 100 * agreement, run.tiling().voxelsRechecked(), voxels(run),
            run.tiling().windowsRechecked());
        assertTrue(agreement >= (k == 3 ? 0.999 : 0.9995), "K = " + k + ": " + agreement);
        assertEquals(voxels(run), run.tiling().exactVoxels(), "every label proven, by the first pass or the recheck");
        if (k == 4) {
          assertEquals(voxels(onePass) - onePass.tiling().exactVoxels(), run.tiling().voxelsRechecked(),
              "the recheck takes exactly the voxels the first pass left unproven");
        }
      }
    }
  }

  private static long voxels(SegmentationRun run) {
    return (long) run.modelGrid()[0] * run.modelGrid()[1] * run.modelGrid()[2];
  }

  /** The central columns × rows of a CT, every slice. */
  private record CroppedCt(HuVolume ct, int columns, int rows) implements HuVolume {
    @Override
    public int[] dims() {
      return new int[] {columns, rows, ct.dims()[2]};
    }

    @Override
    public double[] spacing() {
      return ct.spacing();
    }

    @Override
    public double[] origin() {
      double[] o = ct.origin().clone();
      double[] d = ct.direction();
      int x0 = (ct.dims()[0] - columns) / 2;
      int y0 = (ct.dims()[1] - rows) / 2;
      for (int a = 0; a < 3; a++) {
        o[a] += x0 * ct.spacing()[0] * d[a] + y0 * ct.spacing()[1] * d[3 + a];
      }
      return o;
    }

    @Override
    public double[] direction() {
      return ct.direction();
    }

    @Override
    public float hu(int index) {
      int x = index % columns + (ct.dims()[0] - columns) / 2;
      int y = index / columns % rows + (ct.dims()[1] - rows) / 2;
      int z = index / columns / rows;
      return ct.hu(x + ct.dims()[0] * (y + ct.dims()[1] * z));
    }
  }
}
