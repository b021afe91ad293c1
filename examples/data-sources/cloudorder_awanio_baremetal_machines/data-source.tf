# The machines the organization can deploy a baremetal server on now, and
# the cheapest one with at least 64 GB of memory.
data "cloudorder_awanio_baremetal_machines" "example" {
  organization_uuid = "0b7c1d2e-3f40-4a51-8b62-7c83d94ea5f6"
}

locals {
  big_enough = [for m in data.cloudorder_awanio_baremetal_machines.example.machines : m if m.ram_mb >= 65536]
  cheapest   = length(local.big_enough) == 0 ? null : [for m in local.big_enough : m if m.price_per_month == min([for x in local.big_enough : x.price_per_month]...)][0]
}

output "cheapest_machine" {
  value = local.cheapest == null ? null : local.cheapest.name
}
