package io.ctpipe.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctpipe.dicom.pixel.PixelData;
import io.ctpipe.dicom.testing.RawDicom;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing of every encoding and structure the reader supports, and a specific error for each bad input. */
class DicomReaderTest {
  private static final String PRIVATE_CREATOR_TAG = "00091010";
  private final DicomReader reader = new DicomReader();

  private static RawDicom sampleBody(RawDicom raw) {
    return raw.text(Tag.SOP_CLASS_UID, "UI", "1.2.840.10008.5.1.4.1.1.2")
        .text(Tag.PATIENT_NAME, "PN", "Doe^Jane")
        .text(Tag.PIXEL_SPACING, "DS", "0.5\\0.75")
        .u16Element(Tag.ROWS, 2)
        .u16Element(Tag.COLUMNS, 3);
  }

  @Test
  void readsImplicitVrLittleEndianUsingTheDictionaryForVrs() throws IOException {
    byte[] bytes = RawDicom.part10(TransferSyntax.IMPLICIT_VR_LE.uid(),
        sampleBody(RawDicom.implicitLittleEndian())).bytes();
    DicomFile f = reader.read(bytes, "implicit");
    assertEquals(TransferSyntax.IMPLICIT_VR_LE, f.transferSyntax());
    assertEquals("Doe^Jane", f.dataset().string(Tag.PATIENT_NAME).orElseThrow());
    assertArrayEquals(new double[] {0.5, 0.75}, f.dataset().doubles(Tag.PIXEL_SPACING));
    assertEquals(3, f.dataset().intValue(Tag.COLUMNS, 0));
    assertEquals(Vr.US, f.dataset().element(Tag.ROWS).orElseThrow().vr());
  }

  @Test
  void readsExplicitVrBigEndian() throws IOException {
    byte[] bytes = RawDicom.part10(TransferSyntax.EXPLICIT_VR_BE.uid(),
        sampleBody(RawDicom.explicitBigEndian())).bytes();
    DicomFile f = reader.read(bytes, "big-endian");
    assertEquals(2, f.dataset().intValue(Tag.ROWS, 0));
    assertEquals(3, f.dataset().intValue(Tag.COLUMNS, 0));
  }

  @Test
  void readsDeflatedExplicitVrLittleEndian() throws IOException {
    byte[] body = sampleBody(RawDicom.explicitLittleEndian()).bytes();
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    deflater.setInput(body);
    deflater.finish();
    ByteArrayOutputStream deflated = new ByteArrayOutputStream();
    byte[] chunk = new byte[256];
    while (!deflater.finished()) {
      deflated.write(chunk, 0, deflater.deflate(chunk));
    }
    byte[] bytes = RawDicom.part10(TransferSyntax.DEFLATED_EXPLICIT_VR_LE.uid(),
        RawDicom.explicitLittleEndian().raw(deflated.toByteArray())).bytes();
    assertEquals("Doe^Jane", reader.read(bytes, "deflated").dataset().string(Tag.PATIENT_NAME).orElseThrow());
  }

  @Test
  void readsBareDataSetsWithoutPreambleInBothVrModes() throws IOException {
    DicomFile explicit = reader.read(sampleBody(RawDicom.explicitLittleEndian()).bytes(), "bare-explicit");
    DicomFile implicit = reader.read(sampleBody(RawDicom.implicitLittleEndian()).bytes(), "bare-implicit");
    assertEquals(TransferSyntax.EXPLICIT_VR_LE, explicit.transferSyntax());
    assertEquals(TransferSyntax.IMPLICIT_VR_LE, implicit.transferSyntax());
    assertEquals(3, implicit.dataset().intValue(Tag.COLUMNS, 0));
    assertEquals(0, explicit.fileMeta().size());
  }

  @Test
  void readsFileMetaWithoutThePreamble() throws IOException {
    byte[] withPreamble = RawDicom.part10(TransferSyntax.IMPLICIT_VR_LE.uid(),
        sampleBody(RawDicom.implicitLittleEndian())).bytes();
    byte[] withoutPreamble = java.util.Arrays.copyOfRange(withPreamble, 132, withPreamble.length);
    DicomFile f = reader.read(withoutPreamble, "no-preamble");
    assertEquals(TransferSyntax.IMPLICIT_VR_LE, f.transferSyntax(), "file meta read from offset 0");
    assertEquals("Doe^Jane", f.dataset().string(Tag.PATIENT_NAME).orElseThrow());
  }

