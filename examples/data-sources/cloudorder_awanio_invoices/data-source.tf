# Unpaid invoices of an organization.
data "cloudorder_awanio_invoices" "unpaid" {
  organization_uuid = "0b7c1d2e-3f40-4a51-8b62-7c83d94ea5f6"
  status            = "unpaid"
}

output "amount_due" {
  value = sum(concat([0], [for i in data.cloudorder_awanio_invoices.unpaid.invoices : i.amount_after_tax]))
}
