package io.ctpipe.pipeline.cli;

import io.ctpipe.models.zoo.ModelZoo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The built-in model zoo. */
@Command(name = "models", mixinStandardHelpOptions = true, description = "Build ctpipe's own ONNX models.",
    subcommands = {ModelsCommand.Build.class})
final class ModelsCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Writes the zoo's ONNX files and model cards. */
  @Command(name = "build", mixinStandardHelpOptions = true,
      description = "Write the built-in models (ONNX + model card): tissue-ct (analytic, meaningful on CT), and "
          + "untrained seeded replicas segresnet-default, segresnetds-wholebody-105 and -118 for benchmarks.")
  static final class Build implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, description = "Folder to write into.")
    Path out;

    @Option(names = "--only", split = ",", description = "Only these models (comma-separated ids).")
    List<String> only = List.of();

    @Override
    public Integer call() throws Exception {
      Map<String, Path> cards = ModelZoo.write(out, only);
      cards.forEach((id, card) -> spec.commandLine().getOut().println(id + ": " + card));
      return 0;
    }
  }
}
