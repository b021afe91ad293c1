# Volume sizes come from pricings that are suitable for volumes.
data "cloudorder_awanio_pricing" "volume" {
  suitable_for = "volume"
}

locals {
  ten_gb = one([for p in data.cloudorder_awanio_pricing.volume.pricings : p.uuid if p.storage_gb == 10])
}

# A 10 GB volume of a project. A new pricing_uuid resizes it in place.
resource "cloudorder_awanio_volume" "data" {
  project_uuid = "1c8d2e3f-4051-4b62-9c73-8d94ea5fb607"
  label        = "data"
  pricing_uuid = local.ten_gb
}

# A clone of it, with the same size.
resource "cloudorder_awanio_volume" "copy" {
  project_uuid       = cloudorder_awanio_volume.data.project_uuid
  label              = "data-copy"
  source_volume_uuid = cloudorder_awanio_volume.data.id
}
