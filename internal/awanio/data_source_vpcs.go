package awanio

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
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
		"organization_uuid": uuidFilterArg("Organization whose VPCs to list; defaults to the provider's `organization_uuid`."),
		"label":             filterArg("Only the VPCs with exactly this label."),
		"vpcs": resultList("The VPCs, oldest first.", map[string]schema.Attribute{
			"uuid":          listedString("UUID of the VPC."),
			"label":         listedString("Label."),
			"size":          listedInt64("Prefix length of the range."),
			"cidr":          listedString("Address range in CIDR notation."),
			"first_address": listedString("First usable address."),
			"last_address":  listedString("Last usable address."),
			"created_at":    listedString("When it was created (RFC 3339)."),
		}),
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
	m.VPCs = collect(vpcs, func(v *api.VPC) bool { return matches(m.Label, v.Label) },
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
