# Import a volume of a project (Terraform 1.5+).
import {
  to = cloudorder_awanio_volume.data
  id = "projects/1c8d2e3f-4051-4b62-9c73-8d94ea5fb607/3750d394-144a-4d6d-a0e5-b58679a44289"
}
