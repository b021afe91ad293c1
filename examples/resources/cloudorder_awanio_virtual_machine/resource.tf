# A VM in a project, reached over SSH with a public IP address. The image
# comes from the catalogue and the size from the price list (suitable_for vm).
variable "ssh_public_key" {
  type = string
}

resource "cloudorder_awanio_virtual_machine" "example" {
  project_uuid       = "1c8d2e3f-4051-4b62-9c73-8d94ea5fb607"
  catalogue_uuid     = "0f0f9316-a676-48bf-acd2-afe87f3d9cd0" # Ubuntu Server 22.04 LTS
  instance_type_uuid = "43946e7a-bb60-4a9f-ba63-b13a7f83f197" # s-a
  title              = "web"
  hostname           = "web-1"
  ssh_public_key     = var.ssh_public_key
  with_external_ip   = true

  timeouts {
    create = "20m"
  }
}

# A VM with a password login (Terraform 1.11+: the password never enters
# the state). Bump password_wo_version to apply a new password; that
# replaces the VM, as Awanio has no password change.
variable "db_password" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "cloudorder_awanio_virtual_machine" "db" {
  organization_uuid   = "0b7c1d2e-3f40-4a51-8b62-7c83d94ea5f6"
  catalogue_uuid      = "0f0f9316-a676-48bf-acd2-afe87f3d9cd0"
  instance_type_uuid  = "5a0e6c1b-7d2f-4e38-9a41-b52c63d74e85" # s-b
  title               = "database"
  hostname            = "db-1"
  password_wo         = var.db_password
  password_wo_version = 1
}

output "web_ip" {
  value = cloudorder_awanio_virtual_machine.example.external_ip_address
}
