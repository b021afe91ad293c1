resource "cloudorder_awanio_organization" "example" {
  name = "Acme Research"
}

# Add a colleague to the organization as an admin (user_level 1); the
# default is a plain member (2).
resource "cloudorder_awanio_organization_member" "example" {
  organization_uuid = cloudorder_awanio_organization.example.id
  user_uuid         = "7a2b3c4d-5e6f-4a1b-9c2d-3e4f5a6b7c8d"
  user_level        = 1
}
