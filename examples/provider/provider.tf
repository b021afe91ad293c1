terraform {
  required_providers {
    cloudorder = {
      source = "cloudorder/cloudorder"
    }
  }
}

# Configure only the backends you use; each block is optional. Every
# setting can also come from the environment (CLOUDORDER_WALDUR_ENDPOINT,
# CLOUDORDER_WALDUR_TOKEN, ...), which keeps secrets out of the code.
provider "cloudorder" {
  waldur {
    endpoint = "https://api.wayscloud.services"
    token    = var.waldur_token
  }

  # Awanio: a JWT, or username and password (the provider logs in and
  # logs in again when the JWT expires).
  awanio {
    endpoint          = "https://api.example.awan.io/v2"
    username          = "me@example.com"
    password          = var.awanio_password
    organization_uuid = "0b7c1d2e-3f40-4a51-8b62-7c83d94ea5f6" # optional default
  }

  # Hostway OrderAPI: HTTP Basic for account calls; orders go to this
  # account (or set currency and language to open a new account per order).
  hostway {
    username       = "user@partner"
    password       = var.hostway_password
    account_number = "acct123456"
  }

  max_retries = 5
}

variable "waldur_token" {
  type      = string
  sensitive = true
}

variable "awanio_password" {
  type      = string
  sensitive = true
}

variable "hostway_password" {
  type      = string
  sensitive = true
}
