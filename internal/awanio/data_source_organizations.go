package awanio

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/tfdiag"
)

var _ datasource.DataSourceWithConfigure = (*organizationsDataSource)(nil)

// NewOrganizationsDataSource is the cloudorder_awanio_organizations data source.
func NewOrganizationsDataSource() datasource.DataSource { return &organizationsDataSource{} }

type organizationsDataSource struct{ dataSourceBase }

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

func (d *organizationsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_awanio_organizations"
}

func (d *organizationsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the Awanio organizations the provider's user belongs to.",
		Attributes: map[string]schema.Attribute{
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
		},
	}
	resp.Schema.MarkdownDescription += apiNotes["cloudorder_awanio_organizations"]
}

func (d *organizationsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m organizationsDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	orgs, err := d.client.ListOrganizations(ctx)
	if err != nil {
		tfdiag.AddError(&resp.Diagnostics, readError("organizations"), err)
		return
	}
	m.Organizations = []organizationItemModel{}
	for i := range orgs {
		o := &orgs[i]
		if !m.Name.IsNull() && o.Name != m.Name.ValueString() {
			continue
		}
		var om organizationModel
		om.fromAPI(o)
		m.Organizations = append(m.Organizations, organizationItemModel{
			UUID: om.ID, Name: om.Name, Slug: om.Slug, Balance: om.Balance, PaymentPlans: om.PaymentPlans,
			MemberCount: om.MemberCount, UserLevel: om.UserLevel, IsDefault: om.IsDefault, CreatedAt: om.CreatedAt,
		})
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
