# The projects of one organization.
data "cloudorder_awanio_projects" "acme" {
  organization_uuid = "0b7c1d2e-3f40-4a51-8b62-7c83d94ea5f6"
}

output "primary_project" {
  value = one([for p in data.cloudorder_awanio_projects.acme.projects : p.uuid if p.primary])
}
