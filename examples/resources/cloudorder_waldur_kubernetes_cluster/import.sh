# A cluster is imported by the UUID of its marketplace resource, with or
# without dashes.
terraform import cloudorder_waldur_kubernetes_cluster.example 0a1b2c3d4e5f67890a1b2c3d4e5f6789
