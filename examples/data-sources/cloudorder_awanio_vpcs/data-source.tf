# The VPCs of the provider's default organization.
data "cloudorder_awanio_vpcs" "example" {}

output "vpc_ranges" {
  value = { for v in data.cloudorder_awanio_vpcs.example.vpcs : v.label => v.cidr }
}
