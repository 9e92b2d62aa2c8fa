package io.ctpipe.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctpipe.dicom.phantom.PhantomSeriesWriter;
import io.ctpipe.dicom.phantom.PhantomSpec;
import io.ctpipe.dicom.testing.ExternalTools;
import io.ctpipe.dicom.testing.RawDicom;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files ctpipe writes read back identically and pass dcmtk's parser and the dicom3tools validator. */
class DicomWriterTest {
  @TempDir
  Path dir;

  private final DicomReader reader = new DicomReader();

  @Test
  void roundTripKeepsValuesSequencesAndOddLengths() throws IOException {
    DicomDataset ds = new DicomDataset();
    ds.putString(Tag.SOP_CLASS_UID, Vr.UI, "1.2.840.10008.5.1.4.1.1.2");
    ds.putString(Tag.SOP_INSTANCE_UID, Vr.UI, "1.2.3.45");
    ds.putString(Tag.PATIENT_NAME, Vr.PN, "Odd^Nam");
    ds.putDecimals(Tag.PIXEL_SPACING, 0.9765625, 0.9765625);
    ds.putInts(Tag.ROWS, Vr.US, 512);
    DicomDataset item = new DicomDataset();
    item.putString(0x00080100, Vr.SH, "10200004");
    ds.putSequence(0x0062000F, List.of(item, new DicomDataset()));
    Path file = dir.resolve("rt.dcm");
    DicomWriter.write(ds, file);

    DicomFile back = reader.read(file);
    assertEquals(TransferSyntax.EXPLICIT_VR_LE, back.transferSyntax());
    assertEquals("1.2.3.45", back.fileMeta().string(Tag.MEDIA_STORAGE_SOP_INSTANCE_UID).orElseThrow());
    assertEquals("Odd^Nam", back.dataset().string(Tag.PATIENT_NAME).orElseThrow());
    assertEquals(8, back.dataset().element(Tag.PATIENT_NAME).orElseThrow().length(), "padded with a space");
    assertArrayEquals(new double[] {0.9765625, 0.9765625}, back.dataset().doubles(Tag.PIXEL_SPACING));
    assertEquals(512, back.dataset().intValue(Tag.ROWS, 0));
    assertEquals(2, back.dataset().sequence(0x0062000F).size());
    assertEquals("10200004", back.dataset().sequence(0x0062000F).get(0).string(0x00080100).orElseThrow());
    assertEquals(0, back.dataset().element(Tag.SOP_INSTANCE_UID).orElseThrow().length() % 2,
        "odd-length UID padded to even length");
  }

  @Test
  void bigEndianValuesAreSwappedWhenWritten() throws IOException {
    byte[] be = RawDicom.part10(TransferSyntax.EXPLICIT_VR_BE.uid(), RawDicom.explicitBigEndian()
        .text(Tag.SOP_CLASS_UID, "UI", "1.2.3").text(Tag.SOP_INSTANCE_UID, "UI", "1.2.3.4")
        .u16Element(Tag.ROWS, 300)).bytes();
    DicomDataset ds = reader.read(be, "be").dataset();
    Path file = dir.resolve("swapped.dcm");
    DicomWriter.write(ds, file);
    DicomFile back = reader.read(file);
    assertEquals(300, back.dataset().intValue(Tag.ROWS, 0));
    ByteBuffer raw = back.dataset().element(Tag.ROWS).orElseThrow().value();
    assertEquals(ByteOrder.LITTLE_ENDIAN, raw.order());
  }

  @Test
  void phantomImagesPassDcmdumpAndDciodvfy() throws Exception {
    PhantomSeriesWriter.write(PhantomSpec.of(new int[] {64, 48, 3}, new double[] {6, 6, 5}, 11), dir);
    Path file = dir.resolve("CT000002.dcm");
    ExternalTools.Output dump = ExternalTools.run(List.of(ExternalTools.require("/usr/bin/dcmdump"), file.toString()));
    assertEquals(0, dump.exitCode(), dump.stderr());
    assertTrue(dump.stdout().contains("(0010,0010) PN [Phantom^Torso]"), dump.stdout());
    assertTrue(dump.stdout().contains("(0020,0032) DS [-189\\-141\\0]"), dump.stdout());
    ExternalTools.Output verify = ExternalTools.run(List.of(ExternalTools.require("/usr/bin/dciodvfy"),
        file.toString()));
    String report = verify.stdout() + verify.stderr();
    assertTrue(report.contains("CTImage"), "dciodvfy recognised the IOD: " + report);
    assertFalse(report.contains("Error"), report);
    assertFalse(report.contains("Warning"), report);
  }
}
