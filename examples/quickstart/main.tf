# Quickstart: a WAYSCloud Kubernetes cluster managed through Waldur
# marketplace orders: apply places a Create order and waits for the
# cluster (changing `plan` later switches it in place), and destroy
# terminates it.
#
# `make demo` runs this against the bundled mock (mockcloud). The defaults
# below are the mock's demo project, offering and plan; against a real
# WAYSCloud account, set the three variables and the environment variables
# CLOUDORDER_WALDUR_ENDPOINT and CLOUDORDER_WALDUR_TOKEN.

terraform {
  required_version = ">= 1.5"
  required_providers {
    cloudorder = {
      source = "cloudorder/cloudorder"
    }
  }
}

# The endpoint and token come from CLOUDORDER_WALDUR_ENDPOINT and
# CLOUDORDER_WALDUR_TOKEN, so no secret is written here.
provider "cloudorder" {}

variable "waldur_project" {
  type        = string
  description = "UUID or URL of the Waldur project to order in."
  default     = "2f8e4d6c0b1a4e3f9d7c5b3a1e0f2d4c"
}

variable "waldur_offering" {
  type        = string
  description = "UUID or URL of the Kubernetes offering."
  default     = "5c3a1e9f7d5b4c2a8e6f0d2b4a6c8e0f"
}

variable "waldur_plan" {
  type        = string
  description = "UUID or URL of the offering's plan."
  default     = "7e5c3a1f9d7b4e2c8a8f6d4b2e0c8a6f"
}

resource "cloudorder_waldur_kubernetes_cluster" "cluster" {
  project  = var.waldur_project
  offering = var.waldur_offering
  plan     = var.waldur_plan

  name               = "quickstart-k8s"
  description        = "Kubernetes cluster ordered with Terraform"
  kubernetes_version = "1.30"
  worker_count       = 3
  worker_flavor      = "m1.large"

  # Approve the cluster's orders as consumer if they wait for that.
  approve = true

  timeouts {
    create = "20m"
  }
}

data "cloudorder_waldur_order_offering" "cluster" {
  order_uuid = cloudorder_waldur_kubernetes_cluster.cluster.creation_order_uuid
}

output "cluster_uuid" {
  value = cloudorder_waldur_kubernetes_cluster.cluster.id
}

output "cluster_state" {
  value = cloudorder_waldur_kubernetes_cluster.cluster.state
}

output "cluster_endpoint" {
  value = cloudorder_waldur_kubernetes_cluster.cluster.endpoint
}

output "cluster_plan" {
  value = cloudorder_waldur_kubernetes_cluster.cluster.plan_name
}

output "offering" {
  value = "${data.cloudorder_waldur_order_offering.cluster.name} (${data.cloudorder_waldur_order_offering.cluster.type})"
}

output "available_plans" {
  value = [for p in data.cloudorder_waldur_order_offering.cluster.plans : p.name]
}
