package io.ctpipe.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctpipe.dicom.phantom.PhantomSeriesWriter;
import io.ctpipe.dicom.phantom.PhantomSpec;
import io.ctpipe.dicom.testing.HostileDicom;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile files that would fill the heap are refused before the large allocation, with a message naming the file
 * and the bound: deflate bombs (in a header scan and in a full read) and headers of millions of tiny elements,
 * items or fragments.
 */
class HostileInputTest {
  /** What the bombs inflate to: 300 MiB, from about 300 KB of file. */
  private static final long BOMB_BYTES = 300L << 20;

  @TempDir
  static Path dir;
  private static Path slice;

  @BeforeAll
  static void writeSlice() throws IOException {
    PhantomSeriesWriter.write(PhantomSpec.of(new int[] {16, 16, 1}, new double[] {1, 1, 1}, 3), dir.resolve("ct"));
    try (var files = Files.list(dir.resolve("ct"))) {
      slice = files.findFirst().orElseThrow();
    }
  }

  @Test
  void theInflationLimitFollowsTheCompressedSizeWithinItsFloorAndCap() {
    long max = DicomReader.MAX_OBJECT_BYTES;
    assertEquals(DeflatedDataset.ALWAYS_ALLOWED_BYTES, DeflatedDataset.limit(306_000, max));
    assertEquals(200L * 1_000_000, DeflatedDataset.limit(1_000_000, max));
    assertEquals(DeflatedDataset.MAX_INFLATED_BYTES, DeflatedDataset.limit(100_000_000, max));
    assertEquals(1024, DeflatedDataset.limit(306_000, 1024));
  }

  @Test
  void aDeflateBombAfterPixelDataIsRefusedByAFullReadAndNeverInflatedByAHeaderScan() throws IOException {
    Path bomb = dir.resolve("trailing-bomb.dcm");
    HostileDicom.deflateBomb(slice, bomb, BOMB_BYTES, false);
    long compressed = Files.size(bomb);
    assertTrue(compressed < 400_000, "the bomb is small: " + compressed);
    assertTrue(DeflatedDataset.limit(compressed, DicomReader.MAX_OBJECT_BYTES) < BOMB_BYTES / 4);

    DicomFile header = new DicomReader().readHeader(bomb);
    assertTrue(header.dataset().contains(Tag.PIXEL_DATA));
    assertRefused(() -> new DicomReader().read(bomb), bomb + ": deflated data set of ",
        " bytes inflates to more than 67108864 bytes, the limit for it (200 times its compressed size, at least "
            + "67108864 and at most 1073741824 bytes): refused as a possible deflate bomb");
  }

  @Test
  void aDeflateBombInsideTheHeaderIsRefusedByAHeaderScan() throws IOException {
    Path bomb = dir.resolve("header-bomb.dcm");
    HostileDicom.deflateBomb(slice, bomb, BOMB_BYTES, true);
    assertRefused(() -> new DicomReader().readHeader(bomb), bomb + ": deflated data set of ",
        "inflates to more than 67108864 bytes");
  }

  @Test
  void aDeflatedSliceStillReadsWhole() throws IOException {
    Path ok = dir.resolve("deflated.dcm");
    HostileDicom.deflateBomb(slice, ok, 4096, false);
    DicomFile f = new DicomReader().read(ok);
    assertEquals(TransferSyntax.forUid(HostileDicom.DEFLATED), f.transferSyntax());
    assertEquals(4096, f.dataset().element(0xFFFCFFFC).orElseThrow().length());
    assertEquals(16 * 16 * 2, f.dataset().element(Tag.PIXEL_DATA).orElseThrow().length());
  }

  @Test
  void twoMillionEmptyElementsAreRefusedByAHeaderScanAndAFullRead() throws IOException {
    Path bomb = Files.write(dir.resolve("elements.dcm"), HostileDicom.elementBomb(2_000_000));
    assertTrue(Files.size(bomb) > 16_000_000);
    String expected = "a data set holds more than 10000 elements (at offset ";
    assertRefused(() -> new DicomReader().readHeader(bomb), bomb + ": " + expected,
        "): far more than any real header; refused as a possible element bomb");
    assertRefused(() -> new DicomReader().read(bomb), bomb + ": " + expected, "possible element bomb");
  }

  @Test
  void millionsOfItemsOrFragmentsAreRefused() {
    String expected = "the object holds more than 1000000 elements, items and fragments (at offset ";
    assertRefused(() -> new DicomReader().read(HostileDicom.itemBomb(600_000), "items"), "items: " + expected,
        "possible element bomb");
    assertRefused(() -> new DicomReader().read(HostileDicom.fragmentBomb(1_100_000), "fragments"),
        "fragments: " + expected, "possible element bomb");
  }

  private interface Action {
    void run() throws Exception;
  }

  private static void assertRefused(Action action, String start, String contained) {
    DicomFormatException e = assertThrows(DicomFormatException.class, action::run);
    assertTrue(e.getMessage().startsWith(start) && e.getMessage().contains(contained), e.getMessage());
  }
}
