package io.ctpipe.dicom;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A setting whose values are an enum's constants, written in lower case on command lines, in model cards and in the
 * Dataflow template's metadata: the constants are the one list of allowed values, and every message that names them
 * is made from it.
 */
public final class EnumChoices {
  private EnumChoices() {}

  /**
   * The constant named {@code text} in any case (surrounding blanks ignored).
   *
   * @throws IllegalArgumentException "unknown {@code what} 'text'; choose one of [a, b, c]"
   */
  public static <E extends Enum<E>> E parse(Class<E> type, String what, String text) {
    try {
      return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      // no cause: Jackson (Beam's option parser) reports the innermost message, which must be this one
      throw new IllegalArgumentException("unknown " + what + " '" + text + "'; choose one of " + labels(type));
    }
  }

  /** The constants of enum {@code type} as users write them: lower case, in declaration order. */
  public static List<String> labels(Class<?> type) {
    if (!type.isEnum()) {
      throw new IllegalArgumentException(type.getName() + " is not an enum");
    }
    return Arrays.stream(type.getEnumConstants()).map(c -> label((Enum<?>) c)).toList();
  }

  /** One constant as users write it. */
  public static String label(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT);
  }

  /** "a, b or c": the constants of enum {@code type} as a sentence names them. */
  public static String alternatives(Class<?> type) {
    List<String> labels = labels(type);
    int last = labels.size() - 1;
    return last == 0 ? labels.get(0) : String.join(", ", labels.subList(0, last)) + " or " + labels.get(last);
  }
}
