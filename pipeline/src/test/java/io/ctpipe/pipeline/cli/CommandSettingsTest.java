package io.ctpipe.pipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every setting of the user commands is checked before any file is read: each command runs here on a card, a CT and
 * a label map that do not exist, so only a check made while the command line is parsed (or before the first read)
 * can produce the expected message.
 */
class CommandSettingsTest {
  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
      "segment|--threads 0|Invalid value for option '--threads': inference threads must be at least 1, got 0",
      "segment|--threads many|Invalid value for option '--threads': 'many' is not a number",
      "segment|--runtime tensorrt|Invalid value for option '--runtime': expected one of [AUTO, ONEDNN, ONNXRUNTIME]",
      "segment|--precision fp8|Invalid value for option '--precision': expected one of [FP32, BF16, INT8]",
      "segment|--seg-type fractional|Invalid value for option '--seg-type': expected one of [AUTO, BINARY, LABELMAP]",
      "segment|--mode linear|Invalid value for option '--mode': expected one of [CONSTANT, GAUSSIAN]",
      "bpr|--batch 0|Invalid value for option '--batch': batch must be at least 1, got 0",
      "bpr|--threads 0|Invalid value for option '--threads': inference threads must be at least 1, got 0",
      "bpr|--precision fp8|Invalid value for option '--precision': expected one of [FP32, BF16, INT8]",
      "seg-from-labelmap|--fallback-code SCT,85756007|--fallback-code needs SCHEME,CODE,MEANING, got "
          + "'SCT,85756007'",
      "seg-from-labelmap|--algorithm-type automatic --algorithm nnU-Net|--algorithm-type automatic: an automatic "
          + "segmentation needs an algorithm name and version",
      "seg-from-labelmap|--type fractional|Invalid value for option '--type': expected one of [AUTO, BINARY, "
          + "LABELMAP]"})
  void aBadSettingIsRefusedBeforeAnyFileIsRead(String command, String setting, String message) {
    List<String> args = new ArrayList<>(List.of(command));
    Path out = dir.resolve("out");
    args.addAll(switch (command) {
      case "segment", "bpr" -> List.of("--model", "missing.card.json", "--input", "missing", "--out",
          out.toString());
      default -> List.of("--source", "missing", "--labelmap", "missing.nrrd", "--out", out.toString());
    });
    if (command.equals("seg-from-labelmap") && !setting.contains("--algorithm-type")) {
      args.addAll(List.of("--algorithm-type", "manual"));
    }
    args.addAll(List.of(setting.split(" ")));
    CtpipeCommandTest.Run run = CtpipeCommandTest.run(args.toArray(String[]::new));
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().contains(message), run.err());
    assertFalse(Files.exists(out), "nothing written");
  }
}
