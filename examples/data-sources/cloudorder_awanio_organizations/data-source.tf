# Every organization the provider's user belongs to.
data "cloudorder_awanio_organizations" "all" {}

# The one called "Acme Research".
data "cloudorder_awanio_organizations" "acme" {
  name = "Acme Research"
}

output "acme_uuid" {
  value = one(data.cloudorder_awanio_organizations.acme.organizations).uuid
}
