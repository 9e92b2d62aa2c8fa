package io.ctpipe.dicom.seg;

import io.ctpipe.dicom.DicomDataset;
import io.ctpipe.dicom.Tag;
import io.ctpipe.dicom.Vr;
import io.ctpipe.dicom.volume.CtVolume;
import io.ctpipe.dicom.volume.LabelMap;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * BINARY frames: one frame per (segment, slice) where the segment has voxels, segment-major, bits packed back to
 * back with the first pixel in the least significant bit (PS3.5 8.1.1), so frames may start mid-byte. Two passes
 * over the label map: which segments each slice holds, then every labelled voxel sets one bit.
 */
final class BinaryFrames {
  private BinaryFrames() {}

  /** Puts Pixel Data and the per-frame groups; returns the frame count. */
  static int write(DicomDataset ds, CtVolume source, LabelMap labels, Map<Integer, Integer> segmentNumbers)
      throws SegmentationException {
    int nz = labels.dims()[2];
    int sliceVoxels = labels.sliceVoxels();
    int[] segmentOfLabel = new int[65536];
    segmentNumbers.forEach((label, segment) -> segmentOfLabel[label] = segment);
    int segments = segmentNumbers.size();
    boolean[][] present = new boolean[segments + 1][nz];
    for (int z = 0; z < nz; z++) {
      int base = z * sliceVoxels;
      for (int i = 0; i < sliceVoxels; i++) {
        present[segmentOfLabel[labels.label(base + i)]][z] = true;
      }
    }
    long[][] firstBit = new long[segments + 1][nz];
    List<DicomDataset> perFrame = new ArrayList<>();
    long frames = 0;
    for (int s = 1; s <= segments; s++) {
      for (int z = 0; z < nz; z++) {
        firstBit[s][z] = -1;
        if (present[s][z]) {
          firstBit[s][z] = frames * sliceVoxels;
          perFrame.add(FrameGroups.item(source.slices().get(z), new int[] {s, z + 1}, s));
          frames++;
        }
      }
    }
    long bytes = (frames * sliceVoxels + 7) / 8;
    if (bytes > Integer.MAX_VALUE - 16) {
      throw new SegmentationException(frames + " BINARY frames of " + sliceVoxels + " pixels exceed the 2 GiB "
          + "limit of one Pixel Data element: write a LABELMAP segmentation instead");
    }
    byte[] pixels = new byte[(int) (bytes + (bytes & 1))];
    for (int z = 0; z < nz; z++) {
      int base = z * sliceVoxels;
      for (int i = 0; i < sliceVoxels; i++) {
        int s = segmentOfLabel[labels.label(base + i)];
        if (s != 0) {
          long bit = firstBit[s][z] + i;
          pixels[(int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
        }
      }
    }
    ds.putInt(Tag.BITS_ALLOCATED, Vr.US, 1);
    ds.putInt(Tag.BITS_STORED, Vr.US, 1);
    ds.putInt(Tag.HIGH_BIT, Vr.US, 0);
    ds.putSequence(Tag.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE, perFrame);
    ds.putBytes(Tag.PIXEL_DATA, Vr.OB, ByteBuffer.wrap(pixels));
    return (int) frames;
  }
}
