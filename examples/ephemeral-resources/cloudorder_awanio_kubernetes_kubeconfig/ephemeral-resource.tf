# Terraform 1.10+: the kubeconfig is read on each run and never stored in the plan or state.
ephemeral "cloudorder_awanio_kubernetes_kubeconfig" "example" {
  project_uuid = "1c8d2e3f-4051-4b62-9c73-8d94ea5fb607"
}

locals {
  kubeconfig = yamldecode(ephemeral.cloudorder_awanio_kubernetes_kubeconfig.example.kubeconfig)
}

# Configure the kubernetes provider from it (declare hashicorp/kubernetes in
# your terraform block; left as a comment so that this example validates
# with this provider alone):
#
# provider "kubernetes" {
#   host                   = local.kubeconfig.clusters[0].cluster.server
#   cluster_ca_certificate = base64decode(local.kubeconfig.clusters[0].cluster["certificate-authority-data"])
#   client_certificate     = base64decode(local.kubeconfig.users[0].user["client-certificate-data"])
#   client_key             = base64decode(local.kubeconfig.users[0].user["client-key-data"])
# }
