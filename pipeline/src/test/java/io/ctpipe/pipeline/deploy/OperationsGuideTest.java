package io.ctpipe.pipeline.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctpipe.transforms.manifest.IdcIndexQuery;
import io.ctpipe.transforms.qa.QaTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/operations.md's walk-through from an empty project to a weekly run, checked against the files it uses: every
 * Terraform variable and output it names exists, every template parameter is declared in metadata.json, the files,
 * tables, columns and the scheduler job it names are the real ones, and its trial query returns the columns the
 * index reader takes.
 */
class OperationsGuideTest {
  private static final Path REPO = TerraformJson.REPO;
  private static String guide;
  private static JsonNode tf;
  private static Set<String> parameters;

  @BeforeAll
  static void read() throws Exception {
    String doc = Files.readString(REPO.resolve("docs/operations.md"));
    int start = doc.indexOf("## Google Cloud: from an empty project to a weekly run");
    assertTrue(start >= 0, "docs/operations.md lost its walk-through");
    guide = doc.substring(start, doc.indexOf("\n### ", start));
    tf = TerraformJson.parse();
    parameters = new TreeSet<>();
    new ObjectMapper().readTree(REPO.resolve("runners/dataflow/metadata.json").toFile()).get("parameters")
        .forEach(p -> parameters.add(p.get("name").asText()));
  }

  private static List<String> all(String regex) {
    List<String> found = new ArrayList<>();
    Matcher m = Pattern.compile(regex).matcher(guide);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  private static Set<String> keys(JsonNode node) {
    Set<String> out = new TreeSet<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  @Test
  void terraformVariablesAndOutputsItNamesExist() {
    Set<String> variables = keys(tf.path("variables.tf").path("variable"));
    List<String> used = all("-var ([a-z_]+)=");
    assertTrue(used.containsAll(List.of("project", "bucket_name", "image", "collections")), used.toString());
    for (String v : used) {
      assertTrue(variables.contains(v), "-var " + v + " is not declared in terraform/variables.tf " + variables);
    }
    Set<String> outputs = keys(tf.path("outputs.tf").path("output"));
    List<String> read = all("output -raw ([a-z_]+)");
    assertFalse(read.isEmpty());
    for (String o : read) {
      assertTrue(outputs.contains(o), "terraform output " + o + " is not in terraform/outputs.tf " + outputs);
    }
    List<String> named = all("\\(`([a-z_]+)`");
    assertTrue(named.containsAll(List.of("schedule", "collections", "flexrs_goal")), named.toString());
    for (String v : named) {
      assertTrue(variables.contains(v), "(`" + v + "`) is not declared in terraform/variables.tf " + variables);
    }
  }

  @Test
  void templateParametersItPassesOrNamesAreDeclared() {
    List<String> passed = new ArrayList<>();
    for (String list : all("--parameters '([^']*)'")) {
      String separator = list.startsWith("^~^") ? "~" : ",";
      for (String pair : list.replaceFirst("^\\^~\\^", "").split(separator)) {
        passed.add(pair.substring(0, pair.indexOf('=')));
      }
    }
    assertEquals(List.of("idcQuery", "output", "bigQueryDataset", "segModel"), passed);
    List<String> named = new ArrayList<>(passed);
    named.addAll(all("`(?:--)?([a-z]+[A-Z][A-Za-z]*)(?:=[^`]*)?`"));
    assertTrue(named.containsAll(List.of("skipExisting", "retryFailed", "stowUrl", "dicomWebAuth")), named.toString());
    for (String name : named) {
      assertTrue(parameters.contains(name), name + " is not a template parameter (runners/dataflow/metadata.json)");
    }
  }

  @Test
  void trialQueryReturnsTheColumnsTheIndexReaderTakes() {
    String query = all("idcQuery=([^~]*)~").get(0);
    String expected = new IdcIndexQuery(List.of("nlst"), "CT", null, null, null).sql();
    assertEquals(expected.substring(0, expected.indexOf(" WHERE ")), query.substring(0, query.indexOf(" WHERE ")));
  }

  @Test
  void filesTablesColumnsAndTheSchedulerJobAreTheRealOnes() {
    List<String> files = all("(?:-f|--metadata-file) (\\S+)");
    assertEquals(List.of("runners/dataflow/Dockerfile", "runners/dataflow/metadata.json"), files);
    for (String file : files) {
      assertTrue(Files.isRegularFile(REPO.resolve(file)), file + " does not exist");
    }
    assertEquals(List.of("series_qa", "dead_letters"), all("ctpipe\\.([a-z_]+)`"));
    for (String query : all("bq query --use_legacy_sql=false '([^']*)'")) {
      String table = query.replaceFirst("(?s).*ctpipe\\.([a-z_]+)`.*", "$1");
      Schema schema = QaTable.valueOf(table.toUpperCase(Locale.ROOT)).schema();
      Matcher column = Pattern.compile("(?<![.\\w])([a-z]+_[a-z]+|stage|message)(?![\\w`])").matcher(query);
      while (column.find()) {
        assertTrue(schema.getField(column.group(1)) != null, table + " has no column " + column.group(1));
      }
    }
    String job = tf.path("main.tf").path("resource").path("google_cloud_scheduler_job").path("reprocess").path(0)
        .path("name").asText();
    assertEquals(List.of(job), all("gcloud scheduler jobs run (\\S+)"));
  }
}
