# Import a project by its UUID; its members are imported too.
terraform import cloudorder_awanio_project.example 1c8d2e3f-4051-4b62-9c73-8d94ea5fb607
