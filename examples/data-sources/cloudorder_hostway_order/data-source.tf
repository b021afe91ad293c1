# Check the order that created a VPS.
data "cloudorder_hostway_order" "web" {
  id = cloudorder_hostway_vps.web.order_id
}

output "web_order_status" {
  value = data.cloudorder_hostway_order.web.status # "Processing" once submitted
}
