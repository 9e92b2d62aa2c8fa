package io.ctpipe.pipeline.command;

import io.ctpipe.models.card.SpeedProfile;
import io.ctpipe.models.tiling.Accumulation;
import picocli.CommandLine;

/**
 * The option-value parsers of the user commands and the benchmarks: {@code 256x256x200}, {@code 1.5,1.5,2.0},
 * profile names and accumulation names.
 */
public final class Converters {
  private Converters() {}

  /** Three integers (picocli would treat a bare int[] option as repeatable). */
  public record IntTriple(int[] values) {}

  /** Three numbers. */
  public record DoubleTriple(double[] values) {}

  /** Three positive integers separated by 'x'. */
  public static final class Dims implements CommandLine.ITypeConverter<IntTriple> {
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
  public static final class Spacing implements CommandLine.ITypeConverter<DoubleTriple> {
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

  /** Parses profile names. */
  public static final class ProfileConverter implements CommandLine.ITypeConverter<SpeedProfile> {
    @Override
    public SpeedProfile convert(String value) {
      try {
        return SpeedProfile.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  /** Parses accumulation names with dashes. */
  public static final class AccumulationConverter implements CommandLine.ITypeConverter<Accumulation> {
    @Override
    public Accumulation convert(String value) {
      try {
        return Accumulation.valueOf(value.trim().toUpperCase().replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException("expected full, streaming, streaming-fp16 or topk, got '"
            + value + "'");
      }
    }
  }
}
