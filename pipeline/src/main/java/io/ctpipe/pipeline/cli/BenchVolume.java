package io.ctpipe.pipeline.cli;

import io.ctpipe.dicom.phantom.TorsoPhantom;
import io.ctpipe.dicom.volume.HuVolume;
import io.ctpipe.models.card.ModelCard;
import io.ctpipe.models.preprocess.Preprocessor;

/** A benchmark's input in model space (model order, after the card's intensity transform). */
record BenchVolume(float[] values, int[] size) {
  /** The noise-free torso phantom at 1.5 mm. */
  static BenchVolume torso(int[] size, ModelCard card) {
    return new BenchVolume(new TorsoPhantom(1).sampleModelOrder(size, 1.5,
        hu -> card.intensity().apply((float) hu)), size.clone());
  }

  /** A CT through the card's preprocessing, repeated {@code stack} times along the model's last axis. */
  static BenchVolume of(HuVolume ct, ModelCard card, int stack) {
    if (stack < 1) {
      throw new IllegalArgumentException("--stack must be at least 1, got " + stack);
    }
    Preprocessor.Prepared prepared = Preprocessor.prepare(ct, card);
    int[] one = prepared.grid().size();
    long voxels = (long) one[0] * one[1] * one[2] * stack;
    if (voxels > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("a stack of " + stack + " makes " + voxels + " voxels, more than one array "
          + "holds");
    }
    int[] size = {one[0], one[1], one[2] * stack};
    float[] values = new float[(int) voxels];
    float[] source = prepared.values();
    for (int row = 0; row < one[0] * one[1]; row++) {
      for (int s = 0; s < stack; s++) {
        System.arraycopy(source, row * one[2], values, (row * stack + s) * one[2], one[2]);
      }
    }
    return new BenchVolume(values, size);
  }
}
