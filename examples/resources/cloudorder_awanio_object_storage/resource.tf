# The object storage of a project. Awanio shows its keys once, at create:
# they are kept in the state (marked sensitive), so protect the state.
resource "cloudorder_awanio_object_storage" "example" {
  project_uuid   = "1c8d2e3f-4051-4b62-9c73-8d94ea5fb607"
  subdomain_name = "acme-data"
}

output "s3_endpoint" {
  value = "https://${cloudorder_awanio_object_storage.example.endpoint}"
}

output "s3_secret_key" {
  value     = cloudorder_awanio_object_storage.example.secret_key
  sensitive = true
}
