package io.ctpipe.transforms.process;

import io.ctpipe.dicom.volume.VolumeAssembler;
import io.ctpipe.models.bpr.BprPreprocessor;
import io.ctpipe.models.segment.SegmentationMemory;
import io.ctpipe.models.segment.SegmentationSetup;

/**
 * What one series will hold on the heap at most, estimated from its headers before any pixel is decoded: decoding
 * (HU as int16 widened to float32 when a rescale needs it), then the volume with the larger of body part regression
 * (128×128 per slice) and the hungriest segmentation model (models run one after another).
 */
public record SeriesMemory(long voxels, long volumeBytes, long bprBytes, long segmentBytes, String segmentModel) {
  private static final int DECODE_BYTES_PER_VOXEL = 6;
  private static final int VOLUME_BYTES_PER_VOXEL = 4;

  static SeriesMemory estimate(VolumeAssembler.Shape shape, RunConfiguration models) {
    long voxels = shape.voxels();
    long bpr = models.bpr() == null ? 0 : 4L * shape.dims()[2] * BprPreprocessor.SIZE * BprPreprocessor.SIZE;
    long segment = 0;
    String hungriest = null;
    for (SegmentationSetup s : models.segmentation()) {
      long bytes = SegmentationMemory.estimate(s.card(), s.tiling(), shape.dims(), shape.spacing(),
          shape.direction()).totalBytes();
      if (bytes > segment) {
        segment = bytes;
        hungriest = s.card().id();
      }
    }
    return new SeriesMemory(voxels, VOLUME_BYTES_PER_VOXEL * voxels, bpr, segment, hungriest);
  }

  public long totalBytes() {
    return Math.max(DECODE_BYTES_PER_VOXEL * voxels, volumeBytes + Math.max(bprBytes, segmentBytes));
  }

  /** The numbers an operator needs to decide: size, parts and limit. */
  String describe(VolumeAssembler.Shape shape, long limit) {
    int[] d = shape.dims();
    return "series needs about " + MemorySize.mib(totalBytes()) + " (" + d[0] + "x" + d[1] + "x" + d[2] + " = "
        + voxels + " voxels: volume " + MemorySize.mib(volumeBytes) + ", body part regression "
        + MemorySize.mib(bprBytes) + ", segmentation " + MemorySize.mib(segmentBytes)
        + (segmentModel == null ? "" : " for " + segmentModel) + "), more than --maxSeriesMemory "
        + MemorySize.mib(limit);
  }
}
