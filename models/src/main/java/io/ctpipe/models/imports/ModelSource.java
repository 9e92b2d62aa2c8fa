package io.ctpipe.models.imports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The files of a published model, found in a release zip (at any depth), a folder, or given directly: the
 * checkpoint (copied out of a zip into a temporary file, bounded in size) and a text file beside it.
 */
final class ModelSource implements AutoCloseable {
  /** A checkpoint copied out of a zip may be at most this many times the zip's size (torch stores tensors raw). */
  private static final long MAX_EXPANSION = 16;
  private static final long MAX_TEXT_BYTES = 16L << 20;

  private final Path checkpoint;
  private final Path folder;
  private final ZipFile zip;
  private final String zipPrefix;
  private final boolean temporary;
  private final String name;

  private ModelSource(Path checkpoint, Path folder, ZipFile zip, String zipPrefix, boolean temporary, String name) {
    this.checkpoint = checkpoint;
    this.folder = folder;
    this.zip = zip;
    this.zipPrefix = zipPrefix;
    this.temporary = temporary;
    this.name = name;
  }

  /**
   * @param path a release zip, a folder, or the checkpoint file itself
   * @param checkpointName the checkpoint's file name, e.g. model.pt, or its path below the model's folder, e.g.
   *     fold_0/checkpoint_final.pth (text files are then read from that folder)
   */
  static ModelSource open(Path path, String checkpointName) throws IOException {
    String name = path.getFileName().toString().replaceFirst("\\.zip$", "");
    if (Files.isDirectory(path)) {
      Path file = path.resolve(checkpointName);
      if (!Files.isRegularFile(file)) {
        throw new ImportException(path + " holds no " + checkpointName);
      }
      return new ModelSource(file, path, null, null, false, name);
    }
    if (!Files.isRegularFile(path)) {
      throw new ImportException("no such file or folder: " + path);
    }
    if (!isReleaseZip(path, checkpointName)) {
      return new ModelSource(path, path.toAbsolutePath().getParent(), null, null, false,
          path.getFileName().toString());
    }
    ZipFile zip = new ZipFile(path.toFile());
    ZipEntry entry = find(zip, checkpointName);
    String prefix = entry.getName().substring(0, entry.getName().length() - checkpointName.length());
    Path copy = Files.createTempFile("ctpipe-import-", "-" + Path.of(checkpointName).getFileName());
    try (InputStream in = zip.getInputStream(entry)) {
      long limit = MAX_EXPANSION * Files.size(path);
      try (InputStream bounded = in) {
        long copied = Files.copy(new BoundedInput(bounded, limit), copy, StandardCopyOption.REPLACE_EXISTING);
        if (copied >= limit) {
          throw new ImportException(path + ": " + entry.getName() + " expands beyond " + limit + " bytes");
        }
      }
    } catch (IOException e) {
      Files.deleteIfExists(copy);
      zip.close();
      throw e instanceof ImportException ? e : new ImportException(path + ": " + entry.getName()
          + " cannot be read (" + e.getMessage() + ")", e);
    }
    return new ModelSource(copy, null, zip, prefix, true, name);
  }

  /** As {@link #open}, for a source that is a release zip or a folder, never the checkpoint itself. */
  static ModelSource openZipOrFolder(Path path, String checkpointName) throws IOException {
    if (Files.isRegularFile(path) && !isReleaseZip(path, checkpointName)) {
      throw new ImportException(path + " is not a zip holding " + checkpointName);
    }
    return open(path, checkpointName);
  }

  /** A zip that holds the checkpoint as an entry (a torch checkpoint itself holds data.pkl instead). */
  private static boolean isReleaseZip(Path path, String checkpointName) throws IOException {
    try (ZipFile zip = new ZipFile(path.toFile())) {
      find(zip, checkpointName);
      return true;
    } catch (ZipException | ImportException e) {
      return false;
    }
  }

  private static ZipEntry find(ZipFile zip, String fileName) throws ImportException {
    Enumeration<? extends ZipEntry> entries = zip.entries();
    while (entries.hasMoreElements()) {
      ZipEntry e = entries.nextElement();
      if (!e.isDirectory() && (e.getName().equals(fileName) || e.getName().endsWith("/" + fileName))) {
        return e;
      }
    }
    throw new ImportException(zip.getName() + " holds no " + fileName);
  }

  Path checkpoint() {
    return checkpoint;
  }

  /** The model's name: the zip or folder name without .zip. */
  String name() {
    return name;
  }

  /** A text file next to the checkpoint (in the same zip folder or directory). */
  String text(String fileName) throws IOException {
    if (zip != null) {
      ZipEntry entry = zip.getEntry(zipPrefix + fileName);
      if (entry == null) {
        throw new ImportException(zip.getName() + " holds no " + zipPrefix + fileName);
      }
      try (InputStream in = new BoundedInput(zip.getInputStream(entry), MAX_TEXT_BYTES)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
    Path file = folder.resolve(fileName);
    if (!Files.isRegularFile(file)) {
      throw new ImportException("no " + fileName + " beside " + checkpoint);
    }
    if (Files.size(file) > MAX_TEXT_BYTES) {
      throw new ImportException(file + " is larger than " + MAX_TEXT_BYTES + " bytes");
    }
    return Files.readString(file);
  }

  @Override
  public void close() throws IOException {
    if (zip != null) {
      zip.close();
    }
    if (temporary) {
      Files.deleteIfExists(checkpoint);
    }
  }

  /** Reads at most {@code limit} bytes, then reports end of stream (the caller checks whether it hit the limit). */
  private static final class BoundedInput extends java.io.FilterInputStream {
    private long left;

    BoundedInput(InputStream in, long limit) {
      super(in);
      this.left = limit;
    }

    @Override
    public int read() throws IOException {
      if (left <= 0) {
        return -1;
      }
      int b = super.read();
      left -= b >= 0 ? 1 : 0;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int n = super.read(b, off, (int) Math.min(len, left));
      left -= Math.max(0, n);
      return n;
    }
  }
}
