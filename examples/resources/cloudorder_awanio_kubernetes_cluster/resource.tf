data "cloudorder_awanio_kubernetes_versions" "all" {}

# The Kubernetes cluster of a project (Awanio runs one per project or organization).
resource "cloudorder_awanio_kubernetes_cluster" "example" {
  project_uuid     = "1c8d2e3f-4051-4b62-9c73-8d94ea5fb607"
  name             = "my-cluster"
  enable_ha        = false
  version_uuid     = data.cloudorder_awanio_kubernetes_versions.all.versions[0].uuid
  pricing_uuid     = "d1b6ce72-9739-4e7c-867f-25bb43f1f920" # a pricing suitable for pods
  pv_pricing_uuid  = "2ade480f-ba81-4969-81f2-a807a30ef310" # a pricing suitable for volumes
  tags             = ["testing"]
  with_external_ip = true

  timeouts {
    create = "45m"
  }
}
