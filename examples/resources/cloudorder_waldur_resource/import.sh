# A marketplace resource is imported by its UUID, with or without dashes.
terraform import cloudorder_waldur_resource.example 0a1b2c3d4e5f67890a1b2c3d4e5f6789
