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
	attributes:  invoicesAttributes,
	read:        readInvoices,
	failure:     readError("invoices"),
})

func invoicesAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"organization_uuid": uuidFilterArg("Organization whose invoices to list; defaults to the provider's `organization_uuid`."),
		"status":            filterArg("Only invoices with this status, for example `paid` or `unpaid` (compared without regard to case)."),
		"invoices": resultList("The invoices, oldest first.", map[string]schema.Attribute{
			"uuid":                listedString("UUID of the invoice."),
			"number":              listedString("Invoice number, if assigned."),
			"status":              listedString("Status, for example `paid`."),
			"amount":              listedFloat64("Amount."),
			"subtotal":            listedFloat64("Subtotal before discount and tax."),
			"tax_amount":          listedFloat64("Tax."),
			"discount_amount":     listedFloat64("Discount."),
			"amount_after_tax":    listedFloat64("Total after discount and tax."),
			"credit_from_balance": listedFloat64("Part paid from the organization's balance."),
			"currency":            listedString("Currency, for example `IDR`."),
			"billed_to":           listedString("Who is billed."),
			"billing_method":      listedString("How it is paid."),
			"due_date":            listedString("Due date (RFC 3339)."),
			"period_start":        listedString("Start of the billed period (RFC 3339)."),
			"period_end":          listedString("End of the billed period (RFC 3339)."),
			"created_at":          listedString("When it was issued (RFC 3339)."),
		}),
	}
}

func readInvoices(ctx context.Context, client *api.Client, m *invoicesDataModel, diags *diag.Diagnostics) error {
	org, err := orgOrDefault(client, m.OrganizationUUID, diags)
	if err != nil {
		return err
	}
	invoices, err := client.ListInvoices(ctx, org)
	if err != nil {
		return err
	}
	keep := func(inv *api.Invoice) bool { return matchesFold(m.Status, string(inv.Status)) }
	m.Invoices = collect(invoices, keep, func(inv *api.Invoice) invoiceItemModel {
		return invoiceItemModel{
			UUID: types.StringValue(inv.UUID), Number: str(inv.Number), Status: str(inv.Status),
			Amount: float64Value(inv.Amount), Subtotal: float64Value(inv.Subtotal), TaxAmount: float64Value(inv.TaxAmount),
			DiscountAmount: float64Value(inv.DiscountAmount), AmountAfterTax: float64Value(inv.AmountAfterTax),
			CreditFromBalance: float64Value(inv.CreditFromBalance), Currency: str(inv.Currency), BilledTo: str(inv.BilledTo),
			BillingMethod: str(inv.BillingMethod), DueDate: str(inv.DueDate), PeriodStart: str(inv.PeriodeStartedDate),
			PeriodEnd: str(inv.PeriodeEndedDate), CreatedAt: str(inv.CreatedAt),
		}
	})
	return nil
}

type invoicesDataModel struct {
	OrganizationUUID types.String       `tfsdk:"organization_uuid"`
	Status           types.String       `tfsdk:"status"`
	Invoices         []invoiceItemModel `tfsdk:"invoices"`
}

type invoiceItemModel struct {
	UUID              types.String  `tfsdk:"uuid"`
	Number            types.String  `tfsdk:"number"`
	Status            types.String  `tfsdk:"status"`
	Amount            types.Float64 `tfsdk:"amount"`
	Subtotal          types.Float64 `tfsdk:"subtotal"`
	TaxAmount         types.Float64 `tfsdk:"tax_amount"`
	DiscountAmount    types.Float64 `tfsdk:"discount_amount"`
	AmountAfterTax    types.Float64 `tfsdk:"amount_after_tax"`
	CreditFromBalance types.Float64 `tfsdk:"credit_from_balance"`
	Currency          types.String  `tfsdk:"currency"`
	BilledTo          types.String  `tfsdk:"billed_to"`
	BillingMethod     types.String  `tfsdk:"billing_method"`
	DueDate           types.String  `tfsdk:"due_date"`
	PeriodStart       types.String  `tfsdk:"period_start"`
	PeriodEnd         types.String  `tfsdk:"period_end"`
	CreatedAt         types.String  `tfsdk:"created_at"`
}
