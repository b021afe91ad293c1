# Import a bucket as <group-type>/<uuid>/<bucket name> (Terraform 1.5+).
import {
  to = cloudorder_awanio_bucket.example
  id = "projects/1c8d2e3f-4051-4b62-9c73-8d94ea5fb607/public-assets"
}
