package io.ctpipe.dicom.pixel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctpipe.dicom.DicomFormatException;
import io.ctpipe.dicom.DicomReader;
import io.ctpipe.dicom.testing.ExternalTools;
import io.ctpipe.dicom.testing.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ctpipe's JPEG-LS decoder against dcmtk: shared CT files compressed with {@code dcmcjpls} (lossless,
 * near-lossless at several NEAR, custom thresholds in an LSE segment, several fragments per frame) decode to
 * exactly what {@code dcmdjpls} decodes, and lossless ones to the original pixels.
 */
class JpegLsDecoderTest {
  /** Unsigned sources: dcmcjpls encodes signed pixels only losslessly. */
  private static final List<String> UNSIGNED = List.of("ct/nema-enhanced-ct/eCT_Supplemental.dcm",
      "ct/dicom2nifti-gantry-tilt-randompixels/IM-0001-0001.dcm");
  private static final List<String> SIGNED = List.of("ct/highdicom-ct-single/ct_image.dcm",
      "ct/pydicom-ct2-tiny/17106", "ct/dicom2nifti-missing-slice-randompixels/IM-0001-0007-0001.dcm");
  private final DicomReader reader = new DicomReader();

  @ParameterizedTest(name = "dcmcjpls {0}: ctpipe = dcmdjpls, within NEAR {1} of the source")
  @CsvSource(delimiter = '|', value = {"+el|0", "+en +md 1|1", "+en +md 3|3", "+en +md 10|10",
      "+el +t1 5 +t2 40 +t3 300 +rs 32|0", "+en +md 2 +t1 20 +t2 60 +t3 200 +rs 100|2", "+el +fs 4|0"})
  void decodesWhatDcmtkEncodes(String options, int near, @TempDir Path tmp) throws Exception {
    String dcmcjpls = ExternalTools.require("/usr/bin/dcmcjpls");
    String dcmdjpls = ExternalTools.require("/usr/bin/dcmdjpls");
    List<String> sources = new ArrayList<>(UNSIGNED);
    if (near == 0) {
      sources.addAll(SIGNED);
    }
    for (String source : sources) {
      Path original = SharedData.require(source);
      Path compressed = tmp.resolve("jls.dcm");
      Path decompressed = tmp.resolve("raw.dcm");
      List<String> encode = new ArrayList<>(List.of(dcmcjpls));
      encode.addAll(List.of(options.split(" ")));
      encode.addAll(List.of(original.toString(), compressed.toString()));
      ExternalTools.Output out = ExternalTools.run(encode);
      assertEquals(0, out.exitCode(), out.stderr());
      out = ExternalTools.run(List.of(dcmdjpls, compressed.toString(), decompressed.toString()));
      assertEquals(0, out.exitCode(), out.stderr());

      PixelData ours = PixelData.of(reader.read(compressed));
      assertEquals(near == 0 ? "1.2.840.10008.1.2.4.80" : "1.2.840.10008.1.2.4.81", ours.transferSyntax().uid());
      PixelData dcmtk = PixelData.of(reader.read(decompressed));
      PixelData source0 = PixelData.of(reader.read(original));
      assertEquals(source0.frameCount(), ours.frameCount(), source);
      int maxError = 0;
      for (int f = 0; f < ours.frameCount(); f++) {
        short[] decoded = ours.decodeFrame(f);
        assertArrayEquals(values(dcmtk, dcmtk.decodeFrame(f)), values(ours, decoded), source + " frame " + f);
        int[] reference = values(source0, source0.decodeFrame(f));
        int[] ourValues = values(ours, decoded);
        for (int i = 0; i < reference.length; i++) {
          maxError = Math.max(maxError, Math.abs(reference[i] - ourValues[i]));
        }
      }
      assertTrue(maxError <= near, source + ": error " + maxError + " > NEAR " + near);
      if (near > 1) {
        assertTrue(maxError > 0, source + ": near-lossless should change some pixel");
      }
    }
  }

  private static int[] values(PixelData data, short[] raw) {
    int[] out = new int[raw.length];
    for (int i = 0; i < raw.length; i++) {
      out[i] = data.format().value(raw[i]);
    }
    return out;
  }

  // Hand-made frames for the refusal paths: SOI, SOF55 (P=8, 2x2, one component), optional LSE, SOS.
  private static byte[] frame(int components, byte[] lse, int near, byte[] scan) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD8});
    byte[] sof = {(byte) 0xFF, (byte) 0xF7, 0, 11, 8, 0, 2, 0, 2, (byte) components, 1, 0x11, 0};
    out.writeBytes(sof);
    out.writeBytes(lse);
    out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xDA, 0, 8, 1, 1, 0, (byte) near, 0, 0});
    out.writeBytes(scan);
    return out.toByteArray();
  }

  private static DicomFormatException refused(byte[] frame) {
    PixelFormat format = new PixelFormat(2, 2, 1, 8, 8, 7, false, "MONOCHROME2", 1);
    return assertThrows(DicomFormatException.class,
        () -> new JpegLsFrameDecoder().decode(ByteBuffer.wrap(frame), format, new short[4]));
  }

  @Test
  void badFramesAreRefusedWithTheReason() {
    byte[] ok = {(byte) 0x80, 0};
    assertTrue(refused(frame(3, new byte[0], 0, ok)).getMessage().contains("3 components"));
    byte[] mapping = {(byte) 0xFF, (byte) 0xF8, 0, 5, 2, 1, 1};
    assertTrue(refused(frame(1, mapping, 0, ok)).getMessage().contains("mapping table"));
    assertTrue(refused(frame(1, new byte[0], 200, ok)).getMessage().contains("NEAR 200 is outside 0..127"));
    byte[] thresholds = {(byte) 0xFF, (byte) 0xF8, 0, 13, 1, 0, 0, 0, 30, 0, 20, 0, 0, 0, 0};
    assertTrue(refused(frame(1, thresholds, 0, ok)).getMessage().contains("T1=30 T2=20"));
    byte[] truncated = frame(1, new byte[0], 0, new byte[] {0});
    assertTrue(refused(truncated).getMessage().contains("ends"), refused(truncated).getMessage());
    byte[] zeros = frame(1, new byte[0], 0, new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    assertTrue(refused(zeros).getMessage().contains("leading zeros"), refused(zeros).getMessage());
    byte[] wrongSize = frame(1, new byte[0], 0, ok);
    wrongSize[10] = 3;
    assertTrue(refused(wrongSize).getMessage().contains("is 3x2 but the data set says 2x2"));
    assertTrue(refused(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xDA, 0, 30})
        .getMessage().contains("before the frame header"));
  }

  @Test
  void aFrameOfOneValueIsOneRun() throws IOException {
    // Lossless 8-bit 2x2 of zeros: run mode from the first sample; each line is one run ended by a 1 bit.
    PixelFormat format = new PixelFormat(2, 2, 1, 8, 8, 7, false, "MONOCHROME2", 1);
    short[] out = {9, 9, 9, 9};
    new JpegLsFrameDecoder().decode(ByteBuffer.wrap(frame(1, new byte[0], 0, new byte[] {(byte) 0xF0, 0})),
        format, out);
    assertArrayEquals(new short[4], out);
  }
}
