# A baremetal server on the first available machine of the organization,
# billed monthly, with SSH access and a public IP address.
data "cloudorder_awanio_baremetal_machines" "available" {
  organization_uuid = "0b7c1d2e-3f40-4a51-8b62-7c83d94ea5f6"
}

variable "ssh_public_key" {
  type = string
}

resource "cloudorder_awanio_baremetal" "example" {
  organization_uuid = "0b7c1d2e-3f40-4a51-8b62-7c83d94ea5f6"
  catalogue_uuid    = "d8576864-d8ec-4ab6-83aa-035a233c3ffa" # ubuntu/jammy (service baremetal)
  machine_name      = data.cloudorder_awanio_baremetal_machines.available.machines[0].name
  billing_period    = "price_per_month"
  title             = "metal"
  hostname          = "metal-1"
  ssh_public_key    = var.ssh_public_key
  with_external_ip  = true

  timeouts {
    create = "1h"
  }
}

output "baremetal_ip" {
  value = cloudorder_awanio_baremetal.example.external_ip_address
}
