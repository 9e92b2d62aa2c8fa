# Google Cloud resources for ctpipe: storage, QA tables, identity, container repository and scheduled runs.
# The QA table schemas are the ones the pipeline writes (transforms/src/main/resources/io/ctpipe/transforms/qa),
# so tables created here and tables BigQueryIO creates are the same.

locals {
  schema_dir = "${path.module}/../transforms/src/main/resources/io/ctpipe/transforms/qa"
  tables = {
    series_qa     = { partition = "processed_at", clustering = ["collection_id", "series_instance_uid"] }
    slice_qa      = { partition = null, clustering = ["series_instance_uid"] }
    segment_stats = { partition = null, clustering = ["model_id", "label"] }
    dead_letters  = { partition = "attempt_time", clustering = ["stage"] }
  }
  template_spec = "gs://${var.bucket_name}/templates/ctpipe.json"
}

resource "google_project_service" "apis" {
  for_each = toset(["dataflow.googleapis.com", "bigquery.googleapis.com", "artifactregistry.googleapis.com",
  "cloudscheduler.googleapis.com", "storage.googleapis.com", "healthcare.googleapis.com"])
  service            = each.value
  disable_on_destroy = false
}

resource "google_storage_bucket" "ctpipe" {
  name                        = var.bucket_name
  location                    = var.region
  uniform_bucket_level_access = true
  lifecycle_rule {
    condition {
      age            = 7
      matches_prefix = ["tmp/", "staging/"]
    }
    action {
      type = "Delete"
    }
  }
}

resource "google_bigquery_dataset" "qa" {
  dataset_id  = var.dataset_id
  location    = var.region
  description = "ctpipe QA tables: series_qa, slice_qa, segment_stats, dead_letters"
}

resource "google_bigquery_table" "qa" {
  for_each            = local.tables
  dataset_id          = google_bigquery_dataset.qa.dataset_id
  table_id            = each.key
  schema              = jsonencode(jsondecode(file("${local.schema_dir}/${each.key}.bq.json")).fields)
  clustering          = each.value.clustering
  deletion_protection = true
  dynamic "time_partitioning" {
    for_each = each.value.partition == null ? [] : [each.value.partition]
    content {
      type  = "DAY"
      field = time_partitioning.value
    }
  }
}

resource "google_service_account" "worker" {
  account_id   = "ctpipe-worker"
  display_name = "ctpipe Dataflow workers and scheduled launches"
}

resource "google_project_iam_member" "worker" {
  for_each = toset(["roles/dataflow.worker", "roles/dataflow.developer", "roles/bigquery.jobUser",
  "roles/artifactregistry.reader", "roles/healthcare.dicomViewer"])
  project = var.project
  role    = each.value
  member  = "serviceAccount:${google_service_account.worker.email}"
}

resource "google_storage_bucket_iam_member" "worker" {
  bucket = google_storage_bucket.ctpipe.name
  role   = "roles/storage.objectAdmin"
  member = "serviceAccount:${google_service_account.worker.email}"
}

resource "google_bigquery_dataset_iam_member" "worker" {
  dataset_id = google_bigquery_dataset.qa.dataset_id
  role       = "roles/bigquery.dataEditor"
  member     = "serviceAccount:${google_service_account.worker.email}"
}

# The scheduler's identity may act as the worker account when it launches jobs.
resource "google_service_account_iam_member" "act_as_worker" {
  service_account_id = google_service_account.worker.name
  role               = "roles/iam.serviceAccountUser"
  member             = "serviceAccount:${google_service_account.worker.email}"
}

resource "google_artifact_registry_repository" "images" {
  location      = var.region
  repository_id = "ctpipe"
  format        = "DOCKER"
  description   = "ctpipe Flex Template images"
}

# Scheduled re-processing: launch the Flex Template with --skipExisting, so only new or changed series
# (a new crdc_series_uuid, a new model version or settings) are processed.
resource "google_cloud_scheduler_job" "reprocess" {
  count     = var.schedule != "" && var.image != "" && var.manifest != "" ? 1 : 0
  name      = "ctpipe-reprocess"
  region    = var.region
  schedule  = var.schedule
  time_zone = "Etc/UTC"

  http_target {
    http_method = "POST"
    uri         = "https://dataflow.googleapis.com/v1b3/projects/${var.project}/locations/${var.region}/flexTemplates:launch"
    headers     = { "Content-Type" = "application/json" }
    body = base64encode(jsonencode({
      launchParameter = {
        jobName                  = "ctpipe-reprocess"
        containerSpecGcsPath     = local.template_spec
        parameters = {
          manifest        = var.manifest
          output          = "gs://${var.bucket_name}/output"
          segModel        = var.seg_models
          bigQueryDataset = "${var.project}:${var.dataset_id}"
          skipExisting    = "true"
        }
        environment = {
          serviceAccountEmail = google_service_account.worker.email
          tempLocation        = "gs://${var.bucket_name}/tmp"
          maxWorkers          = var.max_workers
        }
      }
    }))
    oauth_token {
      service_account_email = google_service_account.worker.email
      scope                 = "https://www.googleapis.com/auth/cloud-platform"
    }
  }
  depends_on = [google_project_service.apis]
}
