# The VMs of a project, and the names of those that are not running.
data "cloudorder_awanio_virtual_machines" "example" {
  project_uuid = "1c8d2e3f-4051-4b62-9c73-8d94ea5fb607"
}

output "not_running" {
  value = [for vm in data.cloudorder_awanio_virtual_machines.example.virtual_machines : vm.title if vm.status != "running"]
}
