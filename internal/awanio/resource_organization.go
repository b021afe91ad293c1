package awanio

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
)

// NewOrganizationResource is the cloudorder_awanio_organization resource.
var NewOrganizationResource = newObject[organizationModel](&kind[organizationModel]{
	suffix: "_awanio_organization",
	what:   "organization",
	description: "An Awanio organization: the account that owns projects and resources and is billed for them. " +
		"The user the provider logs in as creates it and becomes its admin. Renaming updates it in place. " +
		"Destroying it fails while it still has projects or resources.",
	attributes: organizationAttributes,
	timeouts:   timeouts.Opts{Create: true, Read: true, Update: true, Delete: true},
	create: func(ctx context.Context, o *op, m *organizationModel) error {
		return answered(o.client.CreateOrganization(ctx, m.toCreate())).into(m.fromAPI)
	},
	read: func(ctx context.Context, o *op, m *organizationModel) error {
		return answered(o.client.GetOrganization(ctx, m.ID.ValueString())).into(m.fromAPI)
	},
	update: func(ctx context.Context, o *op, plan, state *organizationModel) error {
		id := state.ID.ValueString()
		var org *api.Organization
		var err error
		if plan.Name.Equal(state.Name) {
			// Only timeouts changed: nothing to send.
			org, err = o.client.GetOrganization(ctx, id)
		} else {
			org, err = o.client.UpdateOrganization(ctx, id, api.OrganizationUpdateRequest{Name: plan.Name.ValueString()})
		}
		return answered(org, err).into(plan.fromAPI)
	},
	del: func(ctx context.Context, o *op, m *organizationModel) error {
		return o.client.DeleteOrganization(ctx, m.ID.ValueString())
	},
	importID:   importByUUID,
	importHint: "Import a cloudorder_awanio_organization by its UUID, for example `terraform import cloudorder_awanio_organization.example 0b7c1d2e-3f40-4a51-8b62-7c83d94ea5f6`",
})

func organizationAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id": stableString("UUID of the organization."),
		"name": schema.StringAttribute{
			Required:            true,
			MarkdownDescription: "Name of the organization (1 to 255 characters, no leading or trailing spaces). Changing it renames the organization in place.",
			Validators:          nameValidators(255),
		},
		"slug":                     computedString("URL-friendly name Awanio derives from `name`."),
		"balance":                  computedFloat64("Prepaid balance, in the organization's currency."),
		"discount":                 computedFloat64("Discount the organization gets."),
		"payment_plans":            computedString("Payment plan, for example `prepaid`."),
		"monthly_amount_threshold": computedFloat64("Monthly amount threshold of a postpaid plan."),
		"account_payable":          computedFloat64("Amount the organization owes."),
		"tax_percent":              computedFloat64("Tax rate applied to invoices, in percent."),
		"member_count":             computedInt64("Number of members."),
		"user_level":               computedInt64("Level of the provider's user in the organization: `1` admin, `2` member."),
		"is_default":               computedBool("Whether this is the default organization of the provider's user."),
		"created_at":               stableString("When the organization was created (RFC 3339)."),
	}
}

// organizationModel is cloudorder_awanio_organization in Terraform.
type organizationModel struct {
	ID                     types.String  `tfsdk:"id"`
	Name                   types.String  `tfsdk:"name"`
	Slug                   types.String  `tfsdk:"slug"`
	Balance                types.Float64 `tfsdk:"balance"`
	Discount               types.Float64 `tfsdk:"discount"`
	PaymentPlans           types.String  `tfsdk:"payment_plans"`
	MonthlyAmountThreshold types.Float64 `tfsdk:"monthly_amount_threshold"`
	AccountPayable         types.Float64 `tfsdk:"account_payable"`
	TaxPercent             types.Float64 `tfsdk:"tax_percent"`
	MemberCount            types.Int64   `tfsdk:"member_count"`
	UserLevel              types.Int64   `tfsdk:"user_level"`
	IsDefault              types.Bool    `tfsdk:"is_default"`
	CreatedAt              types.String  `tfsdk:"created_at"`
	withTimeouts
}

// fromAPI sets every attribute from what Awanio returned, so drift shows.
func (m *organizationModel) fromAPI(o *api.Organization) {
	m.ID = types.StringValue(o.UUID)
	m.Name = types.StringValue(o.Name)
	m.Slug = types.StringValue(string(o.Slug))
	m.Balance = types.Float64Value(float64(o.Balance))
	m.Discount = types.Float64Value(float64(o.Discount))
	m.PaymentPlans = types.StringValue(string(o.PaymentPlans))
	m.MonthlyAmountThreshold = types.Float64Value(float64(o.MonthlyAmountThreshold))
	m.AccountPayable = types.Float64Value(float64(o.AccountPayable))
	m.TaxPercent = types.Float64Value(float64(o.TaxPercent))
	m.MemberCount = types.Int64Value(int64(o.MemberCount))
	m.UserLevel = types.Int64Null()
	m.IsDefault = types.BoolValue(false)
	if o.OrganizationMember != nil {
		if lvl := int64(o.OrganizationMember.UserLevel); lvl != 0 {
			m.UserLevel = types.Int64Value(lvl)
		}
		m.IsDefault = types.BoolValue(bool(o.OrganizationMember.IsDefault))
	}
	m.CreatedAt = stringOrNull(string(o.CreatedAt))
}

// toCreate is the API request for a new organization.
func (m *organizationModel) toCreate() api.OrganizationCreateRequest {
	return api.OrganizationCreateRequest{Name: m.Name.ValueString()}
}
