# A marketplace resource by name within a project (or by `uuid`).
data "cloudorder_waldur_resource" "example" {
  name    = "prod-k8s"
  project = "3f1c3bd5a1f54d0c9cf3d8bd27c70f11"
}

output "cluster_api" {
  value = data.cloudorder_waldur_resource.example.endpoints
}

output "cluster_plan" {
  value = data.cloudorder_waldur_resource.example.plan_name
}
