resource "cloudorder_awanio_object_storage" "example" {
  project_uuid   = "1c8d2e3f-4051-4b62-9c73-8d94ea5fb607"
  subdomain_name = "acme-data"
}

# A bucket anyone may download from. force_destroy empties it before destroy.
resource "cloudorder_awanio_bucket" "example" {
  project_uuid  = cloudorder_awanio_object_storage.example.project_uuid
  name          = "public-assets"
  policy        = "download"
  force_destroy = true
}
