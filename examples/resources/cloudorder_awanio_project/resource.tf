resource "cloudorder_awanio_organization" "example" {
  name = "Acme Research"
}

resource "cloudorder_awanio_organization_member" "colleague" {
  organization_uuid = cloudorder_awanio_organization.example.id
  user_uuid         = "7a2b3c4d-5e6f-4a1b-9c2d-3e4f5a6b7c8d"
}

# A project with one more member (the provider's own user is always its
# admin) that is the provider user's primary project in the organization.
resource "cloudorder_awanio_project" "example" {
  name              = "Research"
  organization_uuid = cloudorder_awanio_organization.example.id
  primary           = true

  members = [
    { user_uuid = cloudorder_awanio_organization_member.colleague.user_uuid, user_level = 2 },
  ]
}
