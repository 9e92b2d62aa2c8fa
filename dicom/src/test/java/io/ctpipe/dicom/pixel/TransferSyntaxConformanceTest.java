package io.ctpipe.dicom.pixel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctpipe.dicom.DicomFile;
import io.ctpipe.dicom.DicomFormatException;
import io.ctpipe.dicom.DicomReader;
import io.ctpipe.dicom.Tag;
import io.ctpipe.dicom.testing.ExternalTools;
import io.ctpipe.dicom.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every file of {@code shared/data/transfer-syntax}: lossless syntaxes decode to the reference pixels exactly, lossy
 * ones within the errors documented in {@code shared/data/README.md}, and undecodable ones fail naming their UID.
 */
class TransferSyntaxConformanceTest {
  private static final String REFERENCE = "implicit-vr-little-endian";
  private final DicomReader reader = new DicomReader();

  /** HU of the single frame of the one CTImage file in a transfer-syntax folder. */
  private double[] hu(String folder) throws IOException {
    Path dir = SharedData.require("transfer-syntax/" + folder);
    Path file;
    try (Stream<Path> files = Files.list(dir)) {
      file = files.filter(p -> p.getFileName().toString().startsWith("CTImage")).findFirst().orElseThrow();
    }
    return huOf(reader.read(file));
  }

  static double[] huOf(DicomFile file) throws DicomFormatException {
    PixelData pixels = PixelData.of(file);
    short[] stored = pixels.decodeFrame(0);
    double slope = file.dataset().number(Tag.RESCALE_SLOPE).orElse(1.0);
    double intercept = file.dataset().number(Tag.RESCALE_INTERCEPT).orElse(0.0);
    double[] out = new double[stored.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = pixels.format().value(stored[i]) * slope + intercept;
    }
    return out;
  }

  @ParameterizedTest(name = "{0} decodes to the reference pixels exactly")
  @CsvSource({"explicit-vr-little-endian", "explicit-vr-big-endian", "deflated-explicit-vr-little-endian",
      "rle-lossless", "jpeg-lossless-process14", "jpeg-lossless-sv1", "jpeg2000-lossless", "jpeg-ls-lossless"})
  void losslessSyntaxesAreExact(String folder) throws IOException {
    double[] reference = hu(REFERENCE);
    double[] decoded = hu(folder);
    assertEquals(reference.length, decoded.length);
    for (int i = 0; i < reference.length; i++) {
      if (reference[i] != decoded[i]) {
        throw new AssertionError(folder + ": pixel " + i + " is " + decoded[i] + ", reference " + reference[i]);
      }
    }
  }

  @ParameterizedTest(name = "{0}: HU error max {1}, mean {2} as documented")
  @CsvSource({"jpeg-baseline-8bit, 64.5, 20.5", "jpeg-extended-12bit, 36, 3.9", "jpeg2000, 5, 0.6",
      "jpeg-ls-near-lossless, 1, 0.7"})
  void lossySyntaxesStayWithinDocumentedError(String folder, double maxError, double meanError)
      throws IOException {
    double[] reference = hu(REFERENCE);
    double[] decoded = hu(folder);
    double max = 0;
    double sum = 0;
    for (int i = 0; i < reference.length; i++) {
      double e = Math.abs(reference[i] - decoded[i]);
      max = Math.max(max, e);
      sum += e;
    }
    assertTrue(max <= maxError, folder + " max HU error " + max + " > " + maxError);
    assertTrue(sum / reference.length <= meanError, folder + " mean HU error " + sum / reference.length);
    assertTrue(max > 0, folder + " is lossy: identical pixels would mean the wrong file was decoded");
  }

  @ParameterizedTest(name = "{0} fails with a message naming {1}")
  @CsvSource({"retired-jpeg-spectral-selection, 1.2.840.10008.1.2.4.53",
      "retired-jpeg-full-progression, 1.2.840.10008.1.2.4.55"})
  void undecodableSyntaxesNameTheirUid(String folder, String uid) throws IOException {
    Path dir = SharedData.require("transfer-syntax/" + folder);
    Path file;
    try (Stream<Path> files = Files.list(dir)) {
      file = files.findFirst().orElseThrow();
    }
    DicomFile dicom = reader.read(file);
    DicomFormatException e = assertThrows(DicomFormatException.class,
        () -> PixelData.of(dicom).decodeFrame(0));
    assertTrue(e.getMessage().contains(uid), e.getMessage());
  }

