# The VPCs of the provider's default organization.
data "cloudorder_awanio_vpcs" "all" {}

output "vpc_ranges" {
  value = { for v in data.cloudorder_awanio_vpcs.all.vpcs : v.label => v.cidr }
}
