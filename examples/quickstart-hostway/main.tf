# Quickstart: order a Hostway VPS Virtuozzo product with a control panel and
# an extra IP address, wait until it is open, and close it on destroy.
#
# `make demo` runs this against the bundled mock (mockcloud). The defaults
# below are the mock's demo catalog; against a real Hostway account, set the
# variables and the environment variables CLOUDORDER_HOSTWAY_USERNAME,
# CLOUDORDER_HOSTWAY_PASSWORD and CLOUDORDER_HOSTWAY_ACCOUNT_NUMBER
# (CLOUDORDER_HOSTWAY_ENDPOINT defaults to https://api.hostway.com).

terraform {
  required_version = ">= 1.5"
  required_providers {
    cloudorder = {
      source = "cloudorder/cloudorder"
    }
  }
}

# Credentials and account come from CLOUDORDER_HOSTWAY_*, so no secret is
# written here.
provider "cloudorder" {}

variable "hostway_offering" {
  type        = string
  description = "Offering to order: {product specification}/{offering} or its URL."
  default     = "core.plan.vps.virtuozzo.u101/USD-1"
}

variable "hostway_server_specification" {
  type        = string
  description = "Virtuozzo Server service specification."
  default     = "core.vps.virtuozzo.server.u100"
}

resource "cloudorder_hostway_vps" "vps" {
  offering     = var.hostway_offering
  display_name = "quickstart-vps"

  server {
    name          = "quickstart-vps"
    specification = var.hostway_server_specification
  }

  service {
    specification = "core.vps.virtuozzo.controlpanel.plesk9-10domain"
  }

  service {
    specification = "core.vps.virtuozzo.ip"
  }

  timeouts {
    create = "30m"
  }
}

data "cloudorder_hostway_order" "vps" {
  id = cloudorder_hostway_vps.vps.order_id
}

output "vps_id" {
  value = cloudorder_hostway_vps.vps.id
}

output "vps_status" {
  value = cloudorder_hostway_vps.vps.status
}

output "order_status" {
  value = data.cloudorder_hostway_order.vps.status
}

output "services" {
  value = [for s in cloudorder_hostway_vps.vps.services : "${s.kind}: ${s.status}"]
}
