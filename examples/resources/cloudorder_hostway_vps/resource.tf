# Order a VPS Virtuozzo product on the account of the provider's hostway
# block: the server first, then its child services, as one order that is
# submitted and followed until everything is open.
resource "cloudorder_hostway_vps" "web" {
  offering     = "core.plan.vps.virtuozzo.u101/USD-1" # {product specification}/{offering}, or its URL
  display_name = "web-01"

  server {
    name          = "web-01"
    specification = "core.vps.virtuozzo.server.u100" # change it in place to a target the API offers
    billing_cycle = 1                                # months; changing it orders a new VPS
  }

  # Child services take the server's name and billing cycle unless set.
  service {
    specification = "core.vps.virtuozzo.controlpanel.plesk9-10domain"
  }

  service {
    specification = "core.vps.virtuozzo.additional_memory.256mb"
  }

  service {
    specification = "core.vps.virtuozzo.ip"
    name          = "web-01 public IP"
  }

  timeouts {
    create = "60m"
    update = "60m"
    delete = "30m"
  }
}

output "web_product" {
  value = cloudorder_hostway_vps.web.id # account_number/product_id
}

output "web_services" {
  value = { for s in cloudorder_hostway_vps.web.services : s.kind => s.id... }
}