  @Test
  void fragmentedJpegWithoutOffsetTableSplitsIntoItsTwoFrames() throws IOException {
    Path file = SharedData.require("transfer-syntax/jpeg-extended-12bit/CT0012.fragmented_no_bot_jpeg_baseline.51.dcm");
    PixelData pixels = PixelData.of(reader.read(file));
    assertEquals(2, pixels.frameCount());
    short[] first = pixels.decodeFrame(0);
    short[] second = pixels.decodeFrame(1);
    assertEquals(512 * 512, first.length);
    assertTrue(!java.util.Arrays.equals(first, second), "the two frames hold different images");
  }

  /** ctpipe's DCT decoder against dcmtk's libjpeg (dcmdjpeg): at most one stored unit apart (IDCT rounding). */
  @ParameterizedTest(name = "{0} agrees with dcmdjpeg within 1 stored unit")
  @CsvSource({"jpeg-baseline-8bit/CTImage.dcm_JPEGProcess1TransferSyntax_1.2.840.10008.1.2.4.50.dcm",
      "jpeg-extended-12bit/CTImage.dcm_JPEGProcess2_4TransferSyntax_1.2.840.10008.1.2.4.51.dcm",
      "jpeg-extended-12bit/CT0012.fragmented_no_bot_jpeg_baseline.51.dcm",
      "jpeg-lossless-sv1/CTImage.dcm_JPEGProcess14SV1TransferSyntax_1.2.840.10008.1.2.4.70.dcm"})
  void jpegAgreesWithDcmtk(String relative, @TempDir Path tmp) throws Exception {
    Path file = SharedData.require("transfer-syntax/" + relative);
    String dcmdjpeg = ExternalTools.require("/usr/bin/dcmdjpeg");
    Path decompressed = tmp.resolve("dcmtk.dcm");
    ExternalTools.Output out = ExternalTools.run(List.of(dcmdjpeg, file.toString(), decompressed.toString()));
    assertEquals(0, out.exitCode(), out.stderr());
    PixelData ours = PixelData.of(reader.read(file));
    PixelData theirs = PixelData.of(reader.read(decompressed));
    assertEquals(theirs.frameCount(), ours.frameCount());
    for (int f = 0; f < ours.frameCount(); f++) {
      short[] a = ours.decodeFrame(f);
      short[] b = theirs.decodeFrame(f);
      int max = 0;
      for (int i = 0; i < a.length; i++) {
        max = Math.max(max, Math.abs(ours.format().value(a[i]) - theirs.format().value(b[i])));
      }
      assertTrue(max <= (relative.contains("lossless") ? 0 : 1), relative + " frame " + f + " differs by " + max);
    }
  }

  @Test
  void nemaJpeg2000SamplesWithSeveralFragmentsPerFrameDecode() throws Exception {
    for (String name : List.of("CT1_J2KR", "CT2_J2KR")) {
      Path file = SharedData.require("transfer-syntax/jpeg2000-lossless/" + name);
      ExternalTools.requirePythonModule("gdcm");
      double[] ours = huOf(reader.read(file));
      ExternalTools.Output out = ExternalTools.run(List.of(ExternalTools.PYTHON,
          ExternalTools.script("pydicom_hu_stats.py").toString(), file.toString()));
      assertEquals(0, out.exitCode(), out.stderr());
      var stats = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.stdout());
      assertEquals(stats.get("min").asDouble(), java.util.Arrays.stream(ours).min().orElseThrow(), name);
      assertEquals(stats.get("max").asDouble(), java.util.Arrays.stream(ours).max().orElseThrow(), name);
      assertEquals(stats.get("mean").asDouble(), java.util.Arrays.stream(ours).average().orElseThrow(), 1e-9, name);
    }
  }
}
