# Import a membership as <organization_uuid>/<user_uuid> (Terraform 1.5+).
import {
  to = cloudorder_awanio_organization_member.example
  id = "0b7c1d2e-3f40-4a51-8b62-7c83d94ea5f6/7a2b3c4d-5e6f-4a1b-9c2d-3e4f5a6b7c8d"
}
