# Import a VM as <group-type>/<group-uuid>/<vm-uuid>, where <group-type> is
# organizations or projects (the owner the VM is addressed under).
terraform import cloudorder_awanio_virtual_machine.example organizations/0b7c1d2e-3f40-4a51-8b62-7c83d94ea5f6/5a1efa11-67b0-401a-8524-eafef73590d3
