# Orders of a project that wait for someone's approval.
data "cloudorder_waldur_orders" "example" {
  project = "3f1c3bd5a1f54d0c9cf3d8bd27c70f11"
  states  = ["pending-consumer", "pending-provider"]
}

output "waiting_orders" {
  value = [for o in data.cloudorder_waldur_orders.example.orders : "${o.uuid} (${o.state})"]
}
