terraform {
  required_version = ">= 1.5"
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = ">= 5.0, < 7.0" # tested against the 5.x and 6.x schemas; a new major version is a deliberate upgrade
    }
  }
}

provider "google" {
  project = var.project
  region  = var.region
}
