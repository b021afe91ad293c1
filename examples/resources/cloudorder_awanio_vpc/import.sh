# Import a VPC as <organization_uuid>/<vpc_uuid>.
terraform import cloudorder_awanio_vpc.example 0b7c1d2e-3f40-4a51-8b62-7c83d94ea5f6/2c382fe4-d69d-49f4-a424-1f42e495097a
