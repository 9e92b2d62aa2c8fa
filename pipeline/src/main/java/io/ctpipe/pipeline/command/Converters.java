package io.ctpipe.pipeline.command;

import io.ctpipe.models.bpr.SliceScorer;
import io.ctpipe.models.card.SpeedProfile;
import io.ctpipe.models.runtime.InferenceOverrides;
import io.ctpipe.models.tiling.Accumulation;
import io.ctpipe.models.tiling.BlendMode;
import io.ctpipe.models.tiling.TilingOptions;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import picocli.CommandLine;

/**
 * The option-value parsers of the user commands and the benchmarks: {@code 256x256x200}, {@code 1.5,1.5,2.0},
 * profile names, accumulation names, and numbers checked by the rules of the code that uses them (the sliding-window
 * settings by {@link TilingOptions}', threads, body part regression batches), so that a bad value is refused while
 * the command line is parsed, before any file is read.
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

  /**
   * Applies sliding-window settings to options of no model, which checks them by {@link TilingOptions}' rules.
   *
   * @throws IllegalArgumentException with the rule's message when a setting or combination is refused
   */
  public static void checkTiling(UnaryOperator<TilingOptions> settings) {
    settings.apply(TilingOptions.of(new int[] {1, 1, 1}, 0, BlendMode.GAUSSIAN));
  }

  /**
   * A number parsed and checked by the rule the code that uses it applies: picocli refuses a bad value with that
   * rule's message before the command reads a card or a CT.
   */
  private abstract static class CheckedNumber<T> implements CommandLine.ITypeConverter<T> {
    private final Function<String, T> parse;
    private final Consumer<T> rule;

    CheckedNumber(Function<String, T> parse, Consumer<T> rule) {
      this.parse = parse;
      this.rule = rule;
    }

    @Override
    public T convert(String text) {
      T value;
      try {
        value = parse.apply(text.trim());
      } catch (NumberFormatException e) {
        throw new CommandLine.TypeConversionException("'" + text + "' is not a number");
      }
      try {
        rule.accept(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
      return value;
    }
  }

  /** A sliding-window setting checked by the rule {@link TilingOptions} applies to it, on a window of no model. */
  private abstract static class TilingSetting<T> extends CheckedNumber<T> {
    TilingSetting(Function<String, T> parse, BiFunction<TilingOptions, T, TilingOptions> apply) {
      super(parse, value -> checkTiling(options -> apply.apply(options, value)));
    }
  }

  /** A window overlap in [0, 1). */
  public static final class Overlap extends TilingSetting<Double> {
    public Overlap() {
      super(Double::valueOf, TilingOptions::withOverlap);
    }
  }

  /** Windows per network call, at least 1. */
  public static final class Batch extends TilingSetting<Integer> {
    public Batch() {
      super(Integer::valueOf, TilingOptions::withBatch);
    }
  }

  /** Class sums kept per voxel by top-k accumulation. */
  public static final class TopK extends TilingSetting<Integer> {
    public TopK() {
      super(Integer::valueOf, TilingOptions::withTopK);
    }
  }

  /** ONNX Runtime intra-op threads, at least 1. */
  public static final class Threads extends CheckedNumber<Integer> {
    public Threads() {
      super(Integer::valueOf, InferenceOverrides::requireThreads);
    }
  }

  /** Slices per body part regression network call, at least 1. */
  public static final class SliceBatch extends CheckedNumber<Integer> {
    public SliceBatch() {
      super(Integer::valueOf, SliceScorer::requireBatch);
    }
  }

  /** 0 (the whole plane) or the side of a plane tile in voxels. */
  public static final class PlaneTile extends TilingSetting<Integer> {
    public PlaneTile() {
      super(Integer::valueOf, TilingOptions::withPlaneTile);
    }
  }
}
