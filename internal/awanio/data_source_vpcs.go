package awanio

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/tfdiag"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/validate"
)

var _ datasource.DataSourceWithConfigure = (*vpcsDataSource)(nil)

// NewVPCsDataSource is the cloudorder_awanio_vpcs data source.
func NewVPCsDataSource() datasource.DataSource { return &vpcsDataSource{} }

type vpcsDataSource struct{ dataSourceBase }

type vpcsDataModel struct {
	OrganizationUUID types.String   `tfsdk:"organization_uuid"`
	Label            types.String   `tfsdk:"label"`
	VPCs             []vpcItemModel `tfsdk:"vpcs"`
}

type vpcItemModel struct {
	UUID         types.String `tfsdk:"uuid"`
	Label        types.String `tfsdk:"label"`
	Size         types.Int64  `tfsdk:"size"`
	CIDR         types.String `tfsdk:"cidr"`
	FirstAddress types.String `tfsdk:"first_address"`
	LastAddress  types.String `tfsdk:"last_address"`
	CreatedAt    types.String `tfsdk:"created_at"`
}

func (d *vpcsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_awanio_vpcs"
}

func (d *vpcsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the VPCs of an Awanio organization.",
		Attributes: map[string]schema.Attribute{
			"organization_uuid": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Organization whose VPCs to list; defaults to the provider's `organization_uuid`.",
				Validators:          []validator.String{validate.UUID()},
			},
			"label": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only the VPCs with exactly this label.",
			},
			"vpcs": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The VPCs, oldest first.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"uuid":          schema.StringAttribute{Computed: true, MarkdownDescription: "UUID of the VPC."},
					"label":         schema.StringAttribute{Computed: true, MarkdownDescription: "Label."},
					"size":          schema.Int64Attribute{Computed: true, MarkdownDescription: "Prefix length of the range."},
					"cidr":          schema.StringAttribute{Computed: true, MarkdownDescription: "Address range in CIDR notation."},
					"first_address": schema.StringAttribute{Computed: true, MarkdownDescription: "First usable address."},
					"last_address":  schema.StringAttribute{Computed: true, MarkdownDescription: "Last usable address."},
					"created_at":    schema.StringAttribute{Computed: true, MarkdownDescription: "When it was created (RFC 3339)."},
				}},
			},
		},
	}
	resp.Schema.MarkdownDescription += apiNotes["cloudorder_awanio_vpcs"]
}

func (d *vpcsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m vpcsDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	org := d.orgOrDefault(m.OrganizationUUID, resp)
	if resp.Diagnostics.HasError() {
		return
	}
	vpcs, err := d.client.ListVPCs(ctx, org)
	if err != nil {
		tfdiag.AddError(&resp.Diagnostics, readError("VPCs"), err)
		return
	}
	m.VPCs = []vpcItemModel{}
	for i := range vpcs {
		if !m.Label.IsNull() && vpcs[i].Label != m.Label.ValueString() {
			continue
		}
		var vm vpcModel
		vm.Size = types.Int64Null()
		vm.fromAPI(org, &vpcs[i])
		m.VPCs = append(m.VPCs, vpcItemModel{
			UUID: vm.ID, Label: vm.Label, Size: vm.Size, CIDR: vm.CIDR,
			FirstAddress: vm.FirstAddress, LastAddress: vm.LastAddress, CreatedAt: vm.CreatedAt,
		})
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
