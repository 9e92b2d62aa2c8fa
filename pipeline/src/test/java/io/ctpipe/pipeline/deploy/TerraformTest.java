package io.ctpipe.pipeline.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctpipe.transforms.process.OutputFiles;
import io.ctpipe.transforms.qa.QaTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * terraform/*.tf parsed with @cdktf/hcl2json (installed by .ci/run): the structure a first apply needs — APIs
 * enabled before anything uses them, least-privilege roles per service account, the QA tables' schemas from the
 * committed JSON and partitioning, the dataset in IDC's location, a bounded provider version — and state files
 * kept out of git.
 */
class TerraformTest {
  private static final Path REPO = TerraformJson.REPO;
  private static final String APIS = "${google_project_service.apis}";
  private static JsonNode tf;

  @BeforeAll
  static void parse() throws Exception {
    tf = TerraformJson.parse();
  }

  private static JsonNode resource(String type, String name) {
    JsonNode r = tf.path("main.tf").path("resource").path(type).path(name).path(0);
    assertFalse(r.isMissingNode(), "main.tf has no " + type + "." + name);
    return r;
  }

  @Test
  void everyApiIsEnabledBeforeTheResourcesThatUseIt() {
    String apis = resource("google_project_service", "apis").path("for_each").asText();
    for (String api : List.of("dataflow", "bigquery", "artifactregistry", "cloudscheduler", "storage", "iam",
        "cloudresourcemanager")) {
      assertTrue(apis.contains("\"" + api + ".googleapis.com\""), api + " is not enabled: " + apis);
    }
    for (String[] r : new String[][] {{"google_storage_bucket", "ctpipe"}, {"google_bigquery_dataset", "qa"},
        {"google_service_account", "worker"}, {"google_service_account", "launcher"},
        {"google_artifact_registry_repository", "images"}, {"google_cloud_scheduler_job", "reprocess"}}) {
      assertTrue(resource(r[0], r[1]).path("depends_on").toString().contains(APIS), r[0] + "." + r[1]
          + " does not wait for the APIs");
    }
  }

  @Test
  void serviceAccountsHaveLeastPrivilege() {
    String workerRoles = resource("google_project_iam_member", "worker").path("for_each").asText();
    assertEquals(Set.of("roles/dataflow.worker", "roles/bigquery.jobUser", "roles/artifactregistry.reader"),
        roles(workerRoles), "worker project roles");
    assertEquals("roles/dataflow.developer", resource("google_project_iam_member", "launcher").path("role").asText());
    JsonNode actAs = resource("google_service_account_iam_member", "launcher_acts_as_worker");
    assertEquals("roles/iam.serviceAccountUser", actAs.path("role").asText());
    assertTrue(actAs.path("member").asText().contains("google_service_account.launcher"));
    assertTrue(actAs.path("service_account_id").asText().contains("google_service_account.worker"));
    assertEquals("roles/bigquery.dataEditor", resource("google_bigquery_dataset_iam_member", "worker").path("role")
        .asText());
    JsonNode dicom = resource("google_healthcare_dicom_store_iam_member", "worker");
    assertEquals("${google_project_iam_custom_role.dicom_writer[0].name}", dicom.path("role").asText());
    assertEquals(List.of("healthcare.dicomStores.dicomWebWrite"), List.of(resource("google_project_iam_custom_role",
        "dicom_writer").path("permissions").path(0).asText()), "storing SEGs needs STOW-RS and nothing else");
    assertTrue(dicom.path("count").asText().contains("var.dicom_store == \"\" ? 0 : 1"), "only with a store");
    JsonNode job = resource("google_cloud_scheduler_job", "reprocess");
    assertTrue(job.toString().contains("google_service_account.launcher.email"), "the scheduler launches as the "
        + "launcher");
  }

  @Test
  void bucketRightsAreScopedByPrefixAndTheBucketIsNeverPublic() {
    assertEquals("enforced", resource("google_storage_bucket", "ctpipe").path("public_access_prevention").asText());
    JsonNode grants = tf.path("main.tf").path("locals").path(0).path("worker_object_grants");
    for (String[] grant : new String[][] {{"output", "roles/storage.objectAdmin", "output/"},
        {"tmp", "roles/storage.objectAdmin", "tmp/"}, {"staging", "roles/storage.objectAdmin", "staging/"},
        {"manifests", "roles/storage.objectViewer", "manifests/"}, {"models", "roles/storage.objectViewer", "models/"},
        {"templates", "roles/storage.objectViewer", "templates/"}}) {
      assertEquals(grant[1], grants.path(grant[0]).path("role").asText(), grant[0]);
      assertEquals(grant[2], grants.path(grant[0]).path("prefix").asText(), grant[0]);
    }
    assertEquals(6, grants.size(), "no other bucket right for the worker");
    JsonNode worker = resource("google_storage_bucket_iam_member", "worker");
    assertEquals("${local.worker_object_grants}", worker.path("for_each").asText());
    String expression = worker.path("condition").path(0).path("expression").asText();
    assertTrue(expression.contains("resource.name.startsWith(\"projects/_/buckets/${var.bucket_name}/objects/"
        + "${each.value.prefix}\")"), expression);
    assertTrue(expression.contains("storage.googleapis.com/objectListPrefix"), "listings limited too: " + expression);
    JsonNode launcher = resource("google_storage_bucket_iam_member", "launcher");
    assertEquals("roles/storage.objectViewer", launcher.path("role").asText());
    assertEquals("resource.name.startsWith(\"projects/_/buckets/${var.bucket_name}/objects/templates/\")",
        launcher.path("condition").path(0).path("expression").asText(), "the launcher cannot read SEGs");
  }

