# Price plans for virtual machines; use a plan's uuid as instance_type_uuid.
data "cloudorder_awanio_pricing" "vm" {
  suitable_for = "vm"
}

output "vm_plans" {
  value = { for p in data.cloudorder_awanio_pricing.vm.pricings : p.instance_type => "${p.vcpu_core} vCPU, ${p.ram_mb} MB, ${p.price_per_month}/month" }
}
