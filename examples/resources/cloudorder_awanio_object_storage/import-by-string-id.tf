# Import the object storage of a project by its group (Terraform 1.5+).
# access_key and secret_key cannot be imported: Awanio shows them only at create.
import {
  to = cloudorder_awanio_object_storage.example
  id = "projects/1c8d2e3f-4051-4b62-9c73-8d94ea5fb607"
}