  @Test
  void readsNestedSequencesOfDefinedAndUndefinedLength() throws IOException {
    byte[] inner = RawDicom.explicitLittleEndian().text(0x00080100, "SH", "T-62000").bytes();
    RawDicom innerSequence = RawDicom.explicitLittleEndian().header(0x00620003, "SQ", 8 + inner.length)
        .item(inner.length).raw(inner);
    byte[] innerSeqBytes = innerSequence.bytes();
    RawDicom body = RawDicom.explicitLittleEndian()
        .header(0x00620002, "SQ", DicomParserConstants.UNDEFINED)
        .item(DicomParserConstants.UNDEFINED).raw(innerSeqBytes)
        .u16Element(0x00620004, 7).itemDelimiter()
        .item(DicomParserConstants.UNDEFINED).itemDelimiter()
        .sequenceDelimiter()
        .text(Tag.MODALITY, "CS", "SEG");
    DicomFile f = reader.read(body.bytes(), "nested");
    var items = f.dataset().sequence(0x00620002);
    assertEquals(2, items.size());
    assertEquals(7, items.get(0).intValue(0x00620004, 0));
    assertEquals("T-62000", items.get(0).sequence(0x00620003).get(0).string(0x00080100).orElseThrow());
    assertEquals(0, items.get(1).size());
    assertEquals("SEG", f.dataset().string(Tag.MODALITY).orElseThrow(), "parsing continues after the sequence");
  }

  @Test
  void readsUndefinedLengthUnknownVrAsImplicitSequenceAndKeepsPrivateTags() throws IOException {
    byte[] item = RawDicom.implicitLittleEndian().text(Tag.PATIENT_ID, "LO", "X1").bytes();
    RawDicom body = RawDicom.explicitLittleEndian()
        .text(Integer.parseUnsignedInt(PRIVATE_CREATOR_TAG, 16), "LO", "ACME")
        .element(0x00091011, "UN", new byte[] {1, 2, 3})
        .header(0x00091012, "UN", DicomParserConstants.UNDEFINED)
        .item(item.length).raw(item).sequenceDelimiter()
        .text(Tag.MODALITY, "CS", "CT");
    DicomFile f = reader.read(body.bytes(), "private");
    assertEquals("ACME", f.dataset().string(0x00091010).orElseThrow());
    assertEquals(3, f.dataset().element(0x00091011).orElseThrow().length(), "odd-length values are kept");
    assertEquals("X1", f.dataset().sequence(0x00091012).get(0).string(Tag.PATIENT_ID).orElseThrow());
    assertEquals("CT", f.dataset().string(Tag.MODALITY).orElseThrow());
  }

  @Test
  void headerScanStopsBeforePixelDataAndReadsLongHeaders(@TempDir Path dir) throws IOException {
    byte[] bigPrivate = new byte[40_000];
    RawDicom body = sampleBody(RawDicom.explicitLittleEndian())
        .text(0x00091010, "LO", "ACME").element(0x00091011, "OB", bigPrivate)
        .element(Tag.PIXEL_DATA, "OW", new byte[12]);
    Path file = dir.resolve("long-header.dcm");
    Files.write(file, RawDicom.part10(TransferSyntax.EXPLICIT_VR_LE.uid(), body).bytes());
    DicomFile header = reader.readHeader(file);
    assertTrue(header.headerOnly());
    assertEquals(40_000, header.dataset().element(0x00091011).orElseThrow().length());
    assertEquals(0, header.dataset().element(Tag.PIXEL_DATA).orElseThrow().length(), "pixel data is not read");
    assertThrows(IllegalArgumentException.class, () -> PixelData.of(header));
    assertEquals(12, reader.read(file).dataset().element(Tag.PIXEL_DATA).orElseThrow().length());
  }

  // ---- bad input: each gives a specific message, never an OutOfMemoryError or a hang ----

  @Test
  void zeroLengthFile(@TempDir Path dir) throws IOException {
    Path file = Files.write(dir.resolve("empty.dcm"), new byte[0]);
    assertMessage(() -> reader.read(file), "empty file (0 bytes)");
    assertMessage(() -> reader.readHeader(file), "empty file (0 bytes)");
  }

  @Test
  void garbageWithoutPreamble() {
    byte[] garbage = "this is a text file, not DICOM at all".getBytes();
    assertMessage(() -> reader.read(garbage, "notes.txt"), "not a DICOM file: no 'DICM' prefix at byte 128");
  }

  @Test
  void garbageAfterPreamble() {
    byte[] bytes = RawDicom.part10(TransferSyntax.EXPLICIT_VR_LE.uid(),
        RawDicom.explicitLittleEndian().raw("0123456789abcdef".getBytes())).bytes();
    assertMessage(() -> reader.read(bytes, "garbage"), "has invalid VR bytes");
  }

