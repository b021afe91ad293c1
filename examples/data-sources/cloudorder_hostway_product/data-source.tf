# Look up a product of the provider's account by its display name (or by
# product_id, or by the partner_id marker a cloudorder_hostway_vps sets).
data "cloudorder_hostway_product" "web" {
  display_name = "web-01"
}

output "web_ip_services" {
  value = [for s in data.cloudorder_hostway_product.web.services : s.id if s.kind == "ip"]
}
