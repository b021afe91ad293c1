# What can be ordered for the VPS Virtuozzo U101 plan.
data "cloudorder_hostway_offerings" "u101" {
  product_specification = "core.plan.vps.virtuozzo.u101"
}

output "monthly_usd_offering" {
  value = one([for o in data.cloudorder_hostway_offerings.u101.offerings : o.code if o.currency == "USD" && o.billing_period == 1])
}

output "server_specifications" {
  value = [for s in data.cloudorder_hostway_offerings.u101.service_specifications : s.code if s.kind == "server"]
}
