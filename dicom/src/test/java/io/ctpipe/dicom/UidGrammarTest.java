package io.ctpipe.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** PS3.5 9.1 UI grammar: each broken rule is refused with the field named and the value never echoed. */
class UidGrammarTest {
  @Test
  void acceptsUids() {
    assertEquals("1.2.840.10008.5.1.4.1.1.2", UidGrammar.require("SOPClassUID", "1.2.840.10008.5.1.4.1.1.2"));
    assertTrue(UidGrammar.isValid("2.25.0"));
    assertTrue(UidGrammar.isValid(Uids.fromName("a", "b")));
    assertTrue(UidGrammar.isValid("1." + "2".repeat(62)));
  }

  @Test
  void refusesEachBrokenRuleNamingTheField() {
    assertMessage("../../x", "StudyInstanceUID is not a DICOM UID (PS3.5 9.1): it holds a character other than "
        + "digits and dots");
    assertMessage("/tmp/evil", "StudyInstanceUID is not a DICOM UID (PS3.5 9.1): it holds a character other than "
        + "digits and dots");
    assertMessage("1.2 .3", "StudyInstanceUID is not a DICOM UID (PS3.5 9.1): it holds a character other than "
        + "digits and dots");
    assertMessage("1..2", "StudyInstanceUID is not a DICOM UID (PS3.5 9.1): it has an empty component");
    assertMessage("1.2.", "StudyInstanceUID is not a DICOM UID (PS3.5 9.1): it has an empty component");
    assertMessage("1.02", "StudyInstanceUID is not a DICOM UID (PS3.5 9.1): a component of several digits starts "
        + "with 0");
    assertMessage("1." + "2".repeat(63), "StudyInstanceUID is not a DICOM UID (PS3.5 9.1): it has 65 characters, "
        + "more than 64");
    assertMessage("", "StudyInstanceUID is not a DICOM UID (PS3.5 9.1): it is empty");
    assertFalse(UidGrammar.isValid(null));
  }

  @Test
  void neverEchoesTheValue() {
    UnsafeNameException e = assertThrows(UnsafeNameException.class,
        () -> UidGrammar.require("SeriesInstanceUID", "Doe^Jane"));
    assertFalse(e.getMessage().contains("Doe"), e.getMessage());
  }

  private static void assertMessage(String value, String message) {
    assertEquals(message, assertThrows(UnsafeNameException.class,
        () -> UidGrammar.require("StudyInstanceUID", value)).getMessage());
  }
}
