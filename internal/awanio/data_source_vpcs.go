package awanio

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/validate"
)

// NewVPCsDataSource is the cloudorder_awanio_vpcs data source.
var NewVPCsDataSource = newDataSource(&dataKind[vpcsDataModel]{
	suffix:      "_awanio_vpcs",
	description: "Lists the VPCs of an Awanio organization.",
	attributes:  vpcListAttributes,
	read:        readVPCs,
	failure:     readError("VPCs"),
})

func vpcListAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
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
	}
}

func readVPCs(ctx context.Context, client *api.Client, m *vpcsDataModel, diags *diag.Diagnostics) error {
	org, err := orgOrDefault(client, m.OrganizationUUID, diags)
	if err != nil {
		return err
	}
	vpcs, err := client.ListVPCs(ctx, org)
	if err != nil {
		return err
	}
	m.VPCs = collect(vpcs, func(v *api.VPC) bool { return m.Label.IsNull() || v.Label == m.Label.ValueString() },
		func(v *api.VPC) vpcItemModel {
			var vm vpcModel
			vm.Size = types.Int64Null()
			vm.fromAPI(org, v)
			return vpcItemModel{
				UUID: vm.ID, Label: vm.Label, Size: vm.Size, CIDR: vm.CIDR,
				FirstAddress: vm.FirstAddress, LastAddress: vm.LastAddress, CreatedAt: vm.CreatedAt,
			}
		})
	return nil
}

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
