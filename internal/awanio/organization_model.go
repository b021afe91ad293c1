package awanio

import (
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
)

// organizationModel is cloudorder_awanio_organization in Terraform.
type organizationModel struct {
	ID                     types.String   `tfsdk:"id"`
	Name                   types.String   `tfsdk:"name"`
	Slug                   types.String   `tfsdk:"slug"`
	Balance                types.Float64  `tfsdk:"balance"`
	Discount               types.Float64  `tfsdk:"discount"`
	PaymentPlans           types.String   `tfsdk:"payment_plans"`
	MonthlyAmountThreshold types.Float64  `tfsdk:"monthly_amount_threshold"`
	AccountPayable         types.Float64  `tfsdk:"account_payable"`
	TaxPercent             types.Float64  `tfsdk:"tax_percent"`
	MemberCount            types.Int64    `tfsdk:"member_count"`
	UserLevel              types.Int64    `tfsdk:"user_level"`
	IsDefault              types.Bool     `tfsdk:"is_default"`
	CreatedAt              types.String   `tfsdk:"created_at"`
	Timeouts               timeouts.Value `tfsdk:"timeouts"`
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
