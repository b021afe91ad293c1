# Import a VM with an import block (Terraform 1.5+). The first apply
# after it records the login settings Awanio does not return in place.
import {
  to = cloudorder_awanio_virtual_machine.example
  id = "projects/1c8d2e3f-4051-4b62-9c73-8d94ea5fb607/5a1efa11-67b0-401a-8524-eafef73590d3"
}
