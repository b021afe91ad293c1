data "cloudorder_awanio_kubernetes_versions" "all" {}

output "kubernetes_versions" {
  value = { for v in data.cloudorder_awanio_kubernetes_versions.all.versions : v.name => v.uuid }
}
