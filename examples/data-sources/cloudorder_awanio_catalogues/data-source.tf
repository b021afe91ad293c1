# Images for virtual machines.
data "cloudorder_awanio_catalogues" "compute" {
  service = "compute"
}

output "ubuntu_2204" {
  value = one([for c in data.cloudorder_awanio_catalogues.compute.catalogues : c.uuid if c.slug == "ubuntu-server-22-04"])
}
