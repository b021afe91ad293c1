# The volumes of a project (boot volumes of its VMs included).
data "cloudorder_awanio_volumes" "research" {
  project_uuid = "1c8d2e3f-4051-4b62-9c73-8d94ea5fb607"
}

output "unattached_volumes" {
  value = [for v in data.cloudorder_awanio_volumes.research.volumes : v.label if !v.is_used]
}
