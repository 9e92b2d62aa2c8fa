package io.ctpipe.dicom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A reusable direct buffer for reading many files one after another without allocating (and page-faulting) a new
 * array per file. A {@link DicomFile} read through it is valid only until the next read into the same buffer.
 * Not thread-safe: one per thread.
 */
public final class ReadBuffer {
  private ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);

  /** Reads the whole file; the returned view covers exactly its bytes. */
  ByteBuffer load(Path path, long size) throws IOException {
    if (size > buffer.capacity()) {
      buffer = ByteBuffer.allocateDirect((int) Math.min(Integer.MAX_VALUE - 64,
          Math.max(size, (long) buffer.capacity() * 2)));
    }
    buffer.clear().limit((int) size);
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      while (buffer.hasRemaining() && ch.read(buffer) > 0) {
        // read until full or end of file
      }
    }
    buffer.flip();
    return buffer.slice();
  }
}
