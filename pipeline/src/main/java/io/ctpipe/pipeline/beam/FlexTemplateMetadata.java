package io.ctpipe.pipeline.beam;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctpipe.dicom.EnumChoices;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Validation;

/**
 * The Dataflow Flex Template's {@code metadata.json}, made from {@link CtPipelineOptions}: every option of ctpipe's
 * own, with its description and default as help text, required when the option is, and a validation regex from its
 * {@link TemplateRegex} or its type (an enum's: its constants in lower case, as users write them).
 * {@code runners/dataflow/metadata.json} is this output; a test keeps them equal.
 * Regenerate with {@code java -cp pipeline/target/ctpipe.jar io.ctpipe.pipeline.beam.FlexTemplateMetadata
 * runners/dataflow/metadata.json}.
 */
public final class FlexTemplateMetadata {
  private FlexTemplateMetadata() {}

  public static void main(String[] args) throws IOException {
    Files.writeString(Path.of(args[0]), generate());
  }

  /** The metadata as the committed file holds it (two-space indented JSON, one parameter per block). */
  public static String generate() throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    root.put("name", "ctpipe");
    root.put("description", "CT segmentation (DICOM SEG) and CT QA (body part regression, geometry) over IDC "
        + "manifests; QA tables in BigQuery or files.");
    root.put("streaming", false);
    ArrayNode parameters = root.putArray("parameters");
    for (Method getter : getters()) {
      String name = optionName(getter);
      ObjectNode p = parameters.addObject();
      p.put("name", name);
      p.put("label", label(name));
      p.put("helpText", getter.getAnnotation(Description.class).value() + defaultText(getter));
      p.put("isOptional", getter.getAnnotation(Validation.Required.class) == null);
      String regex = regex(getter);
      if (regex != null) {
        p.putArray("regexes").add(regex);
      }
    }
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withObjectIndenter(
        new DefaultIndenter("  ", "\n"));
    return json.writer(printer).writeValueAsString(root) + "\n";
  }

  /** ctpipe's own options (not Beam's), required ones first, then by name. */
  private static List<Method> getters() {
    return Arrays.stream(CtPipelineOptions.class.getDeclaredMethods())
        .filter(m -> m.getName().startsWith("get") && m.getParameterCount() == 0)
        .filter(m -> m.getAnnotation(Description.class) != null)
        .sorted(Comparator.comparing((Method m) -> m.getAnnotation(Validation.Required.class) == null)
            .thenComparing(FlexTemplateMetadata::optionName))
        .toList();
  }

  static String optionName(Method getter) {
    String bare = getter.getName().substring(3);
    return Character.toLowerCase(bare.charAt(0)) + bare.substring(1);
  }

  /** "maxSeriesBytes" → "Max series bytes". */
  private static String label(String name) {
    String words = name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  private static String defaultText(Method getter) {
    for (java.lang.annotation.Annotation a : getter.getAnnotations()) {
      if (a.annotationType().getEnclosingClass() == Default.class) {
        try {
          Object value = a.annotationType().getMethod("value").invoke(a);
          // an enum's default is a constant's name; users write it in lower case
          return " (default: " + (a instanceof Default.Enum ? value.toString().toLowerCase(Locale.ROOT) : value)
              + ")";
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return "";
  }

  static String regex(Method getter) {
    TemplateRegex explicit = getter.getAnnotation(TemplateRegex.class);
    if (explicit != null) {
      return explicit.value();
    }
    Class<?> type = getter.getReturnType();
    if (type.isEnum()) {
      return "^(" + String.join("|", EnumChoices.labels(type)) + ")$";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "^(true|false)$";
    }
    if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
      return "^[0-9]+$";
    }
    return null;
  }
}