  @Test
  void truncatedFile() {
    byte[] whole = RawDicom.part10(TransferSyntax.EXPLICIT_VR_LE.uid(),
        sampleBody(RawDicom.explicitLittleEndian())).bytes();
    byte[] cutInValue = java.util.Arrays.copyOf(whole, whole.length - 1);
    assertMessage(() -> reader.read(cutInValue, "cut"),
        "truncated data: element (0028,0011) declares a length of 2 bytes");
    byte[] cutInHeader = java.util.Arrays.copyOf(whole, whole.length - 5);
    assertMessage(() -> reader.read(cutInHeader, "cut"), "truncated data: an element header needs 8 bytes");
  }

  @Test
  void hugeDeclaredLengthIsRefusedBeforeAllocating() {
    byte[] bytes = RawDicom.part10(TransferSyntax.EXPLICIT_VR_LE.uid(),
        RawDicom.explicitLittleEndian().header(Tag.PIXEL_DATA, "OW", 0xFFFFFFF0L).raw(new byte[16])).bytes();
    assertMessage(() -> reader.read(bytes, "huge"), "declares a length of 4294967280 bytes");
  }

  @Test
  void hugeFragmentLengthIsRefused() {
    RawDicom body = RawDicom.explicitLittleEndian().header(Tag.PIXEL_DATA, "OB", DicomParserConstants.UNDEFINED)
        .item(0).item(0x7FFFFFF0L).raw(new byte[4]);
    byte[] bytes = RawDicom.part10(TransferSyntax.RLE_LOSSLESS.uid(), body).bytes();
    assertMessage(() -> reader.read(bytes, "fragment"), "a pixel data fragment declares a length of 2147483632");
  }

  @Test
  void sequenceWithoutDelimiter() {
    RawDicom body = RawDicom.explicitLittleEndian().header(0x00620002, "SQ", DicomParserConstants.UNDEFINED)
        .item(DicomParserConstants.UNDEFINED).text(Tag.MODALITY, "CS", "CT");
    assertMessage(() -> reader.read(body.bytes(), "open"), "truncated data");
  }

  @Test
  void deeplyNestedSequencesAreRefused() {
    RawDicom body = RawDicom.explicitLittleEndian();
    for (int i = 0; i < 40; i++) {
      body.header(0x00620002, "SQ", DicomParserConstants.UNDEFINED).item(DicomParserConstants.UNDEFINED);
    }
    assertMessage(() -> reader.read(body.bytes(), "deep"), "sequences nested deeper than 32 levels");
  }

  @Test
  void missingTransferSyntax() {
    RawDicom meta = RawDicom.explicitLittleEndian().raw(new byte[128]).raw("DICM".getBytes())
        .text(0x00020002, "UI", "1.2.3");
    assertMessage(() -> reader.read(meta.bytes(), "meta"), "no Transfer Syntax UID (0002,0010)");
  }

  @Test
  void fileWithoutPixelData() throws IOException {
    DicomFile f = reader.read(RawDicom.part10(TransferSyntax.EXPLICIT_VR_LE.uid(),
        sampleBody(RawDicom.explicitLittleEndian())).bytes(), "no-pixels.dcm");
    assertMessage(() -> PixelData.of(f), "no-pixels.dcm: no Pixel Data (7FE0,0010)");
  }

  @Test
  void objectLargerThanTheConfiguredLimit(@TempDir Path dir) throws IOException {
    Path file = Files.write(dir.resolve("big.dcm"), new byte[4096]);
    assertMessage(() -> new DicomReader(1024).read(file), "4096 bytes exceeds the limit of 1024 bytes");
  }

  @Test
  void nativePixelDataShorterThanItsFrames() throws IOException {
    RawDicom body = RawDicom.explicitLittleEndian().u16Element(Tag.ROWS, 4).u16Element(Tag.COLUMNS, 4)
        .u16Element(Tag.BITS_ALLOCATED, 16).element(Tag.PIXEL_DATA, "OW", new byte[10]);
    DicomFile f = reader.read(RawDicom.part10(TransferSyntax.EXPLICIT_VR_LE.uid(), body).bytes(), "short");
    assertMessage(() -> PixelData.of(f), "Pixel Data holds 10 bytes but 1 frame(s) of 4x4 at 16 bits need 32");
  }

  private interface Action {
    void run() throws Exception;
  }

  private static void assertMessage(Action action, String expected) {
    DicomFormatException e = assertThrows(DicomFormatException.class, action::run);
    assertTrue(e.getMessage().contains(expected), "message was: " + e.getMessage());
  }
}
