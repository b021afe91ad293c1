data "cloudorder_waldur_order" "example" {
  uuid = "0a1b2c3d4e5f67890a1b2c3d4e5f6789"
}

output "order_state" {
  value = data.cloudorder_waldur_order.example.state
}
