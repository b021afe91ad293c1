# Import an organization by its UUID.
terraform import cloudorder_awanio_organization.example 0b7c1d2e-3f40-4a51-8b62-7c83d94ea5f6
