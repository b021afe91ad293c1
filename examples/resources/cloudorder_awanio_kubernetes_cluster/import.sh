# Import the Kubernetes cluster of a project (or organizations/<uuid>) by its group.
terraform import cloudorder_awanio_kubernetes_cluster.example projects/1c8d2e3f-4051-4b62-9c73-8d94ea5fb607
