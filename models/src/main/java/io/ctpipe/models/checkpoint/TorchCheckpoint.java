package io.ctpipe.models.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A PyTorch checkpoint file in the zip format of {@code torch.save} (PyTorch ≥ 1.6): {@code ARCHIVE/data.pkl}, read
 * by {@link Pickle} without executing anything, and one record {@code ARCHIVE/data/KEY} per tensor storage, in the
 * byte order {@code ARCHIVE/byteorder} names (little when absent). The legacy pre-1.6 format is refused with a
 * message saying how to convert it.
 */
public final class TorchCheckpoint {
  /** Largest data.pkl read: the pickle holds only structure and metadata, never tensor data. */
  private static final long MAX_PICKLE_BYTES = 64L << 20;
  /**
   * Default bound on a checkpoint's tensor data: storages read plus tensors rebuilt (as float32 or int64). The
   * largest import here, an 87-million-parameter SegResNetDS (321 MB), takes about 0.7 GB; 4 GiB admits float32
   * models of some 500 million parameters, more than any published CT segmentation network, and stays within a
   * worker's heap.
   */
  public static final long DEFAULT_MAX_DATA_BYTES = 4L << 30;

  private final Object root;

  private TorchCheckpoint(Object root) {
    this.root = root;
  }

  /** The unpickled object: usually a Map (a state dict, or a dict holding one and a config). */
  public Object root() {
    return root;
  }

  /** Reads a checkpoint whose tensor data stays within {@link #DEFAULT_MAX_DATA_BYTES}. */
  public static TorchCheckpoint read(Path file) throws IOException {
    return read(file, DEFAULT_MAX_DATA_BYTES);
  }

  /**
   * Reads a checkpoint, refusing it (before the allocation) when its storages and rebuilt tensors together would
   * take more than {@code maxDataBytes}.
   */
  public static TorchCheckpoint read(Path file, long maxDataBytes) throws IOException {
    if (maxDataBytes <= 0) {
      throw new IllegalArgumentException("the bound on a checkpoint's tensor data must be positive, got "
          + maxDataBytes);
    }
    byte[] head = new byte[2];
    try (InputStream in = Files.newInputStream(file)) {
      if (in.readNBytes(head, 0, 2) < 2) {
        throw new CheckpointException(file + " is not a PyTorch checkpoint: it holds " + Files.size(file)
            + " bytes");
      }
    }
    if (head[0] != 'P' || head[1] != 'K') {
      throw new CheckpointException(file + " is not a zip archive: it may be a legacy (PyTorch < 1.6) checkpoint, "
          + "which ctpipe does not read; re-save it with torch.save(torch.load(f), f2) in PyTorch ≥ 1.6");
    }
    try (ZipFile zip = new ZipFile(file.toFile())) {
      return new TorchCheckpoint(load(zip, file, new CheckpointBudget(file.toString(), maxDataBytes)));
    } catch (ZipException e) {
      throw new CheckpointException(file + " is not a readable zip archive (" + e.getMessage() + ")");
    }
  }

  private static Object load(ZipFile zip, Path file, CheckpointBudget budget) throws IOException {
    ZipEntry pickle = null;
    Enumeration<? extends ZipEntry> entries = zip.entries();
    while (entries.hasMoreElements()) {
      ZipEntry e = entries.nextElement();
      if (e.getName().endsWith("/data.pkl") && e.getName().indexOf('/') == e.getName().length() - 9) {
        pickle = e;
        break;
      }
    }
    if (pickle == null) {
      throw new CheckpointException(file + " holds no ARCHIVE/data.pkl: not a torch.save checkpoint");
    }
    String prefix = pickle.getName().substring(0, pickle.getName().length() - "data.pkl".length());
    ByteOrder order = byteOrder(zip, prefix, file);
    long fileSize = Files.size(file);
    byte[] pkl = entryBytes(zip, pickle, Math.min(MAX_PICKLE_BYTES, fileSize), file);
    return Pickle.load(pkl, new StorageLoader(zip, file, prefix, order, budget), budget);
  }

  private static ByteOrder byteOrder(ZipFile zip, String prefix, Path file) throws IOException {
    ZipEntry entry = zip.getEntry(prefix + "byteorder");
    if (entry == null) {
      return ByteOrder.LITTLE_ENDIAN;
    }
    String order = new String(entryBytes(zip, entry, 16, file), StandardCharsets.US_ASCII).trim();
    return switch (order) {
      case "little" -> ByteOrder.LITTLE_ENDIAN;
      case "big" -> ByteOrder.BIG_ENDIAN;
      default -> throw new CheckpointException(file + ": byteorder record says '" + order + "'");
    };
  }

  /** The entry's bytes, at most {@code max} (its declared size is not trusted: reading stops past the bound). */
  static byte[] entryBytes(ZipFile zip, ZipEntry entry, long max, Path file) throws IOException {
    try (InputStream in = zip.getInputStream(entry)) {
      byte[] bytes = in.readNBytes((int) Math.min(max, Integer.MAX_VALUE - 8));
      if (in.read() >= 0) {
        throw new CheckpointException(file + ": " + entry.getName() + " is larger than the " + max + " bytes "
            + "expected");
      }
      return bytes;
    } catch (ZipException e) {
      throw new CheckpointException(file + ": " + entry.getName() + " cannot be read (" + e.getMessage() + ")");
    }
  }

  /**
   * The tensors of a state dict found at {@code path} (keys of nested dicts, e.g. "state_dict"; none for the root),
   * in the checkpoint's order; non-tensor entries are an error naming them.
   */
  public Map<String, Tensor> stateDict(String... path) throws CheckpointException {
    Object node = at(path);
    if (!(node instanceof Map<?, ?> map)) {
      throw new CheckpointException("the checkpoint has no state dict at " + String.join(".", path));
    }
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getKey() instanceof String key) || !(e.getValue() instanceof Tensor t)) {
        throw new CheckpointException("state dict entry " + e.getKey() + " is not a tensor");
      }
      out.put(key, t);
    }
    return out;
  }

  /** The object at a path of dict keys, or null when a key is absent. */
  public Object at(String... path) {
    Object node = root;
    for (String key : path) {
      if (!(node instanceof Map<?, ?> map)) {
        return null;
      }
      node = map.get(key);
    }
    return node;
  }

  /** The keys of the root dict (for messages); empty when the root is not a dict. */
  public List<String> rootKeys() {
    List<String> keys = new ArrayList<>();
    if (root instanceof Map<?, ?> map) {
      map.keySet().forEach(k -> keys.add(String.valueOf(k)));
    }
    return keys;
  }
}
