package io.ctpipe.models.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads the storages ({@code ARCHIVE/data/KEY}) a checkpoint's pickle refers to, each once: the declared size is
 * checked against the file and charged to the checkpoint's budget before its bytes are read.
 */
final class StorageLoader implements Pickle.StorageResolver {
  /** A zip entry inflates at most about 1032:1, so a storage larger than this many times the file is a lie. */
  private static final long MAX_INFLATION = 1100;

  private final ZipFile zip;
  private final Path file;
  private final String prefix;
  private final ByteOrder order;
  private final CheckpointBudget budget;
  private final long fileSize;
  private final Map<String, Storage> loaded = new HashMap<>();

  StorageLoader(ZipFile zip, Path file, String prefix, ByteOrder order, CheckpointBudget budget)
      throws IOException {
    this.zip = zip;
    this.file = file;
    this.prefix = prefix;
    this.order = order;
    this.budget = budget;
    this.fileSize = Files.size(file);
  }

  @Override
  public Storage resolve(StorageRef ref) throws CheckpointException {
    Storage cached = loaded.get(ref.key());
    if (cached != null) {
      return cached;
    }
    ZipEntry data = zip.getEntry(prefix + "data/" + ref.key());
    if (data == null) {
      throw new CheckpointException(file + ": tensor storage " + ref.key() + " is missing (" + prefix + "data/"
          + ref.key() + ")");
    }
    long bytes;
    try {
      bytes = Math.multiplyExact(ref.elements(), ref.type().bytes);
    } catch (ArithmeticException e) {
      throw new CheckpointException(file + ": storage " + ref.key() + " declares " + ref.elements() + " elements");
    }
    if (bytes > fileSize * MAX_INFLATION || bytes > Integer.MAX_VALUE - 8) {
      throw new CheckpointException(file + ": storage " + ref.key() + " declares " + ref.elements() + " "
          + ref.type().dtype() + " elements (" + bytes + " bytes), more than the file can hold");
    }
    budget.charge(bytes, "storage " + ref.key());
    byte[] content;
    try {
      content = TorchCheckpoint.entryBytes(zip, data, bytes, file);
    } catch (IOException e) {
      throw new CheckpointException(e.getMessage());
    }
    if (content.length != bytes) {
      throw new CheckpointException(file + ": storage " + ref.key() + " holds " + content.length + " bytes; "
          + ref.elements() + " " + ref.type().dtype() + " elements need " + bytes);
    }
    Storage storage = new Storage(ref.type(), ByteBuffer.wrap(content).order(order), ref.elements());
    loaded.put(ref.key(), storage);
    return storage;
  }
}
