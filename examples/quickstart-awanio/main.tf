# Quickstart: an Awanio project's private network, a virtual machine and a
# data volume, each waited on until it is ready, and all removed on destroy.
#
# `make demo` runs this against the bundled mock (mockcloud), whose
# -env-file sets every variable it needs. Against a real Awanio account, set
# CLOUDORDER_AWANIO_ENDPOINT, either CLOUDORDER_AWANIO_TOKEN or
# CLOUDORDER_AWANIO_USERNAME and CLOUDORDER_AWANIO_PASSWORD, and the owner:
# CLOUDORDER_AWANIO_ORGANIZATION_UUID and CLOUDORDER_AWANIO_PROJECT_UUID (or
# the two variables below, which win over them).

terraform {
  required_version = ">= 1.5"
  required_providers {
    cloudorder = {
      source = "cloudorder/cloudorder"
    }
  }
}

# Endpoint and credentials come from CLOUDORDER_AWANIO_*, so no secret is
# written here. A null owner falls back to CLOUDORDER_AWANIO_*_UUID.
provider "cloudorder" {
  awanio {
    organization_uuid = var.awanio_organization_uuid
    project_uuid      = var.awanio_project_uuid
  }
}

variable "awanio_organization_uuid" {
  type        = string
  description = "Organization that owns the network; null uses CLOUDORDER_AWANIO_ORGANIZATION_UUID."
  default     = null
}

variable "awanio_project_uuid" {
  type        = string
  description = "Project that owns the virtual machine and the volume; null uses CLOUDORDER_AWANIO_PROJECT_UUID."
  default     = null
}

variable "ssh_public_key" {
  type        = string
  description = "OpenSSH public key to log in to the virtual machine with."
  default     = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBvQuickstartKeyReplaceWithYourOwnKey quickstart@example"
}

# The image and the sizes come from Awanio's catalogue and price list.
data "cloudorder_awanio_catalogues" "compute" {
  service = "compute"
}

data "cloudorder_awanio_pricing" "vm" {
  suitable_for = "vm"
}

data "cloudorder_awanio_pricing" "volume" {
  suitable_for = "volume"
}

locals {
  ubuntu      = one([for c in data.cloudorder_awanio_catalogues.compute.catalogues : c.uuid if c.slug == "ubuntu-server-22-04"])
  smallest_vm = [for p in data.cloudorder_awanio_pricing.vm.pricings : p.uuid if p.price_per_month == min([for x in data.cloudorder_awanio_pricing.vm.pricings : x.price_per_month]...)][0]
  ten_gb      = one([for p in data.cloudorder_awanio_pricing.volume.pricings : p.uuid if p.storage_gb == 10])
}

resource "cloudorder_awanio_vpc" "backend" {
  label = "quickstart"
  size  = 24
}

resource "cloudorder_awanio_virtual_machine" "web" {
  catalogue_uuid     = local.ubuntu
  instance_type_uuid = local.smallest_vm
  title              = "quickstart-web"
  hostname           = "quickstart-web"
  ssh_public_key     = var.ssh_public_key
  with_external_ip   = true
}

resource "cloudorder_awanio_volume" "data" {
  label        = "quickstart-data"
  pricing_uuid = local.ten_gb
}

output "vpc_cidr" {
  value = cloudorder_awanio_vpc.backend.cidr
}

output "vm_status" {
  value = cloudorder_awanio_virtual_machine.web.status
}

output "vm_external_ip" {
  value = cloudorder_awanio_virtual_machine.web.external_ip_address
}

output "volume_size_gb" {
  value = cloudorder_awanio_volume.data.size_gb
}
