package io.ctpipe.transforms.process;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Atomic, durable replacement of a local file: the bytes are written to a temporary file and forced to disk, the
 * file is renamed over the target (atomically where the filesystem can), and the target's folder is forced so that
 * the rename itself survives a crash. Folders that cannot be opened for forcing (some filesystems) are skipped.
 */
final class DurableLocalFiles {
  private DurableLocalFiles() {}

  static void write(Path temporary, Path target, byte[] bytes) throws IOException {
    Files.createDirectories(temporary.getParent());
    Files.createDirectories(target.getParent());
    try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
      out.force(true);
    }
    try {
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (java.nio.file.AtomicMoveNotSupportedException e) {
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
    }
    forceFolder(target.getParent());
  }

  private static void forceFolder(Path folder) {
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // not every filesystem lets a folder be opened and forced; the rename is then as durable as it can be
    }
  }
}
