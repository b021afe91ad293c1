# The live resources of a project.
data "cloudorder_waldur_resources" "example" {
  project = "3f1c3bd5a1f54d0c9cf3d8bd27c70f11"
  states  = ["OK", "Erred"]
}

output "resources" {
  value = { for r in data.cloudorder_waldur_resources.example.resources : r.name => r.state }
}
