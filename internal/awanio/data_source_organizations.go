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
	attributes:  organizationsAttributes,
	read:        readOrganizations,
	failure:     readError("organizations"),
})

func organizationsAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"name": filterArg("Only the organizations with exactly this name."),
		"organizations": resultList("The organizations, oldest first.", map[string]schema.Attribute{
			"uuid":          listedString("UUID of the organization."),
			"name":          listedString("Name."),
			"slug":          listedString("URL-friendly name."),
			"balance":       listedFloat64("Prepaid balance."),
			"payment_plans": listedString("Payment plan, for example `prepaid`."),
			"member_count":  listedInt64("Number of members."),
			"user_level":    listedInt64("Level of the provider's user: `1` admin, `2` member."),
			"is_default":    listedBool("Whether it is the user's default organization."),
			"created_at":    listedString("When it was created (RFC 3339)."),
		}),
	}
}

func readOrganizations(ctx context.Context, client *api.Client, m *organizationsDataModel, diags *diag.Diagnostics) error {
	orgs, err := client.ListOrganizations(ctx)
	if err != nil {
		return err
	}
	m.Organizations = collect(orgs, func(o *api.Organization) bool { return matches(m.Name, o.Name) },
		func(o *api.Organization) organizationItemModel {
			var om organizationModel
			om.fromAPI(o)
			return organizationItemModel{
				UUID: om.ID, Name: om.Name, Slug: om.Slug, Balance: om.Balance, PaymentPlans: om.PaymentPlans,
				MemberCount: om.MemberCount, UserLevel: om.UserLevel, IsDefault: om.IsDefault, CreatedAt: om.CreatedAt,
			}
		})
	return nil
}

type organizationsDataModel struct {
	Name          types.String            `tfsdk:"name"`
	Organizations []organizationItemModel `tfsdk:"organizations"`
}

type organizationItemModel struct {
	UUID         types.String  `tfsdk:"uuid"`
	Name         types.String  `tfsdk:"name"`
	Slug         types.String  `tfsdk:"slug"`
	Balance      types.Float64 `tfsdk:"balance"`
	PaymentPlans types.String  `tfsdk:"payment_plans"`
	MemberCount  types.Int64   `tfsdk:"member_count"`
	UserLevel    types.Int64   `tfsdk:"user_level"`
	IsDefault    types.Bool    `tfsdk:"is_default"`
	CreatedAt    types.String  `tfsdk:"created_at"`
}
