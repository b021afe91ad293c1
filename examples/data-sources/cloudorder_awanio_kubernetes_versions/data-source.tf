data "cloudorder_awanio_kubernetes_versions" "example" {}

output "kubernetes_versions" {
  value = { for v in data.cloudorder_awanio_kubernetes_versions.example.versions : v.name => v.uuid }
}
