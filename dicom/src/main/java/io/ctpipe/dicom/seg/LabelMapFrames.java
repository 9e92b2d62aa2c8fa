package io.ctpipe.dicom.seg;

import io.ctpipe.dicom.DicomDataset;
import io.ctpipe.dicom.Tag;
import io.ctpipe.dicom.Vr;
import io.ctpipe.dicom.pixel.RleEncoder;
import io.ctpipe.dicom.volume.CtVolume;
import io.ctpipe.dicom.volume.LabelMap;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * LABELMAP frames: one per slice, pixel value = segment number (0 = no segment), 8-bit when every segment number
 * fits, else 16-bit; RLE Lossless fragments (one per frame, empty offset table) or native pixel data.
 */
final class LabelMapFrames {
  private LabelMapFrames() {}

  static int write(DicomDataset ds, CtVolume source, LabelMap labels, Map<Integer, Integer> segmentNumbers,
      boolean rle) {
    int nz = labels.dims()[2];
    int rows = labels.dims()[1];
    int columns = labels.dims()[0];
    int sliceVoxels = labels.sliceVoxels();
    short[] segmentOfLabel = new short[65536];
    segmentNumbers.forEach((label, segment) -> segmentOfLabel[label] = (short) (int) segment);
    int bits = segmentNumbers.size() <= 255 ? 8 : 16;
    List<DicomDataset> perFrame = new ArrayList<>(nz);
    List<ByteBuffer> fragments = new ArrayList<>(nz + 1);
    fragments.add(ByteBuffer.allocate(0));
    ByteBuffer nativePixels = rle ? null
        : ByteBuffer.allocate(evenLength((long) nz * sliceVoxels * (bits / 8))).order(ByteOrder.LITTLE_ENDIAN);
    short[] slice = new short[sliceVoxels];
    for (int z = 0; z < nz; z++) {
      int base = z * sliceVoxels;
      for (int i = 0; i < sliceVoxels; i++) {
        slice[i] = segmentOfLabel[labels.label(base + i)];
      }
      perFrame.add(FrameGroups.item(source.slices().get(z), new int[] {z + 1}, 0));
      if (rle) {
        fragments.add(RleEncoder.encode(slice, rows, columns, bits));
      } else if (bits == 8) {
        for (short v : slice) {
          nativePixels.put((byte) v);
        }
      } else {
        nativePixels.asShortBuffer().put(slice);
        nativePixels.position(nativePixels.position() + 2 * sliceVoxels);
      }
    }
    ds.putInt(Tag.BITS_ALLOCATED, Vr.US, bits);
    ds.putInt(Tag.BITS_STORED, Vr.US, bits);
    ds.putInt(Tag.HIGH_BIT, Vr.US, bits - 1);
    ds.putSequence(Tag.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE, perFrame);
    if (rle) {
      ds.putFragments(Tag.PIXEL_DATA, Vr.OB, fragments);
    } else {
      ds.putBytes(Tag.PIXEL_DATA, bits == 8 ? Vr.OB : Vr.OW, nativePixels.rewind());
    }
    return nz;
  }

  private static int evenLength(long bytes) {
    return (int) (bytes + (bytes & 1));
  }
}
