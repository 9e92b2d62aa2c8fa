output "bucket" {
  value = google_storage_bucket.ctpipe.url
}

output "dataset" {
  value = "${var.project}:${google_bigquery_dataset.qa.dataset_id}"
}

output "worker_service_account" {
  description = "Pass as --serviceAccount when launching by hand"
  value       = google_service_account.worker.email
}

output "launcher_service_account" {
  value = google_service_account.launcher.email
}

output "image_repository" {
  value = "${var.region}-docker.pkg.dev/${var.project}/${google_artifact_registry_repository.images.repository_id}"
}

output "template_spec" {
  value = local.template_spec
}

output "subnetwork" {
  description = "The workers' subnetwork (Private Google Access, no public IPs): pass as --subnetwork when launching by hand"
  value       = local.subnetwork
}
