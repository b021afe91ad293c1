package awanio

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
)

// NewInvoicesDataSource is the cloudorder_awanio_invoices data source.
var NewInvoicesDataSource = newDataSource(&dataKind[invoicesDataModel]{
	suffix:      "_awanio_invoices",
	description: "Lists the invoices of an Awanio organization, reading every page.",
	args: map[string]schema.Attribute{
		"organization_uuid": uuidFilterArg("Organization whose invoices to list; defaults to the provider's `organization_uuid`."),
		"status":            filterArg("Only invoices with this status, for example `paid` or `unpaid` (compared without regard to case)."),
	},
	results: invoiceResults,
	read:    readInvoices,
	failure: readError("invoices"),
})

var invoiceResults = &results[api.Invoice]{"invoices", "The invoices, oldest first.", []column[api.Invoice]{
	uuidCol("UUID of the invoice.", func(inv *api.Invoice) string { return inv.UUID }),
	apiTextCol("number", "Invoice number, if assigned.", func(inv *api.Invoice) api.String { return inv.Number }),
	apiTextCol("status", "Status, for example `paid`.", func(inv *api.Invoice) api.String { return inv.Status }),
	apiFloatCol("amount", "Amount.", func(inv *api.Invoice) api.Float { return inv.Amount }),
	apiFloatCol("subtotal", "Subtotal before discount and tax.", func(inv *api.Invoice) api.Float { return inv.Subtotal }),
	apiFloatCol("tax_amount", "Tax.", func(inv *api.Invoice) api.Float { return inv.TaxAmount }),
	apiFloatCol("discount_amount", "Discount.", func(inv *api.Invoice) api.Float { return inv.DiscountAmount }),
	apiFloatCol("amount_after_tax", "Total after discount and tax.", func(inv *api.Invoice) api.Float { return inv.AmountAfterTax }),
	apiFloatCol("credit_from_balance", "Part paid from the organization's balance.", func(inv *api.Invoice) api.Float { return inv.CreditFromBalance }),
	apiTextCol("currency", "Currency, for example `IDR`.", func(inv *api.Invoice) api.String { return inv.Currency }),
	apiTextCol("billed_to", "Who is billed.", func(inv *api.Invoice) api.String { return inv.BilledTo }),
	apiTextCol("billing_method", "How it is paid.", func(inv *api.Invoice) api.String { return inv.BillingMethod }),
	apiTextCol("due_date", "Due date (RFC 3339).", func(inv *api.Invoice) api.String { return inv.DueDate }),
	apiTextCol("period_start", "Start of the billed period (RFC 3339).", func(inv *api.Invoice) api.String { return inv.PeriodeStartedDate }),
	apiTextCol("period_end", "End of the billed period (RFC 3339).", func(inv *api.Invoice) api.String { return inv.PeriodeEndedDate }),
	apiTextCol("created_at", "When it was issued (RFC 3339).", func(inv *api.Invoice) api.String { return inv.CreatedAt }),
}}

func readInvoices(ctx context.Context, client *api.Client, m *invoicesDataModel, diags *diag.Diagnostics) error {
	org, err := orgOrDefault(client, m.OrganizationUUID, diags)
	if err != nil {
		return err
	}
	invoices, err := client.ListInvoices(ctx, org)
	if err != nil {
		return err
	}
	m.Invoices = invoiceResults.filtered(invoices, func(inv *api.Invoice) bool { return matchesFold(m.Status, string(inv.Status)) })
	return nil
}

type invoicesDataModel struct {
	OrganizationUUID types.String `tfsdk:"organization_uuid"`
	Status           types.String `tfsdk:"status"`
	Invoices         types.List   `tfsdk:"invoices"`
}
