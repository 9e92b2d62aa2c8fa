package io.ctpipe.dicom.seg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctpipe.dicom.DicomFile;
import io.ctpipe.dicom.DicomFormatException;
import io.ctpipe.dicom.DicomReader;
import io.ctpipe.dicom.DicomWriter;
import io.ctpipe.dicom.Tag;
import io.ctpipe.dicom.TransferSyntax;
import io.ctpipe.dicom.Vr;
import io.ctpipe.dicom.testing.ExternalTools;
import io.ctpipe.dicom.testing.SegTranscoder;
import io.ctpipe.dicom.testing.SharedData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shared SEG example, as stored and re-encoded in every transfer syntax ctpipe decodes, reads back to the
 * frames pydicom's {@code pixel_array} gives for the stored file (SHA-256 of each frame's values). Re-encodings
 * come from dcmtk where it can make them (implicit VR, deflated data set, big endian; RLE, JPEG-LS and lossless
 * JPEG of 8-bit frames) and from
 * {@link SegTranscoder} where no tool can (1-bit frames in RLE, Deflated Image Frame, JPEG 2000).
 */
class SegTransferSyntaxTest {
  private static final List<String> EXAMPLES = List.of(
      "highdicom-ct/seg_image_ct_binary.dcm",
      "highdicom-ct/seg_image_ct_binary_overlap.dcm",
      "highdicom-ct/seg_image_ct_binary_fractional.dcm",
      "highdicom-ct/seg_image_ct_true_fractional.dcm",
      "highdicom-ct/seg_image_ct_binary_single_frame.dcm",
      "dcmqi-qin-headneck-pet/seg.dcm",
      "dcmqi-synthetic-23x38x3/seg/label.seg",
      "dcmqi-synthetic-24x38x3/seg/label.seg",
      "dcmqi-synthetic-24x38x3/labelmap/sparse-labelmap-noppv.dcm",
      "dcmqi-synthetic-24x38x3/labelmap/sparse-labelmap-ppv5.dcm");
  private static final Map<String, List<String>> PYDICOM_DIGESTS = new ConcurrentHashMap<>();
  private final DicomReader reader = new DicomReader();

