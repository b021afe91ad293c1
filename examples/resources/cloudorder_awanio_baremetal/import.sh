# Import a baremetal server as <group-type>/<group-uuid>/<baremetal-uuid>,
# where <group-type> is organizations or projects.
terraform import cloudorder_awanio_baremetal.example organizations/0b7c1d2e-3f40-4a51-8b62-7c83d94ea5f6/57e0f06c-6cf9-4ed3-8c45-714255d7500a
