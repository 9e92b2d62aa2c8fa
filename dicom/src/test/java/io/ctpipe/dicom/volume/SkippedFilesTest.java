package io.ctpipe.dicom.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctpipe.dicom.DicomReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder without an image series says which files were skipped and why, naming at most 50 of them. */
class SkippedFilesTest {
  @TempDir
  Path dir;

  @Test
  void anEmptyResultNamesTheSkippedFilesAndWhy() throws IOException {
    Files.writeString(dir.resolve("notes.txt"), "not dicom");
    Files.write(dir.resolve("empty.dcm"), new byte[0]);
    IOException e = assertThrows(IOException.class,
        () -> new VolumeAssembler(new DicomReader()).assembleOnlySeries(dir));
    assertEquals(dir + " holds 0 image series; expected exactly one; skipped 2 file(s): empty.dcm: empty file "
        + "(0 bytes), not a DICOM object; notes.txt: not a DICOM file: no 'DICM' prefix at byte 128 and the first "
        + "bytes (group 0x6F6E) do not start a data set", e.getMessage());
  }

  @Test
  void aLongListIsCutAfterFiftyFiles() throws IOException {
    for (int i = 0; i < 53; i++) {
      Files.writeString(dir.resolve(String.format("junk%02d.txt", i)), "not dicom");
    }
    IOException e = assertThrows(IOException.class,
        () -> new VolumeAssembler(new DicomReader()).assembleOnlySeries(dir));
    assertTrue(e.getMessage().contains("skipped 53 file(s): junk00.txt: not a DICOM file"), e.getMessage());
    assertTrue(e.getMessage().contains("junk49.txt: not a DICOM file"), e.getMessage());
    assertTrue(!e.getMessage().contains("junk50.txt"), e.getMessage());
    assertTrue(e.getMessage().endsWith("; ... and 3 more"), e.getMessage());
  }
}
