# Import a volume as organizations/<organization_uuid>/<volume_uuid> or
# projects/<project_uuid>/<volume_uuid>.
terraform import cloudorder_awanio_volume.data projects/1c8d2e3f-4051-4b62-9c73-8d94ea5fb607/3750d394-144a-4d6d-a0e5-b58679a44289
