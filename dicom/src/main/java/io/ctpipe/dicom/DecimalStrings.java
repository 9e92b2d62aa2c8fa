package io.ctpipe.dicom;

import java.math.BigDecimal;
import java.math.MathContext;

/** Formats numbers as DICOM decimal strings (DS): at most 16 characters, no exponent unless needed. */
public final class DecimalStrings {
  private static final int MAX_LENGTH = 16;

  private DecimalStrings() {}

  public static String format(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("a decimal string cannot hold " + value);
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    for (int digits = 16; digits > 0; digits--) {
      BigDecimal rounded = new BigDecimal(value).round(new MathContext(digits)).stripTrailingZeros();
      String plain = rounded.toPlainString();
      if (plain.length() <= MAX_LENGTH) {
        return plain;
      }
      String scientific = rounded.toString();
      if (scientific.length() <= MAX_LENGTH) {
        return scientific;
      }
    }
    throw new IllegalArgumentException("cannot write " + value + " in 16 characters");
  }
}
