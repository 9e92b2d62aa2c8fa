package io.ctpipe.dicom.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctpipe.dicom.DicomFile;
import io.ctpipe.dicom.DicomReader;
import io.ctpipe.dicom.DicomWriter;
import io.ctpipe.dicom.Tag;
import io.ctpipe.dicom.Vr;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs the dicom3tools validator on a SEG. Debian's dicom3tools (2022-06) predates Label Map Segmentation
 * Storage (Supplement 243, 2024), so a LABELMAP file is checked twice: as written, where the only accepted error is
 * the unknown SOP Class, and as a copy labelled Segmentation Storage, where the only accepted errors are the two
 * rules Supplement 243 changed (docs/dicom-conformance.md).
 */
public final class Dciodvfy {
  private static final String LABEL_MAP_STORAGE = "1.2.840.10008.5.1.4.1.1.66.7";
  private static final String SEGMENTATION_STORAGE = "1.2.840.10008.5.1.4.1.1.66.4";
  private static final Set<String> PRE_SUPPLEMENT_243_RULES = Set.of(
      "Error - Unrecognized enumerated value <LABELMAP> for value 1 of attribute <Segmentation Type>",
      "Error - Missing attribute Type 1 Required Element=<SegmentIdentificationSequence> Module=<SegmentationMacro>");

  private Dciodvfy() {}

  /**
   * Patterns of the warnings dciodvfy gives about values a SEG copies unchanged from its source
   * (docs/dicom-conformance.md): an empty Patient ID or Study ID (shared/data/ct/totalseg-example), and person
   * names of one component without '^' ("Anonymous"), which the standard calls a retired form.
   */
  public static final Set<String> SOURCE_WARNINGS = Set.of(
      Pattern.quote("Warning - Missing attribute or value that would be needed to build DICOMDIR - Patient ID"),
      Pattern.quote("Warning - Missing attribute or value that would be needed to build DICOMDIR - Study ID"),
      "Warning - Value dubious for this VR - \\(0x[0-9a-f]{4},0x[0-9a-f]{4}\\) PN .* - Retired Person Name form");

  /** Asserts dciodvfy reports no error and no warning (but the documented LABELMAP exceptions). */
  public static void assertValid(Path seg) throws Exception {
    assertValid(seg, Set.of());
  }

  /**
   * Asserts dciodvfy reports no error and no warning other than the accepted ones (regular expressions for
   * warnings about what the source CT itself holds, listed in docs/dicom-conformance.md).
   */
  public static void assertValid(Path seg, Set<String> acceptedWarnings) throws Exception {
    DicomFile file = new DicomReader().read(seg);
    if (!LABEL_MAP_STORAGE.equals(file.sopClassUid().orElse(""))) {
      List<String> lines = without(run(seg), acceptedWarnings);
      assertEquals(List.of("Segmentation"), lines, "dciodvfy output for " + seg);
      return;
    }
    assertEquals(List.of("Error - Information Object Not found"), without(run(seg), acceptedWarnings),
        "LABELMAP as written");
    Path copy = Files.createTempFile("ctpipe-labelmap-as-seg", ".dcm");
    try {
      file.dataset().putString(Tag.SOP_CLASS_UID, Vr.UI, SEGMENTATION_STORAGE);
      DicomWriter.write(file.dataset(), file.transferSyntax(), copy);
      List<String> lines = without(run(copy), acceptedWarnings);
      assertEquals("Segmentation", lines.get(0), lines.toString());
      List<String> other = without(lines.subList(1, lines.size()), acceptedWarnings).stream()
          .filter(l -> !PRE_SUPPLEMENT_243_RULES.contains(l)).collect(Collectors.toList());
      assertTrue(other.isEmpty(), "unexpected dciodvfy findings for the LABELMAP copy: " + other);
    } finally {
      Files.deleteIfExists(copy);
    }
  }

  private static List<String> without(List<String> lines, Set<String> accepted) {
    return lines.stream().filter(l -> accepted.stream().noneMatch(l::matches)).toList();
  }

  private static List<String> run(Path file) throws Exception {
    ExternalTools.Output out = ExternalTools.run(List.of(ExternalTools.require("/usr/bin/dciodvfy"),
        file.toString()));
    return Arrays.stream((out.stdout() + out.stderr()).split("\n")).map(String::trim).filter(l -> !l.isEmpty())
        .toList();
  }
}
