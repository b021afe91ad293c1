package awanio

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
)

// NewOrganizationsDataSource is the cloudorder_awanio_organizations data source.
var NewOrganizationsDataSource = newDataSource(&dataKind[organizationsDataModel]{
	suffix:      "_awanio_organizations",
	description: "Lists the Awanio organizations the provider's user belongs to.",
	args: map[string]schema.Attribute{
		"name": filterArg("Only the organizations with exactly this name."),
	},
	results: organizationResults,
	read:    readOrganizations,
	failure: readError("organizations"),
})

// The organizations are listed as the resource reads them.
var organizationResults = &results[organizationModel]{"organizations", "The organizations, oldest first.", []column[organizationModel]{
	textCol("uuid", "UUID of the organization.", func(o *organizationModel) types.String { return o.ID }),
	textCol("name", "Name.", func(o *organizationModel) types.String { return o.Name }),
	textCol("slug", "URL-friendly name.", func(o *organizationModel) types.String { return o.Slug }),
	float64Col("balance", "Prepaid balance.", func(o *organizationModel) types.Float64 { return o.Balance }),
	textCol("payment_plans", "Payment plan, for example `prepaid`.", func(o *organizationModel) types.String { return o.PaymentPlans }),
	int64Col("member_count", "Number of members.", func(o *organizationModel) types.Int64 { return o.MemberCount }),
	int64Col("user_level", "Level of the provider's user: `1` admin, `2` member.", func(o *organizationModel) types.Int64 { return o.UserLevel }),
	boolCol("is_default", "Whether it is the user's default organization.", func(o *organizationModel) types.Bool { return o.IsDefault }),
	textCol("created_at", "When it was created (RFC 3339).", func(o *organizationModel) types.String { return o.CreatedAt }),
}}

func readOrganizations(ctx context.Context, client *api.Client, m *organizationsDataModel, _ *diag.Diagnostics) error {
	orgs, err := client.ListOrganizations(ctx)
	if err != nil {
		return err
	}
	m.Organizations = organizationResults.value(collect(orgs, func(o *api.Organization) bool { return matches(m.Name, o.Name) },
		func(o *api.Organization) (om organizationModel) {
			om.fromAPI(o)
			return om
		}))
	return nil
}

type organizationsDataModel struct {
	Name          types.String `tfsdk:"name"`
	Organizations types.List   `tfsdk:"organizations"`
}
