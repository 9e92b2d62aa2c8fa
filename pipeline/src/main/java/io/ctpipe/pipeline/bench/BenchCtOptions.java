package io.ctpipe.pipeline.bench;

import io.ctpipe.dicom.volume.HuVolume;
import io.ctpipe.pipeline.command.CtInputs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** --input, --stack and --fov: the CT a segmentation benchmark runs on, made larger when asked (see {@link BenchCt}). */
final class BenchCtOptions {
  @Option(names = "--input", description = "A CT (NIfTI, DICOM file or folder) through the card's preprocessing "
      + "instead of the torso phantom; --dims is then ignored.")
  Path input;

  @Option(names = "--stack", defaultValue = "1", description = "Repeat the --input CT this many times along its "
      + "slice axis (a longer body from one CT; default: ${DEFAULT-VALUE}).")
  int stack;

  @Option(names = "--fov", defaultValue = "0", description = "Pad the --input CT in-plane with air to this field of "
      + "view in mm, as a scanner's would be (default: ${DEFAULT-VALUE}, none).")
  double fov;

  boolean present() {
    return input != null;
  }

  HuVolume read() throws IOException {
    return BenchCt.of(CtInputs.read(input, new java.io.PrintWriter(System.err, true)), fov, stack);
  }

  /** The same options for a child benchmark (none without --input). */
  List<String> childArgs() {
    return input == null ? List.of() : new ArrayList<>(List.of("--input", input.toString(), "--stack",
        Integer.toString(stack), "--fov", Double.toString(fov)));
  }

  /** The input in words, for a table's heading. */
  String describe() {
    return input == null ? "the phantom" : input.getFileName() + (stack > 1 ? " ×" + stack : "")
        + (fov > 0 ? " in a " + fov + " mm field of view" : "");
  }
}
