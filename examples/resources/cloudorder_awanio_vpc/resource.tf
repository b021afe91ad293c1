# A /20 private network in the provider's default organization (or set
# organization_uuid). Awanio picks the address range.
resource "cloudorder_awanio_vpc" "example" {
  label = "backend"
  size  = 20
}

output "vpc_cidr" {
  value = cloudorder_awanio_vpc.example.cidr
}
