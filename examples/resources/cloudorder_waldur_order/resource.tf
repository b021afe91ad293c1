# Order a Kubernetes cluster from a WAYSCloud (Waldur) marketplace offering
# and wait until the order is done.
resource "cloudorder_waldur_order" "example" {
  project  = "3f1c3bd5a1f54d0c9cf3d8bd27c70f11" # UUID or URL, with or without dashes
  offering = "6a8e7e0c2f2b4a7d8f1f9e3b5c4d2a10"
  plan     = "9b2d4c6e8f0a4b1c3d5e7f9a1b3c5d7e"

  attributes = jsonencode({
    name               = "prod-k8s"
    description        = "Production cluster"
    kubernetes_version = "1.30"
    node_count         = 3
    flavor             = "m1.large"
  })

  # Approve the order as consumer if it waits for that approval.
  approve = true

  # On destroy, terminate the cluster the order created (the default
  # only removes the order from the state).
  terminate_on_destroy = true

  timeouts {
    create = "45m"
    delete = "30m"
  }
}

output "cluster_marketplace_resource" {
  value = cloudorder_waldur_order.example.marketplace_resource_uuid
}
