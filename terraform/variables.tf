variable "project" {
  description = "Google Cloud project that runs ctpipe"
  type        = string
}

variable "region" {
  description = "Region of the bucket, dataset, repository, Dataflow jobs and scheduler"
  type        = string
  default     = "us-central1"
}

variable "bucket_name" {
  description = "Bucket for SEG outputs, per-series results, manifests, Dataflow staging and the Flex Template spec"
  type        = string
}

variable "dataset_location" {
  description = "Location of the QA dataset: US (the default) is where IDC's public tables live, so QA tables join them in one query"
  type        = string
  default     = "US"
}

variable "dataset_id" {
  description = "BigQuery dataset of the QA tables"
  type        = string
  default     = "ctpipe"
}

variable "image" {
  description = "Flex Template container image (built from runners/dataflow/Dockerfile and pushed to the repository)"
  type        = string
  default     = ""
}

variable "collections" {
  description = "IDC collection_ids the scheduled job reads from IDC's BigQuery index (comma-separated; each run picks up new releases); empty to use manifest"
  type        = string
  default     = ""
}

variable "manifest" {
  description = "Manifest the scheduled job processes when no collections are given, e.g. gs://BUCKET/manifests/cohort.s5cmd"
  type        = string
  default     = ""
}

variable "seg_models" {
  description = "Segmentation model cards for the scheduled job (comma-separated zoo:ID or gs:// card paths)"
  type        = string
  default     = "zoo:tissue-ct"
}

variable "schedule" {
  description = "Cron schedule of re-processing (Cloud Scheduler syntax); empty for no schedule"
  type        = string
  default     = "0 3 * * 1"
}

variable "max_workers" {
  description = "Upper bound of Dataflow workers for the scheduled job"
  type        = number
  default     = 10
}

variable "machine_type" {
  description = "Worker machine type of the scheduled job (docs/operations.md: memory per series)"
  type        = string
  default     = "n2-highmem-4"
}

variable "flexrs_goal" {
  description = "FlexRS goal of the scheduled job: FLEXRS_COST_OPTIMIZED (pre-emptible workers at FlexRS rates, start delayed up to 6 hours: right for a weekly run), FLEXRS_SPEED_OPTIMIZED or FLEXRS_UNSPECIFIED (ordinary batch workers)"
  type        = string
  default     = "FLEXRS_COST_OPTIMIZED"
  validation {
    condition     = contains(["FLEXRS_COST_OPTIMIZED", "FLEXRS_SPEED_OPTIMIZED", "FLEXRS_UNSPECIFIED"], var.flexrs_goal)
    error_message = "flexrs_goal must be FLEXRS_COST_OPTIMIZED, FLEXRS_SPEED_OPTIMIZED or FLEXRS_UNSPECIFIED."
  }
}

variable "disk_size_gb" {
  description = "Worker boot disk of the scheduled job, in GB"
  type        = number
  default     = 50
}

variable "subnetwork" {
  description = "Subnetwork URL for the workers (regions/REGION/subnetworks/NAME), which must have Private Google Access (workers get no public IP); empty to create ctpipe-workers with it"
  type        = string
  default     = ""
}

variable "subnet_cidr" {
  description = "IP range of the ctpipe-workers subnetwork created when no subnetwork is given"
  type        = string
  default     = "10.128.0.0/20"
}

variable "enable_nat" {
  description = "Cloud NAT for the created subnetwork: only needed when workers read from or store to DICOMweb servers outside Google Cloud"
  type        = bool
  default     = false
}

variable "dicom_store" {
  description = "Cloud Healthcare DICOM store the SEGs are stored to (projects/P/locations/L/datasets/D/dicomStores/S); empty for none"
  type        = string
  default     = ""
}
