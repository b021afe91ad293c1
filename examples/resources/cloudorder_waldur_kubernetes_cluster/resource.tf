# A WAYSCloud Kubernetes cluster, ordered through the Waldur marketplace.
resource "cloudorder_waldur_kubernetes_cluster" "example" {
  project  = "3f1c3bd5a1f54d0c9cf3d8bd27c70f11" # UUID or URL, with or without dashes
  offering = "6a8e7e0c2f2b4a7d8f1f9e3b5c4d2a10"
  plan     = "9b2d4c6e8f0a4b1c3d5e7f9a1b3c5d7e" # change it to switch plans in place

  name               = "prod-k8s"
  description        = "Production cluster"
  kubernetes_version = "1.30"
  worker_count       = 3
  worker_flavor      = "m1.large"
  ssh_public_key     = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKeyOnly ops@example.com"

  # Anything else the offering accepts, by the name it uses.
  extra_attributes = {
    region = "oslo"
  }

  approve = true

  timeouts {
    create = "60m"
  }
}

output "kubernetes_api" {
  value = cloudorder_waldur_kubernetes_cluster.example.endpoint
}
