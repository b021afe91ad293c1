# An organization owned (as admin) by the user the provider logs in as.
resource "cloudorder_awanio_organization" "example" {
  name = "Acme Research"
}

output "organization_uuid" {
  value = cloudorder_awanio_organization.example.id
}
