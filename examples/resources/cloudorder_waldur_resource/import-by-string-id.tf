# Adopt an existing marketplace resource by its UUID (with or without
# dashes). With `terraform plan -generate-config-out=generated.tf`,
# Terraform writes the resource block for you.
import {
  to = cloudorder_waldur_resource.example
  id = "0a1b2c3d4e5f67890a1b2c3d4e5f6789"
}
