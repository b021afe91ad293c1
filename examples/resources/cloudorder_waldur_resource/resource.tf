# A managed database from a Waldur marketplace offering. The resource lives
# as long as this block: a plan or limits change is an in-place Update
# order, destroy places a Terminate order.
resource "cloudorder_waldur_resource" "example" {
  project  = "3f1c3bd5a1f54d0c9cf3d8bd27c70f11" # UUID or URL, with or without dashes
  offering = "6a8e7e0c2f2b4a7d8f1f9e3b5c4d2a10"
  plan     = "9b2d4c6e8f0a4b1c3d5e7f9a1b3c5d7e" # change it to switch plans in place

  attributes = jsonencode({
    name        = "orders-db"
    description = "PostgreSQL for the orders service"
  })

  limits = { cpu = 4, ram = 16 } # change them to update limits in place

  # Approve this resource's orders as consumer when they wait for that.
  approve = true

  timeouts {
    create = "45m"
    update = "30m"
    delete = "30m"
  }
}

output "database_state" {
  value = cloudorder_waldur_resource.example.state
}
