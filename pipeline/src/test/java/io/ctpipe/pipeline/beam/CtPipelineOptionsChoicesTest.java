package io.ctpipe.pipeline.beam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctpipe.dicom.EnumChoices;
import io.ctpipe.dicom.seg.SegmentationTypeChoice;
import io.ctpipe.transforms.fetch.DicomWebAuth;
import io.ctpipe.transforms.qa.QaFileFormat;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.options.PipelineOptions;
import org.junit.jupiter.api.Test;

/**
 * The options that are choices: enums read from the command line in any case, refused with the allowed values named,
 * and the Flex Template's regex made from the same constants.
 */
class CtPipelineOptionsChoicesTest {
  private static final String[] REQUIRED = {"--manifest=m", "--output=o"};

  private static List<Method> choiceGetters() {
    return Arrays.stream(CtPipelineOptions.class.getDeclaredMethods())
        .filter(m -> m.getName().startsWith("get") && m.getReturnType().isEnum()).toList();
  }

  private static CtPipelineOptions parse(String option, String value) {
    return PipelineLauncher.options(REQUIRED[0], REQUIRED[1], "--" + option + "=" + value);
  }

  private static Object value(CtPipelineOptions options, Method getter) throws Exception {
    return getter.invoke(options);
  }

  @Test
  void theSixChoicesAreEnums() {
    Set<String> names = new TreeSet<>();
    choiceGetters().forEach(m -> names.add(FlexTemplateMetadata.optionName(m)));
    assertEquals(Set.of("dicomWebAuth", "precision", "profile", "qaFormat", "runtime", "segType"), names);
  }

  @Test
  void everyConstantMatchesItsRegexAndParsesInTheSpellingsUsersWrite() throws Exception {
    for (Method getter : choiceGetters()) {
      String option = FlexTemplateMetadata.optionName(getter);
      String regex = FlexTemplateMetadata.regex(getter);
      for (Object constant : getter.getReturnType().getEnumConstants()) {
        String label = EnumChoices.label((Enum<?>) constant);
        assertTrue(label.matches(regex), option + ": " + label + " against " + regex);
        for (String spelling : List.of(label, label.toUpperCase(Locale.ROOT), Character.toUpperCase(label.charAt(0))
            + label.substring(1))) {
          assertEquals(constant, value(parse(option, spelling), getter), option + "=" + spelling);
        }
      }
      assertFalse("bogus".matches(regex), option);
      assertFalse("".matches(regex), option);
    }
  }

  @Test
  void aWrongValueFailsNamingTheAllowedValues() {
    for (Method getter : choiceGetters()) {
      String option = FlexTemplateMetadata.optionName(getter);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(option, "bogus"),
          option);
      String allowed = getter.getReturnType() == io.ctpipe.models.card.SpeedProfile.class
          ? "'bogus' is not " + EnumChoices.alternatives(getter.getReturnType())
          : "'bogus'; choose one of " + EnumChoices.labels(getter.getReturnType());
      assertTrue(e.getMessage().contains(allowed), option + ": " + e.getMessage());
    }
    IllegalArgumentException auth = assertThrows(IllegalArgumentException.class,
        () -> parse("dicomWebAuth", "oauth"));
    assertEquals("unknown DICOMweb authentication 'oauth'; choose one of [none, google]", auth.getMessage());
  }

  @Test
  void defaultsAreTheConstantsTheHelpTextNames() {
    CtPipelineOptions defaults = PipelineLauncher.options(REQUIRED);
    assertEquals(QaFileFormat.AVRO, defaults.getQaFormat());
    assertEquals(SegmentationTypeChoice.AUTO, defaults.getSegType());
    assertEquals(DicomWebAuth.Mode.NONE, defaults.getDicomWebAuth());
    assertNull(defaults.getRuntime(), "each card's own");
    assertNull(defaults.getPrecision(), "each card's own");
    assertNull(defaults.getProfile(), "each card's own settings");
  }

  /** Workers get the options as JSON (constant names): they read back as the same constants. */
  @Test
  void choicesSurviveTheTripToTheWorkers() throws Exception {
    CtPipelineOptions sent = PipelineLauncher.options(REQUIRED[0], REQUIRED[1], "--runtime=onednn",
        "--precision=bf16", "--profile=fast", "--segType=labelmap", "--qaFormat=json", "--dicomWebAuth=google");
    ObjectMapper json = new ObjectMapper();
    CtPipelineOptions received = json.readValue(json.writeValueAsString(sent), PipelineOptions.class)
        .as(CtPipelineOptions.class);
    for (Method getter : choiceGetters()) {
      assertEquals(value(sent, getter), value(received, getter), getter.getName());
    }
  }
}
