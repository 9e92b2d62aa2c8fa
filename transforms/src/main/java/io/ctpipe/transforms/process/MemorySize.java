package io.ctpipe.transforms.process;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/** Byte sizes as operators write them ("6g", "512m", "1073741824") and the default per-series memory limit. */
public final class MemorySize {
  /** Share of the heap (or of the machine, if smaller) that series may hold together; the rest is the JVM's. */
  static final double USABLE_SHARE = 0.8;

  private MemorySize() {}

  /**
   * @param text a positive number of bytes, optionally followed by k, m, g or t (powers of 1024), or "auto"
   * @return the bytes, or 0 for "auto" (each worker then takes {@link #defaultLimit()} of its own JVM)
   * @throws IllegalArgumentException naming the option when the text is none of these
   */
  public static long parse(String option, String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("auto")) {
      return 0;
    }
    if (!t.matches("[0-9]+[kmgt]?")) {
      throw new IllegalArgumentException("--" + option + " must be auto or a size such as 6g, 512m or 1073741824, "
          + "got '" + text + "'");
    }
    char unit = t.charAt(t.length() - 1);
    int shift = switch (unit) {
      case 'k' -> 10;
      case 'm' -> 20;
      case 'g' -> 30;
      case 't' -> 40;
      default -> 0;
    };
    String digits = shift == 0 ? t : t.substring(0, t.length() - 1);
    long value;
    try {
      value = Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + option + " is too large: '" + text + "'", e);
    }
    if (value <= 0 || value > (Long.MAX_VALUE >> shift)) {
      throw new IllegalArgumentException("--" + option + " must be positive and below 2^63 bytes, got '" + text
          + "'");
    }
    return value << shift;
  }

  /** {@value #USABLE_SHARE} of the smaller of this JVM's maximum heap and the machine's memory. */
  public static long defaultLimit() {
    long heap = Runtime.getRuntime().maxMemory();
    long machine = heap;
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      machine = os.getTotalMemorySize();
    }
    return (long) (USABLE_SHARE * Math.min(heap, machine));
  }

  /** A size in MiB for messages. */
  public static String mib(long bytes) {
    return String.format(Locale.ROOT, "%,d MiB", Math.round(bytes / 1048576.0));
  }
}
