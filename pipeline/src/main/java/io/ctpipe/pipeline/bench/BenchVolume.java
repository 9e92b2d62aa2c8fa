package io.ctpipe.pipeline.bench;

import io.ctpipe.dicom.phantom.TorsoPhantom;
import io.ctpipe.dicom.volume.HuVolume;
import io.ctpipe.models.card.ModelCard;
import io.ctpipe.models.preprocess.Inverter;
import io.ctpipe.models.preprocess.ModelGrid;
import io.ctpipe.models.preprocess.Preprocessor;

/**
 * A benchmark's input in model space (model order, after the card's intensity transform), and where its labels are
 * compared: on the CT grid for a CT (so that crops of different size compare), in model space for the phantom.
 */
record BenchVolume(float[] values, int[] size, ModelGrid grid, int[] ctDims) {
  /** The noise-free torso phantom at 1.5 mm. */
  static BenchVolume torso(int[] size, ModelCard card) {
    return new BenchVolume(new TorsoPhantom(1).sampleModelOrder(size, 1.5,
        hu -> card.intensity().apply((float) hu)), size.clone(), null, null);
  }

  /** A CT through the card's preprocessing (its crop included). */
  static BenchVolume of(HuVolume ct, ModelCard card) {
    Preprocessor.Prepared prepared = Preprocessor.prepare(ct, card);
    return new BenchVolume(prepared.values(), prepared.grid().size(), prepared.grid(), ct.dims());
  }

  /** Labels to compare between runs: back on the CT grid for a CT, as they are for the phantom. */
  short[] comparable(short[] modelLabels) {
    return grid == null ? modelLabels : Inverter.toCtGrid(modelLabels, grid, ctDims).labels();
  }
}
