package io.ctpipe.dicom.pixel;

import io.ctpipe.dicom.DicomFormatException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits encapsulated pixel data fragments into frames (PS3.5 A.4): by the Basic Offset Table when it is present,
 * one fragment per frame when the counts agree, and otherwise by the codestream start markers (JPEG SOI, JPEG 2000
 * SOC) that begin each frame.
 */
final class EncapsulatedFrames {
  private EncapsulatedFrames() {}

  /** @param fragments the Basic Offset Table item followed by the data fragments */
  static List<ByteBuffer> split(List<ByteBuffer> fragments, int frames) throws DicomFormatException {
    if (fragments.size() < 2) {
      throw new DicomFormatException("encapsulated pixel data has no fragments after the Basic Offset Table");
    }
    ByteBuffer offsetTable = fragments.get(0);
    List<ByteBuffer> data = fragments.subList(1, fragments.size());
    List<List<ByteBuffer>> groups;
    if (offsetTable.remaining() > 0) {
      groups = byOffsetTable(offsetTable, data, frames);
    } else if (data.size() == frames) {
      groups = new ArrayList<>();
      for (ByteBuffer f : data) {
        groups.add(List.of(f));
      }
    } else if (frames == 1) {
      groups = List.of(data);
    } else {
      groups = byStartMarkers(data, frames);
    }
    List<ByteBuffer> out = new ArrayList<>(groups.size());
    for (List<ByteBuffer> group : groups) {
      out.add(concatenate(group));
    }
    return out;
  }

  /**
   * The frames the fragments hold: the Basic Offset Table's entries, else the codestreams that start a fragment
   * (JPEG, JPEG 2000), else one frame per fragment.
   */
  static int count(List<ByteBuffer> fragments) {
    if (fragments.isEmpty()) {
      return 0;
    }
    if (fragments.get(0).remaining() > 0) {
      return fragments.get(0).remaining() / 4;
    }
    List<ByteBuffer> data = fragments.subList(1, fragments.size());
    long starts = data.stream().filter(EncapsulatedFrames::startsCodestream).count();
    return starts > 0 ? (int) starts : data.size();
  }

  private static List<List<ByteBuffer>> byOffsetTable(ByteBuffer table, List<ByteBuffer> data, int frames)
      throws DicomFormatException {
    if (table.remaining() != 4L * frames) {
      throw new DicomFormatException("Basic Offset Table has " + table.remaining() / 4 + " entries for "
          + frames + " frames");
    }
    List<List<ByteBuffer>> groups = new ArrayList<>();
    long offset = 0;
    int frame = -1;
    for (ByteBuffer fragment : data) {
      while (frame + 1 < frames && (table.getInt(table.position() + 4 * (frame + 1)) & 0xFFFFFFFFL) == offset) {
        frame++;
        groups.add(new ArrayList<>());
      }
      if (frame < 0) {
        throw new DicomFormatException("Basic Offset Table does not start at the first fragment");
      }
      groups.get(frame).add(fragment);
      offset += 8 + fragment.remaining();
    }
    if (groups.size() != frames) {
      throw new DicomFormatException("Basic Offset Table offsets do not match fragment boundaries: found "
          + groups.size() + " of " + frames + " frames");
    }
    return groups;
  }

  private static List<List<ByteBuffer>> byStartMarkers(List<ByteBuffer> data, int frames)
      throws DicomFormatException {
    List<List<ByteBuffer>> groups = new ArrayList<>();
    for (ByteBuffer fragment : data) {
      if (startsCodestream(fragment) || groups.isEmpty()) {
        groups.add(new ArrayList<>());
      }
      groups.get(groups.size() - 1).add(fragment);
    }
    if (groups.size() != frames) {
      throw new DicomFormatException("found " + groups.size() + " codestreams in " + data.size()
          + " fragments without a Basic Offset Table, but NumberOfFrames is " + frames);
    }
    return groups;
  }

  private static boolean startsCodestream(ByteBuffer fragment) {
    if (fragment.remaining() < 2) {
      return false;
    }
    int b0 = fragment.get(fragment.position()) & 0xFF;
    int b1 = fragment.get(fragment.position() + 1) & 0xFF;
    return b0 == 0xFF && (b1 == 0xD8 || b1 == 0x4F);
  }

  private static ByteBuffer concatenate(List<ByteBuffer> parts) {
    if (parts.size() == 1) {
      return parts.get(0).duplicate();
    }
    int total = 0;
    for (ByteBuffer p : parts) {
      total += p.remaining();
    }
    ByteBuffer out = ByteBuffer.allocate(total);
    for (ByteBuffer p : parts) {
      out.put(p.duplicate());
    }
    return out.flip();
  }
}
