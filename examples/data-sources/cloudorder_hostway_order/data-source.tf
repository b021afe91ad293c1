# Check the order that created a VPS: its id is the order_id attribute of a
# cloudorder_hostway_vps (for example cloudorder_hostway_vps.example.order_id).
data "cloudorder_hostway_order" "example" {
  id = "00000143d407b725d9eb9a41007f000000020001"
}

output "order_status" {
  value = data.cloudorder_hostway_order.example.status # "Processing" once submitted
}
