# Import a baremetal server with an import block (Terraform 1.5+). The first
# apply after it records the login settings Awanio does not return in place.
import {
  to = cloudorder_awanio_baremetal.example
  id = "organizations/0b7c1d2e-3f40-4a51-8b62-7c83d94ea5f6/57e0f06c-6cf9-4ed3-8c45-714255d7500a"
}
