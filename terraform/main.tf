# Google Cloud resources for ctpipe: storage, QA tables, identity, container repository and scheduled runs.
# The QA table schemas are the ones the pipeline writes (transforms/src/main/resources/io/ctpipe/transforms/qa),
# so tables created here and tables BigQueryIO creates are the same.

locals {
  schema_dir = "${path.module}/../transforms/src/main/resources/io/ctpipe/transforms/qa"
  tables = {
    series_qa     = { partition = "processed_at", clustering = ["collection_id", "series_instance_uid"] }
    slice_qa      = { partition = "_INGESTION", clustering = ["series_instance_uid"] } # the largest table; no time column
    segment_stats = { partition = "_INGESTION", clustering = ["model_id", "label"] }
    dead_letters  = { partition = "attempt_time", clustering = ["stage"] }
  }
  template_spec = "gs://${var.bucket_name}/templates/ctpipe.json"
}

# Every resource below depends on these: the first apply would otherwise race the APIs being enabled.
resource "google_project_service" "apis" {
  for_each = toset(["dataflow.googleapis.com", "bigquery.googleapis.com", "artifactregistry.googleapis.com",
    "cloudscheduler.googleapis.com", "storage.googleapis.com", "healthcare.googleapis.com", "iam.googleapis.com",
  "cloudresourcemanager.googleapis.com", "compute.googleapis.com"])
  service            = each.value
  disable_on_destroy = false
}

resource "google_storage_bucket" "ctpipe" {
  name                        = var.bucket_name
  location                    = var.region
  uniform_bucket_level_access = true
  depends_on                  = [google_project_service.apis]
  lifecycle_rule {
    condition {
      age            = 7
      # Dataflow's temp and staging files, and the scheduled job's unfinished writes (a killed worker's partial file
      # in output/_ctpipe/tmp/; finished writes are renamed out of it)
      matches_prefix = ["tmp/", "staging/", "output/_ctpipe/tmp/"]
    }
    action {
      type = "Delete"
    }
  }
}

resource "google_bigquery_dataset" "qa" {
  dataset_id  = var.dataset_id
  location    = var.dataset_location
  description = "ctpipe QA tables: series_qa, slice_qa, segment_stats, dead_letters"
  depends_on  = [google_project_service.apis]
}

resource "google_bigquery_table" "qa" {
  for_each            = local.tables
  dataset_id          = google_bigquery_dataset.qa.dataset_id
  table_id            = each.key
  schema              = jsonencode(jsondecode(file("${local.schema_dir}/${each.key}.bq.json")).fields)
  clustering          = each.value.clustering
  deletion_protection = true
  dynamic "time_partitioning" {
    for_each = [each.value.partition]
    content {
      type  = "DAY"
      field = time_partitioning.value == "_INGESTION" ? null : time_partitioning.value
    }
  }
}

# Two identities with least privilege: the launcher (Cloud Scheduler) only starts jobs that run as the worker.
resource "google_service_account" "worker" {
  account_id   = "ctpipe-worker"
  display_name = "ctpipe Dataflow workers"
  depends_on   = [google_project_service.apis]
}

resource "google_service_account" "launcher" {
  account_id   = "ctpipe-launcher"
  display_name = "ctpipe scheduled launches (Cloud Scheduler)"
  depends_on   = [google_project_service.apis]
}

resource "google_project_iam_member" "worker" {
  for_each = toset(["roles/dataflow.worker", "roles/bigquery.jobUser", "roles/artifactregistry.reader"])
  project  = var.project
  role     = each.value
  member   = "serviceAccount:${google_service_account.worker.email}"
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

# Storing SEGs needs dicomEditor on that store only, and only when one is given.
resource "google_healthcare_dicom_store_iam_member" "worker" {
  count          = var.dicom_store == "" ? 0 : 1
  dicom_store_id = var.dicom_store
  role           = "roles/healthcare.dicomEditor"
  member         = "serviceAccount:${google_service_account.worker.email}"
}

resource "google_project_iam_member" "launcher" {
  project = var.project
  role    = "roles/dataflow.developer"
  member  = "serviceAccount:${google_service_account.launcher.email}"
}

# The launcher may start jobs that run as the worker, and read the template spec.
resource "google_service_account_iam_member" "launcher_acts_as_worker" {
  service_account_id = google_service_account.worker.name
  role               = "roles/iam.serviceAccountUser"
  member             = "serviceAccount:${google_service_account.launcher.email}"
}

resource "google_storage_bucket_iam_member" "launcher" {
  bucket = google_storage_bucket.ctpipe.name
  role   = "roles/storage.objectViewer"
  member = "serviceAccount:${google_service_account.launcher.email}"
}

resource "google_artifact_registry_repository" "images" {
  location      = var.region
  repository_id = "ctpipe"
  format        = "DOCKER"
  description   = "ctpipe Flex Template images"
  depends_on    = [google_project_service.apis]
}

# Scheduled re-processing: launch the Flex Template with --skipExisting, so only new or changed series
# (a new crdc_series_uuid, a new model version or settings) are processed.
resource "google_cloud_scheduler_job" "reprocess" {
  count     = var.schedule != "" && var.image != "" && (var.manifest != "" || var.collections != "") ? 1 : 0
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
        # the cohort: IDC's BigQuery index (new releases are picked up; --skipExisting keeps only new or revised
        # series), or a fixed manifest
        parameters = merge(var.collections != "" ? { collections = var.collections } : { manifest = var.manifest }, {
          output          = "gs://${var.bucket_name}/output"
          segModel        = var.seg_models
          bigQueryDataset = "${var.project}:${var.dataset_id}"
          skipExisting    = "true"
        })
        environment = {
          serviceAccountEmail = google_service_account.worker.email
          tempLocation        = "gs://${var.bucket_name}/tmp"
          maxWorkers          = var.max_workers
          machineType         = var.machine_type
          diskSizeGb          = var.disk_size_gb
          flexrsGoal          = var.flexrs_goal
          subnetwork          = var.subnetwork == "" ? null : var.subnetwork
        }
      }
    }))
    oauth_token {
      service_account_email = google_service_account.launcher.email
      scope                 = "https://www.googleapis.com/auth/cloud-platform"
    }
  }
  depends_on = [google_project_service.apis]
}
