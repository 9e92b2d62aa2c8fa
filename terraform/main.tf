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
  # The worker's object rights, each limited to one prefix of the bucket by an IAM condition (a listing counts as
  # inside the prefix when it asks for that prefix): what it writes (the scheduled job's output, Dataflow's temp and
  # staging files), and what it only reads (manifests, model cards, the template spec).
  worker_object_grants = {
    output    = { role = "roles/storage.objectAdmin", prefix = "output/" }
    tmp       = { role = "roles/storage.objectAdmin", prefix = "tmp/" }
    staging   = { role = "roles/storage.objectAdmin", prefix = "staging/" }
    manifests = { role = "roles/storage.objectViewer", prefix = "manifests/" }
    models    = { role = "roles/storage.objectViewer", prefix = "models/" }
    templates = { role = "roles/storage.objectViewer", prefix = "templates/" }
  }
  # Workers have no public IP: a subnetwork of ours with Private Google Access unless one is given.
  subnetwork = var.subnetwork != "" ? var.subnetwork : google_compute_subnetwork.workers[0].self_link
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
  public_access_prevention    = "enforced"
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
  for_each = local.worker_object_grants
  bucket   = google_storage_bucket.ctpipe.name
  role     = each.value.role
  member   = "serviceAccount:${google_service_account.worker.email}"
  condition {
    title       = "ctpipe-worker-${each.key}"
    description = "objects below ${each.value.prefix} only"
    expression  = "resource.name.startsWith(\"projects/_/buckets/${var.bucket_name}/objects/${each.value.prefix}\") || api.getAttribute(\"storage.googleapis.com/objectListPrefix\", \"\").startsWith(\"${each.value.prefix}\")"
  }
}

resource "google_bigquery_dataset_iam_member" "worker" {
  dataset_id = google_bigquery_dataset.qa.dataset_id
  role       = "roles/bigquery.dataEditor"
  member     = "serviceAccount:${google_service_account.worker.email}"
}

# Storing SEGs (STOW-RS) needs one permission on that store only, and only when one is given: a custom role holding
# just healthcare.dicomStores.dicomWebWrite (no reading, searching or deleting instances).
resource "google_project_iam_custom_role" "dicom_writer" {
  count       = var.dicom_store == "" ? 0 : 1
  role_id     = "ctpipeDicomWebWriter"
  title       = "ctpipe DICOMweb writer"
  description = "STOW-RS into a DICOM store, nothing else"
  permissions = ["healthcare.dicomStores.dicomWebWrite"]
  depends_on  = [google_project_service.apis]
}

resource "google_healthcare_dicom_store_iam_member" "worker" {
  count          = var.dicom_store == "" ? 0 : 1
  dicom_store_id = var.dicom_store
  role           = google_project_iam_custom_role.dicom_writer[0].name
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

# The launcher reads the template spec and nothing else of the bucket (no SEG, no result, no manifest).
resource "google_storage_bucket_iam_member" "launcher" {
  bucket = google_storage_bucket.ctpipe.name
  role   = "roles/storage.objectViewer"
  member = "serviceAccount:${google_service_account.launcher.email}"
  condition {
    title       = "ctpipe-launcher-templates"
    description = "the Flex Template spec only"
    expression  = "resource.name.startsWith(\"projects/_/buckets/${var.bucket_name}/objects/templates/\")"
  }
}

# Workers without public IPs reach Google APIs (Cloud Storage, BigQuery, the Healthcare API, IDC's public buckets)
# through Private Google Access; DICOMweb servers outside Google need Cloud NAT (enable_nat).
resource "google_compute_network" "workers" {
  count                   = var.subnetwork == "" ? 1 : 0
  name                    = "ctpipe-workers"
  auto_create_subnetworks = false
  depends_on              = [google_project_service.apis]
}

resource "google_compute_subnetwork" "workers" {
  count                    = var.subnetwork == "" ? 1 : 0
  name                     = "ctpipe-workers"
  region                   = var.region
  network                  = google_compute_network.workers[0].id
  ip_cidr_range            = var.subnet_cidr
  private_ip_google_access = true
}

# Dataflow workers exchange data with each other on these ports, and only with each other.
resource "google_compute_firewall" "workers_internal" {
  count       = var.subnetwork == "" ? 1 : 0
  name        = "ctpipe-dataflow-internal"
  network     = google_compute_network.workers[0].id
  direction   = "INGRESS"
  source_tags = ["dataflow"]
  target_tags = ["dataflow"]
  allow {
    protocol = "tcp"
    ports    = ["12345-12346"]
  }
}

resource "google_compute_router" "workers" {
  count   = var.subnetwork == "" && var.enable_nat ? 1 : 0
  name    = "ctpipe-workers"
  region  = var.region
  network = google_compute_network.workers[0].id
}

resource "google_compute_router_nat" "workers" {
  count                              = var.subnetwork == "" && var.enable_nat ? 1 : 0
  name                               = "ctpipe-workers"
  router                             = google_compute_router.workers[0].name
  region                             = var.region
  nat_ip_allocate_option             = "AUTO_ONLY"
  source_subnetwork_ip_ranges_to_nat = "ALL_SUBNETWORKS_ALL_IP_RANGES"
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
          stagingLocation     = "gs://${var.bucket_name}/staging"
          maxWorkers          = var.max_workers
          machineType         = var.machine_type
          diskSizeGb          = var.disk_size_gb
          flexrsGoal          = var.flexrs_goal
          subnetwork          = local.subnetwork
          ipConfiguration     = "WORKER_IP_PRIVATE"
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