  @Test
  void workersHaveNoPublicIpAndReachGoogleApisPrivately() {
    String job = resource("google_cloud_scheduler_job", "reprocess").toString();
    assertTrue(job.matches("(?s).*ipConfiguration\\s+=\\s+\\\\\"WORKER_IP_PRIVATE\\\\\".*"), job);
    assertTrue(job.matches("(?s).*subnetwork\\s+=\\s+local\\.subnetwork.*"), job);
    assertTrue(resource("google_compute_subnetwork", "workers").path("private_ip_google_access").asBoolean());
    assertEquals("${var.subnetwork != \"\" ? var.subnetwork : google_compute_subnetwork.workers[0].self_link}",
        tf.path("main.tf").path("locals").path(0).path("subnetwork").asText());
    assertTrue(resource("google_compute_router_nat", "workers").path("count").asText().contains("var.enable_nat"));
  }

  private static Set<String> roles(String forEach) {
    Set<String> out = new TreeSet<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("roles/[A-Za-z.]+").matcher(forEach);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  @Test
  void qaTablesUseTheCommittedSchemasAndAreAllPartitioned() throws Exception {
    JsonNode tables = tf.path("main.tf").path("locals").path(0).path("tables");
    Set<String> names = new TreeSet<>();
    tables.fieldNames().forEachRemaining(names::add);
    Set<String> expected = new TreeSet<>();
    for (QaTable t : QaTable.values()) {
      expected.add(t.tableName());
      assertTrue(Files.isRegularFile(REPO.resolve("transforms/src/main/resources/io/ctpipe/transforms/qa/"
          + t.tableName() + ".bq.json")));
      assertTrue(tables.path(t.tableName()).path("partition").isTextual(), t.tableName() + " is not partitioned");
    }
    assertEquals(expected, names);
    JsonNode table = resource("google_bigquery_table", "qa");
    assertTrue(table.path("schema").asText().contains("${local.schema_dir}/${each.key}.bq.json"),
        table.path("schema").asText());
    assertEquals("${path.module}/../transforms/src/main/resources/io/ctpipe/transforms/qa",
        tf.path("main.tf").path("locals").path(0).path("schema_dir").asText());
  }

  @Test
  void datasetSitsWithIdcsTablesAndTheProviderVersionIsBounded() {
    assertEquals("${var.dataset_location}", resource("google_bigquery_dataset", "qa").path("location").asText());
    assertEquals("US", tf.path("variables.tf").path("variable").path("dataset_location").path(0).path("default")
        .asText());
    String version = tf.path("versions.tf").path("terraform").path(0).path("required_providers").path(0)
        .path("google").path("version").asText();
    assertTrue(version.contains("<"), "provider pinned below a major version: " + version);
    JsonNode environment = resource("google_cloud_scheduler_job", "reprocess");
    assertTrue(environment.toString().contains("collections = var.collections"), "the schedule reads IDC's index");
    for (String setting : List.of("machineType", "diskSizeGb", "maxWorkers", "subnetwork", "flexrsGoal")) {
      assertTrue(environment.toString().contains(setting), "the scheduled launch sets " + setting);
    }
  }

  @Test
  void leftoverTemporaryFilesExpire() {
    JsonNode rule = resource("google_storage_bucket", "ctpipe").path("lifecycle_rule").path(0);
    assertEquals("Delete", rule.path("action").path(0).path("type").asText());
    Set<String> prefixes = new TreeSet<>();
    rule.path("condition").path(0).path("matches_prefix").forEach(p -> prefixes.add(p.asText()));
    String output = resource("google_cloud_scheduler_job", "reprocess").toString()
        .replaceFirst("(?s).*output\\s+=\\s+\\\\\"gs://\\$\\{var\\.bucket_name\\}/([a-z]+)\\\\\".*", "$1");
    assertEquals(Set.of("tmp/", "staging/", output + "/" + OutputFiles.TEMPORARY_FOLDER), prefixes, "Dataflow's files "
        + "and the scheduled job's unfinished writes (OutputFiles writes through them) expire");
  }

  @Test
  void theWeeklyJobRunsOnFlexRsUnlessToldOtherwise() {
    JsonNode flexrs = tf.path("variables.tf").path("variable").path("flexrs_goal").path(0);
    assertEquals("FLEXRS_COST_OPTIMIZED", flexrs.path("default").asText());
    String condition = flexrs.path("validation").path(0).path("condition").asText();
    for (String goal : List.of("FLEXRS_COST_OPTIMIZED", "FLEXRS_SPEED_OPTIMIZED", "FLEXRS_UNSPECIFIED")) {
      assertTrue(condition.contains("\"" + goal + "\""), "the variable accepts " + goal + ": " + condition);
    }
    assertTrue(resource("google_cloud_scheduler_job", "reprocess").toString().matches(
        "(?s).*flexrsGoal\\s+=\\s+var\\.flexrs_goal.*"), "the scheduled launch passes the goal");
  }

  @Test
  void terraformStateIsNotCommitted() throws Exception {
    String ignore = Files.readString(REPO.resolve(".gitignore"));
    for (String pattern : List.of(".terraform/", "*.tfstate", "*.tfstate.*")) {
      assertTrue(ignore.lines().anyMatch(pattern::equals), ".gitignore lacks " + pattern);
    }
    assertNotNull(tf.path("outputs.tf").path("output").path("launcher_service_account").path(0));
  }
}
