package io.ctpipe.pipeline.cli;

import io.ctpipe.models.zoo.ModelZoo;
import io.ctpipe.pipeline.command.CtInputs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The built-in model zoo. */
@Command(name = "models", mixinStandardHelpOptions = true, description = "Build ctpipe's own ONNX models, import "
    + "published ones, quantize.",
    subcommands = {ModelsCommand.Build.class, ModelsCommand.Quantize.class, ModelsCommand.Import.class})
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

  /** Writes an int8 QDQ copy of a model, calibrated on a CT. */
  @Command(name = "quantize", mixinStandardHelpOptions = true,
      description = "Write an int8 (QDQ) copy of a card's model: bias-free 3D convolutions get per-channel int8 "
          + "weights and uint8 activations calibrated on windows of the given CT. Measure its label agreement "
          + "with `bench segment` before using it.")
  static final class Quantize implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, description = "Model card of the float model.")
    Path card;

    @Option(names = "--calibration", required = true, description = "CT for calibration: DICOM folder or NIfTI.")
    Path calibration;

    @Option(names = "--out", required = true, description = "Folder for the int8 model and its card.")
    Path out;

    @Override
    public Integer call() throws Exception {
      Path written = io.ctpipe.models.optimize.ModelQuantizer.quantize(card, CtInputs.read(calibration,
          spec.commandLine().getErr()), out);
      spec.commandLine().getOut().println("wrote " + written);
      return 0;
    }
  }

  /** Imports published PyTorch model files as ONNX + model card. */
  @Command(name = "import", mixinStandardHelpOptions = true,
      description = "Import a published model: 'auto3dseg' takes a 3D Slicer MONAIAuto3DSeg release zip (or a folder, "
          + "or model.pt with labels.csv beside it), 'bpreg' bpreg's public model folder or zip, 'nnunet' an nnU-Net v2 "
          + "model zip or trainer folder. The checkpoint is read without executing anything; the card gets the "
          + "model's own settings and labels.",
      subcommands = {Import.Auto3dSeg.class, Import.Bpreg.class, Import.NnUnet.class})
  static final class Import implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code models import auto3dseg}. */
    @Command(name = "auto3dseg", mixinStandardHelpOptions = true,
        description = "Import a MONAIAuto3DSeg SegResNetDS model (model.pt + labels.csv) as ONNX + model card.")
    static final class Auto3dSeg implements Callable<Integer> {
      @CommandLine.Spec
      CommandLine.Model.CommandSpec spec;

      @CommandLine.Parameters(index = "0", description = "Release zip, folder, or model.pt.")
      Path source;

      @Option(names = "--out", required = true, description = "Folder for the ONNX file and the card.")
      Path out;

      @Option(names = "--id", description = "Model id (default: auto3dseg- and the zip or folder name).")
      String id;

      @Override
      public Integer call() throws Exception {
        io.ctpipe.models.imports.Auto3dSegImporter.Result result =
            io.ctpipe.models.imports.Auto3dSegImporter.importModel(source, out, id);
        spec.commandLine().getOut().printf("imported %,d parameters, %d output channels: %s%n", result.parameters(),
            result.outChannels(), result.card());
        return 0;
      }
    }

    /** {@code models import bpreg}. */
    @Command(name = "bpreg", mixinStandardHelpOptions = true,
        description = "Import bpreg's body part regression model (model.pt, config.json, inference-settings.json) "
            + "as ONNX + card for `ctpipe bpr` and the pipeline's --bprModel.")
    static final class Bpreg implements Callable<Integer> {
      @CommandLine.Spec
      CommandLine.Model.CommandSpec spec;

      @CommandLine.Parameters(index = "0", description = "The model folder or its zip (public_bpr_model.zip).")
      Path source;

      @Option(names = "--out", required = true, description = "Folder for the ONNX file, the card and the settings.")
      Path out;

      @Option(names = "--id", description = "Model id (default: bpreg- and the zip or folder name).")
      String id;

      @Override
      public Integer call() throws Exception {
        io.ctpipe.models.imports.BpregImporter.Result result =
            io.ctpipe.models.imports.BpregImporter.importModel(source, out, id);
        spec.commandLine().getOut().printf("imported %,d parameters: %s%n", result.parameters(), result.card());
        return 0;
      }
    }

    /** {@code models import nnunet}. */
    @Command(name = "nnunet", mixinStandardHelpOptions = true,
        description = "Import an nnU-Net v2 PlainConvUNet (3d_fullres: plans.json, dataset.json, "
            + "fold_N/checkpoint_final.pth, e.g. a TotalSegmentator weights zip) as ONNX + model card. The card runs "
            + "with ctpipe's sliding window; nnU-Net's own prediction mode is not built yet.")
    static final class NnUnet implements Callable<Integer> {
      @CommandLine.Spec
      CommandLine.Model.CommandSpec spec;

      @CommandLine.Parameters(index = "0", description = "The model's zip or its trainer folder "
          + "(nnUNetTrainer...__nnUNetPlans__3d_fullres).")
      Path source;

      @Option(names = "--out", required = true, description = "Folder for the ONNX file and the card.")
      Path out;

      @Option(names = "--fold", defaultValue = "0", description = "The fold to import (fold_N; default 0).")
      int fold;

      @Option(names = "--checkpoint", defaultValue = "checkpoint_final.pth",
          description = "The checkpoint file in the fold folder (default checkpoint_final.pth).")
      String checkpoint;

      @Option(names = "--orientation", defaultValue = "RAS", description = "Orientation of the arrays the model "
          + "was trained on: RAS (TotalSegmentator's canonical NIfTI; default) or LPS.")
      String orientation;

      @Option(names = "--id", description = "Model id (default: nnunet- and the zip or folder name).")
      String id;

      @Override
      public Integer call() throws Exception {
        io.ctpipe.models.imports.NnUnetImporter.Result result = io.ctpipe.models.imports.NnUnetImporter
            .importModel(source, out, fold, checkpoint, orientation, id);
        spec.commandLine().getOut().printf("imported %,d parameters, %d output channels: %s%n", result.parameters(),
            result.outChannels(), result.card());
        return 0;
      }
    }
  }
}
