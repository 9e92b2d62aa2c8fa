package io.ctpipe.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ValueFormatsTest {
  @Test
  void decimalStringsFitSixteenCharacters() {
    assertEquals("2", DecimalStrings.format(2.0));
    assertEquals("-249.51171875", DecimalStrings.format(-249.51171875));
    assertEquals("0.33333333333333", DecimalStrings.format(1.0 / 3));
    assertEquals("-0.3333333333333", DecimalStrings.format(-1.0 / 3));
    assertTrue(DecimalStrings.format(1.234567890123e-20).length() <= 16);
    assertEquals(1.234567890123e-20, Double.parseDouble(DecimalStrings.format(1.234567890123e-20)), 1e-30);
    assertThrows(IllegalArgumentException.class, () -> DecimalStrings.format(Double.NaN));
  }

  @Test
  void uidsAreDeterministicAndValid() {
    String a = Uids.fromName("series", "model", "1.0");
    assertEquals(a, Uids.fromName("series", "model", "1.0"));
    assertNotEquals(a, Uids.fromName("series", "model", "1.1"));
    assertNotEquals(Uids.fromName("ab", "c"), Uids.fromName("a", "bc"), "parts are separated");
    assertTrue(a.matches("2\\.25\\.[1-9][0-9]*"), a);
    assertTrue(a.length() <= 64, a);
  }
}
