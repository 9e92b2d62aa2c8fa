package io.ctpipe.models.runtime.parity;

import io.ctpipe.dicom.testing.ExternalTools;
import io.ctpipe.models.testing.Npy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** PyTorch's own float32 output for an ONNX graph (test resource onnx_torch.py on Debian's python3-torch). */
final class TorchReference {
  private TorchReference() {}

  /**
   * One output file (.npy, float32) per input, each input a float32 tensor of {@code shape}: read them one at a
   * time ({@link #read}), a 118-class 96³ output is 417 MB.
   */
  static List<Path> run(byte[] onnx, int[] shape, List<float[]> inputs, Path work) throws Exception {
    ExternalTools.requirePythonModule("onnx");
    Path folder = Files.createTempDirectory(work, "torch");
    Path model = folder.resolve("model.onnx");
    Files.write(model, onnx);
    Path out = Files.createDirectories(folder.resolve("out"));
    // one run per input: each stays well inside ExternalTools' time limit on a busy 2-core machine
    for (int i = 0; i < inputs.size(); i++) {
      Path in = folder.resolve(String.format("%03d.npy", i));
      Npy.writeFloats(in, shape, inputs.get(i));
      ExternalTools.runPythonScript("torch", "onnx_torch.py", model.toString(), out.toString(), in.toString());
      Files.delete(in);
    }
    List<Path> outputs = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      outputs.add(out.resolve(String.format("%03d.npy", i)));
    }
    return outputs;
  }

  /** An output's values; the file is deleted once read. */
  static float[] read(Path output) throws Exception {
    float[] values = Npy.readFloats(output);
    Files.delete(output);
    return values;
  }
}