  static Stream<Arguments> examplesAndEncodings() {
    List<Arguments> out = new ArrayList<>();
    for (String example : EXAMPLES) {
      out.add(Arguments.of(example, "as stored"));
      for (SegTranscoder.Encoding encoding : SegTranscoder.Encoding.values()) {
        out.add(Arguments.of(example, encoding.name()));
      }
      for (String tool : List.of("dcmconv +ti", "dcmconv +td", "dcmconv +tb", "dcmcrle", "dcmcjpls",
          "dcmcjpeg +e1", "dcmcjpeg +el")) {
        out.add(Arguments.of(example, tool));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("examplesAndEncodings")
  void framesEqualPydicomsPixelArray(String example, String encoding, @TempDir Path tmp) throws Exception {
    Path stored = SharedData.require("seg-examples/" + example);
    DicomFile original = reader.read(stored);
    Path file = stored;
    if (!encoding.equals("as stored")) {
      boolean oneBit = original.dataset().intValue(Tag.BITS_ALLOCATED, 0) == 1;
      file = tmp.resolve("seg.dcm");
      if (encoding.startsWith("dcm")) {
        if (oneBit && !encoding.startsWith("dcmconv")) {
          return; // dcmcrle, dcmcjpls and dcmcjpeg refuse 1-bit images: SegTranscoder covers those
        }
        List<String> command = new ArrayList<>(List.of(ExternalTools.require("/usr/bin/" + encoding.split(" ")[0])));
        command.addAll(List.of(encoding.split(" ")).subList(1, encoding.split(" ").length));
        command.addAll(List.of(stored.toString(), file.toString()));
        ExternalTools.Output out = ExternalTools.run(command);
        assertEquals(0, out.exitCode(), out.stderr());
      } else {
        SegTranscoder.write(original, SegTranscoder.Encoding.valueOf(encoding), file);
      }
    }
    Segmentation seg = SegReader.read(reader.read(file));
    assertEquals(pydicomDigests(stored), digests(seg), example + " " + encoding);
    assertTrue(seg.warnings().isEmpty(), seg.warnings().toString());
  }

  private static List<String> pydicomDigests(Path stored) throws Exception {
    ExternalTools.requirePythonModule("pydicom");
    List<String> cached = PYDICOM_DIGESTS.get(stored.toString());
    if (cached != null) {
      return cached;
    }
    ExternalTools.Output out = ExternalTools.run(List.of(ExternalTools.PYTHON,
        ExternalTools.script("seg_voxels.py").toString(), stored.toString()));
    assertEquals(0, out.exitCode(), out.stderr());
    JsonNode json = new ObjectMapper().readTree(out.stdout());
    List<String> digests = new ArrayList<>();
    json.get("frameDigests").forEach(d -> digests.add(d.asText()));
    PYDICOM_DIGESTS.put(stored.toString(), digests);
    return digests;
  }

  static List<String> digests(Segmentation seg) throws Exception {
    List<String> out = new ArrayList<>();
    for (int f = 0; f < seg.frames().size(); f++) {
      int[] values = seg.frameValues(f);
      ByteBuffer bytes = ByteBuffer.allocate(2 * values.length).order(ByteOrder.LITTLE_ENDIAN);
      for (int v : values) {
        bytes.putShort((short) v);
      }
      out.add(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.array())));
    }
    return out;
  }

  private DicomFile example(String name) throws Exception {
    return reader.read(SharedData.require("seg-examples/" + name));
  }

  @Test
  void aMissingOrWrongNumberOfFramesIsReadWithAWarning(@TempDir Path tmp) throws Exception {
    DicomFile seg = example("highdicom-ct/seg_image_ct_binary_overlap.dcm");
    List<String> expected = digests(SegReader.read(seg));

    seg.dataset().remove(Tag.NUMBER_OF_FRAMES);
    Segmentation missing = SegReader.read(rewritten(seg, tmp.resolve("missing.dcm")));
    assertEquals(expected, digests(missing));
    assertEquals(List.of("Number of Frames (0028,0008) is absent; 8 per-frame functional group items describe the "
        + "frames"), missing.warnings());

    seg.dataset().putString(Tag.NUMBER_OF_FRAMES, Vr.IS, "3");
    Segmentation wrong = SegReader.read(rewritten(seg, tmp.resolve("wrong.dcm")));
    assertEquals(expected, digests(wrong));
    assertEquals(List.of("Number of Frames (0028,0008) is 3 but 8 per-frame functional group items describe "
        + "frames"), wrong.warnings());
  }

  @Test
  void pixelDataShorterThanItsItemsReadsTheFramesThatAreThere(@TempDir Path tmp) throws Exception {
    DicomFile seg = example("highdicom-ct/seg_image_ct_binary_overlap.dcm");
    List<String> expected = digests(SegReader.read(seg));
    ByteBuffer pixels = seg.dataset().element(Tag.PIXEL_DATA).orElseThrow().value();
    int rows = seg.dataset().intValue(Tag.ROWS, 0);
    int columns = seg.dataset().intValue(Tag.COLUMNS, 0);
    int fiveFrames = (5 * rows * columns + 7) / 8;
    seg.dataset().putBytes(Tag.PIXEL_DATA, Vr.OB, pixels.slice(0, fiveFrames + (fiveFrames & 1)));
    Segmentation shorter = SegReader.read(rewritten(seg, tmp.resolve("short.dcm")));
    assertEquals(expected.subList(0, 5), digests(shorter));
    assertEquals(List.of("Pixel Data holds 5 frame(s) for 8 per-frame items: the last 3 item(s) are not read"),
        shorter.warnings());

    seg.dataset().putBytes(Tag.PIXEL_DATA, Vr.OB, ByteBuffer.allocate(2));
    DicomFormatException none = assertThrows(DicomFormatException.class,
        () -> SegReader.read(rewritten(seg, tmp.resolve("none.dcm"))));
    assertEquals("Pixel Data holds no complete frame", none.getMessage());
  }

  @Test
  void corruptCompressedFramesAreRefusedWithTheReason(@TempDir Path tmp) throws Exception {
    DicomFile seg = example("dcmqi-qin-headneck-pet/seg.dcm");
    Path deflated = tmp.resolve("deflated.dcm");
    SegTranscoder.write(seg, SegTranscoder.Encoding.DEFLATED_FRAMES, deflated);
    DicomFile file = reader.read(deflated);
    List<ByteBuffer> fragments = new ArrayList<>(file.dataset().element(Tag.PIXEL_DATA).orElseThrow().fragments());
    fragments.set(1, ByteBuffer.wrap(new byte[] {1, 2, 3, 4}));
    file.dataset().putFragments(Tag.PIXEL_DATA, Vr.OB, fragments);
    Segmentation seg2 = SegReader.read(rewritten(file, tmp.resolve("corrupt.dcm")));
    DicomFormatException e = assertThrows(DicomFormatException.class, () -> seg2.frameValues(0));
    assertTrue(e.getMessage().startsWith("frame 1 (Deflated Image Frame Compression, 1.2.840.10008.1.2.8.1): "
        + "deflated frame"), e.getMessage());
  }

  private DicomFile rewritten(DicomFile file, Path path) throws Exception {
    DicomWriter.write(file.dataset(), file.transferSyntax().deflated() || file.transferSyntax().bigEndian()
        || !file.transferSyntax().explicitVr() ? TransferSyntax.EXPLICIT_VR_LE : file.transferSyntax(), path);
    return reader.read(path);
  }
}
