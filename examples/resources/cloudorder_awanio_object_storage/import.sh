# Import the object storage of a project (or organizations/<uuid>) by its group.
# Awanio never shows the keys again: access_key and secret_key stay null after an import.
terraform import cloudorder_awanio_object_storage.example projects/1c8d2e3f-4051-4b62-9c73-8d94ea5fb607
