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
		"name": schema.StringAttribute{
			Optional:            true,
			MarkdownDescription: "Only the organizations with exactly this name.",
		},
		"organizations": schema.ListNestedAttribute{
			Computed:            true,
			MarkdownDescription: "The organizations, oldest first.",
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"uuid":          schema.StringAttribute{Computed: true, MarkdownDescription: "UUID of the organization."},
				"name":          schema.StringAttribute{Computed: true, MarkdownDescription: "Name."},
				"slug":          schema.StringAttribute{Computed: true, MarkdownDescription: "URL-friendly name."},
				"balance":       schema.Float64Attribute{Computed: true, MarkdownDescription: "Prepaid balance."},
				"payment_plans": schema.StringAttribute{Computed: true, MarkdownDescription: "Payment plan, for example `prepaid`."},
				"member_count":  schema.Int64Attribute{Computed: true, MarkdownDescription: "Number of members."},
				"user_level":    schema.Int64Attribute{Computed: true, MarkdownDescription: "Level of the provider's user: `1` admin, `2` member."},
				"is_default":    schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether it is the user's default organization."},
				"created_at":    schema.StringAttribute{Computed: true, MarkdownDescription: "When it was created (RFC 3339)."},
			}},
		},
	}
}

func readOrganizations(ctx context.Context, client *api.Client, m *organizationsDataModel, diags *diag.Diagnostics) error {
	orgs, err := client.ListOrganizations(ctx)
	if err != nil {
		return err
	}
	m.Organizations = collect(orgs, func(o *api.Organization) bool { return m.Name.IsNull() || o.Name == m.Name.ValueString() },
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
