# Adopt a cluster ordered outside Terraform by the UUID of its marketplace
# resource. With `terraform plan -generate-config-out=generated.tf`,
# Terraform writes the resource block for you.
import {
  to = cloudorder_waldur_kubernetes_cluster.example
  id = "0a1b2c3d4e5f67890a1b2c3d4e5f6789"
}
