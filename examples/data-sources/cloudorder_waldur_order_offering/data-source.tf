# What the offering of an order accepts: plans, limit components and the
# options schema of its attributes.
data "cloudorder_waldur_order_offering" "example" {
  order_uuid = "0a1b2c3d4e5f67890a1b2c3d4e5f6789"
}

output "plans" {
  value = { for p in data.cloudorder_waldur_order_offering.example.plans : p.name => p.uuid }
}

output "attribute_options" {
  value = jsondecode(data.cloudorder_waldur_order_offering.example.options)
}
