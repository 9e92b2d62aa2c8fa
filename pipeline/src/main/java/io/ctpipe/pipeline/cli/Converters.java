package io.ctpipe.pipeline.cli;

import picocli.CommandLine;

/** Parsers for option values such as {@code 256x256x200} and {@code 1.5,1.5,2.0}. */
final class Converters {
  private Converters() {}

  /** Three integers (picocli would treat a bare int[] option as repeatable). */
  record IntTriple(int[] values) {}

  /** Three numbers. */
  record DoubleTriple(double[] values) {}

  /** Three positive integers separated by 'x'. */
  static final class Dims implements CommandLine.ITypeConverter<IntTriple> {
    @Override
    public IntTriple convert(String value) {
      String[] parts = value.toLowerCase().split("x");
      if (parts.length != 3) {
        throw new CommandLine.TypeConversionException("expected COLUMNSxROWSxSLICES such as 256x256x200, got '"
            + value + "'");
      }
      int[] out = new int[3];
      for (int i = 0; i < 3; i++) {
        try {
          out[i] = Integer.parseInt(parts[i].trim());
        } catch (NumberFormatException e) {
          throw new CommandLine.TypeConversionException("'" + parts[i] + "' in '" + value + "' is not a number");
        }
        if (out[i] <= 0) {
          throw new CommandLine.TypeConversionException("dimensions must be positive, got '" + value + "'");
        }
      }
      return new IntTriple(out);
    }
  }

  /** Three positive numbers separated by commas. */
  static final class Spacing implements CommandLine.ITypeConverter<DoubleTriple> {
    @Override
    public DoubleTriple convert(String value) {
      String[] parts = value.split(",");
      if (parts.length != 3) {
        throw new CommandLine.TypeConversionException("expected X,Y,Z in mm such as 1.5,1.5,2.0, got '" + value
            + "'");
      }
      double[] out = new double[3];
      for (int i = 0; i < 3; i++) {
        try {
          out[i] = Double.parseDouble(parts[i].trim());
        } catch (NumberFormatException e) {
          throw new CommandLine.TypeConversionException("'" + parts[i] + "' in '" + value + "' is not a number");
        }
        if (!(out[i] > 0)) {
          throw new CommandLine.TypeConversionException("spacing must be positive, got '" + value + "'");
        }
      }
      return new DoubleTriple(out);
    }
  }
}
