package awanio

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/validate"
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
	money := func(desc string) schema.Attribute {
		return schema.Float64Attribute{Computed: true, MarkdownDescription: desc}
	}
	text := func(desc string) schema.Attribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	return map[string]schema.Attribute{
		"organization_uuid": schema.StringAttribute{
			Optional:            true,
			MarkdownDescription: "Organization whose invoices to list; defaults to the provider's `organization_uuid`.",
			Validators:          []validator.String{validate.UUID()},
		},
		"status": schema.StringAttribute{
			Optional:            true,
			MarkdownDescription: "Only invoices with this status, for example `paid` or `unpaid` (compared without regard to case).",
		},
		"invoices": schema.ListNestedAttribute{
			Computed:            true,
			MarkdownDescription: "The invoices, oldest first.",
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"uuid":                text("UUID of the invoice."),
				"number":              text("Invoice number, if assigned."),
				"status":              text("Status, for example `paid`."),
				"amount":              money("Amount."),
				"subtotal":            money("Subtotal before discount and tax."),
				"tax_amount":          money("Tax."),
				"discount_amount":     money("Discount."),
				"amount_after_tax":    money("Total after discount and tax."),
				"credit_from_balance": money("Part paid from the organization's balance."),
				"currency":            text("Currency, for example `IDR`."),
				"billed_to":           text("Who is billed."),
				"billing_method":      text("How it is paid."),
				"due_date":            text("Due date (RFC 3339)."),
				"period_start":        text("Start of the billed period (RFC 3339)."),
				"period_end":          text("End of the billed period (RFC 3339)."),
				"created_at":          text("When it was issued (RFC 3339)."),
			}},
		},
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
	keep := func(inv *api.Invoice) bool {
		return m.Status.IsNull() || strings.EqualFold(string(inv.Status), m.Status.ValueString())
	}
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
