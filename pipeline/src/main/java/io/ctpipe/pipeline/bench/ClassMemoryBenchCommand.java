package io.ctpipe.pipeline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctpipe.models.tiling.Accumulation;
import io.ctpipe.models.tiling.TilingOptions;
import io.ctpipe.models.tiling.WindowGrid;
import io.ctpipe.models.zoo.ClassProbe;
import io.ctpipe.models.zoo.ModelZoo;
import io.ctpipe.pipeline.command.Converters;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Peak RSS and accumulation bytes against the number of output classes, per accumulation and volume size, with a
 * cheap zoo network ({@code class-probe-C}) so that the network's own memory and time stay small. Rows whose
 * accumulation would exceed {@code --max-accumulation-gb} are listed with the bytes they would need, not run.
 */
@Command(name = "classes", mixinStandardHelpOptions = true,
    description = "Peak RSS against the number of classes for each accumulation (full, streaming, streaming-fp16, "
        + "topk) and plane tile, on the torso phantom at each --dims, each run in its own JVM.")
final class ClassMemoryBenchCommand implements Callable<Integer> {
  private static final int[] ROI = {96, 96, 96};

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--classes", split = ",", defaultValue = "16,32,64,105,128,256",
      description = "Output channel counts (default: ${DEFAULT-VALUE}).")
  List<Integer> classes;

  @Option(names = "--dims", split = ",", converter = Converters.Dims.class,
      defaultValue = "160x160x200,330x330x600", description = "Volumes in model space (default: ${DEFAULT-VALUE}).")
  List<Converters.IntTriple> dims;

  @Option(names = "--accumulations", split = ",", defaultValue = "full,streaming,streaming-fp16,topk",
      converter = Converters.AccumulationConverter.class, description = "Accumulations (default: "
      + "${DEFAULT-VALUE}).")
  List<Accumulation> accumulations;

  @Option(names = "--topk", defaultValue = "" + TilingOptions.DEFAULT_TOP_K,
      description = "K of the topk rows (default: ${DEFAULT-VALUE}).")
  int topK;

  @Option(names = "--plane-tiles", split = ",", defaultValue = "0", description = "Plane tile sides for the "
      + "streaming rows; 0 = whole plane (default: ${DEFAULT-VALUE}).")
  List<Integer> planeTiles;

  @Option(names = "--overlap", defaultValue = "0", description = "Window overlap; memory does not depend on it "
      + "(default: ${DEFAULT-VALUE}).")
  double overlap;

  @Option(names = "--max-accumulation-gb", defaultValue = "12", description = "Rows needing more accumulation than "
      + "this are not run (default: ${DEFAULT-VALUE}).")
  double maxAccumulationGb;

  @Option(names = "--work", defaultValue = "ctpipe-bench", description = "Folder for the probe models.")
  Path work;

  @Option(names = "--xmx", defaultValue = "20g", description = "Child JVM heap (default: ${DEFAULT-VALUE}).")
  String xmx;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    out.println("| volume | classes | accumulation | plane tile | accumulation MB | peak RSS MB | wall s |");
    out.println("|---|---|---|---|---|---|---|");
    for (Converters.IntTriple d : dims) {
      int[] size = d.values();
      for (int c : classes) {
        Path card = ModelZoo.write(work, List.of(ClassProbe.PREFIX + c)).values().iterator().next();
        for (Accumulation accumulation : accumulations) {
          for (int tile : accumulation == Accumulation.FULL ? List.of(0) : planeTiles) {
            long need = accumulationBytes(size, c, accumulation, tile);
            String volume = size[0] + "×" + size[1] + "×" + size[2];
            String name = accumulation == Accumulation.TOPK ? "topk K=" + topK : accumulation.name().toLowerCase();
            String tileLabel = tile == 0 ? "whole plane" : tile + "²";
            if (need > maxAccumulationGb * 1e9) {
              out.printf("| %s | %d | %s | %s | %.0f (not run) | — | — |%n", volume, c, name, tileLabel, need / 1e6);
              continue;
            }
            JsonNode r = BenchChildren.run(xmx, args(card, d, accumulation, tile));
            out.printf("| %s | %d | %s | %s | %.1f | %.0f | %.1f |%n", volume, c, name, tileLabel,
                r.get("accumulationBytes").asDouble() / 1e6, r.get("peakRssBytes").asDouble() / 1e6,
                r.get("wallSeconds").asDouble());
            out.flush();
          }
        }
      }
    }
    return 0;
  }

  private List<String> args(Path card, Converters.IntTriple d, Accumulation accumulation, int tile) {
    return new ArrayList<>(List.of("--model", card.toString(), "--work",
        work.toString(), "--dims", d.values()[0] + "x" + d.values()[1] + "x" + d.values()[2], "--overlaps",
        Double.toString(overlap), "--accumulations", accumulation.name(), "--topks", Integer.toString(topK),
        "--plane-tile", Integer.toString(tile), "--runtimes", "onednn", "--precisions", "fp32", "--warmup", "0"));
  }

  /** What the accumulation will hold, from the same geometry the engine uses (stream axis: most windows). */
  private long accumulationBytes(int[] size, int classes, Accumulation accumulation, int tile) {
    WindowGrid grid = new WindowGrid(size, ROI, new double[] {overlap, overlap, overlap});
    int axis = 0;
    for (int a = 1; a < 3; a++) {
      if (grid.starts(a).length > grid.starts(axis).length) {
        axis = a;
      }
    }
    long plane = 1;
    for (int a = 0; a < 3; a++) {
      if (a != axis) {
        plane *= tile == 0 ? size[a] : Math.min(tile, size[a]);
      }
    }
    long voxels = accumulation == Accumulation.FULL ? (long) size[0] * size[1] * size[2]
        : Math.min(ROI[axis], size[axis]) * plane;
    return voxels * accumulation.bytesPerVoxel(classes, topK);
  }

}
