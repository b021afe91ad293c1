# Import an organization by its UUID with an import block (Terraform 1.5+).
import {
  to = cloudorder_awanio_organization.example
  id = "0b7c1d2e-3f40-4a51-8b62-7c83d94ea5f6"
}
