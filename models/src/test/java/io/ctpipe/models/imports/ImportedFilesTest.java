package io.ctpipe.models.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ctpipe.dicom.UnsafeNameException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Imported models' ids name files: a given --id must be a safe file name, derived ids are made one. */
class ImportedFilesTest {
  @TempDir
  Path out;

  @Test
  void aGivenIdThatLeavesTheFolderIsRefused() {
    assertEquals("--id '../../evil' is not a safe file name: use 1 to 128 letters, digits, '.', '_' or '-', "
        + "starting with a letter or digit", assertThrows(UnsafeNameException.class,
            () -> ImportedFiles.modelId("../../evil", "bpreg-", "bpr_model")).getMessage());
    assertThrows(UnsafeNameException.class, () -> ImportedFiles.modelId("/tmp/evil", "bpreg-", "bpr_model"));
  }

  @Test
  void derivedIdsAreSafeAndFilesStayBelowTheFolder() {
    assertEquals("auto3dseg-whole-body-v1.zip", ImportedFiles.modelId(null, "auto3dseg-", "whole body/v1.zip"));
    assertEquals(out.toAbsolutePath().resolve("m.onnx"), ImportedFiles.file(out, "m", ".onnx"));
  }
}
