# Import a project by its UUID (Terraform 1.5+).
import {
  to = cloudorder_awanio_project.example
  id = "1c8d2e3f-4051-4b62-9c73-8d94ea5fb607"
}
