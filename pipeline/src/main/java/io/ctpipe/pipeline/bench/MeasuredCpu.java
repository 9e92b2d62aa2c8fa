package io.ctpipe.pipeline.bench;

import io.ctpipe.models.runtime.onednn.CpuFeatures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The line a benchmark prints above its table: the CPU model and core count it measured and the instruction set
 * oneDNN dispatches to there (AMX, AVX-512 BF16/VNNI, AVX2 kernels differ several-fold).
 */
final class MeasuredCpu {
  private static final Path CPUINFO = Path.of("/proc/cpuinfo");

  private MeasuredCpu() {}

  /** This machine's line. */
  static String line() {
    return line(model(cpuinfo()), Runtime.getRuntime().availableProcessors(), isa());
  }

  static String line(String model, int cores, String isa) {
    return "CPU: " + model + " (" + cores + (cores == 1 ? " core" : " cores") + "), oneDNN ISA: " + isa;
  }

  /** The first "model name" of /proc/cpuinfo's lines, else the JVM's architecture name. */
  static String model(List<String> cpuinfo) {
    for (String line : cpuinfo) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equals("model name")) {
        return line.substring(colon + 1).trim();
      }
    }
    return System.getProperty("os.arch");
  }

  private static List<String> cpuinfo() {
    try {
      return Files.readAllLines(CPUINFO);
    } catch (IOException e) {
      return List.of();
    }
  }

  private static String isa() {
    try {
      return CpuFeatures.detected().isa();
    } catch (RuntimeException | LinkageError e) {
      return "unavailable (" + e.getClass().getSimpleName() + ")";
    }
  }
}
