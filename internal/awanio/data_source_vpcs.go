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
	args: map[string]schema.Attribute{
		"organization_uuid": uuidFilterArg("Organization whose VPCs to list; defaults to the provider's `organization_uuid`."),
		"label":             filterArg("Only the VPCs with exactly this label."),
	},
	results: vpcResults,
	read:    readVPCs,
	failure: readError("VPCs"),
})

// The VPCs are listed as the resource reads them.
var vpcResults = &results[vpcModel]{"vpcs", "The VPCs, oldest first.", []column[vpcModel]{
	textCol("uuid", "UUID of the VPC.", func(v *vpcModel) types.String { return v.ID }),
	textCol("label", "Label.", func(v *vpcModel) types.String { return v.Label }),
	int64Col("size", "Prefix length of the range.", func(v *vpcModel) types.Int64 { return v.Size }),
	textCol("cidr", "Address range in CIDR notation.", func(v *vpcModel) types.String { return v.CIDR }),
	textCol("first_address", "First usable address.", func(v *vpcModel) types.String { return v.FirstAddress }),
	textCol("last_address", "Last usable address.", func(v *vpcModel) types.String { return v.LastAddress }),
	textCol("created_at", "When it was created (RFC 3339).", func(v *vpcModel) types.String { return v.CreatedAt }),
}}

func readVPCs(ctx context.Context, client *api.Client, m *vpcsDataModel, diags *diag.Diagnostics) error {
	org, err := orgOrDefault(client, m.OrganizationUUID, diags)
	if err != nil {
		return err
	}
	vpcs, err := client.ListVPCs(ctx, org)
	if err != nil {
		return err
	}
	m.VPCs = vpcResults.value(collect(vpcs, func(v *api.VPC) bool { return matches(m.Label, v.Label) },
		func(v *api.VPC) (vm vpcModel) {
			vm.Size = types.Int64Null()
			vm.fromAPI(org, v)
			return vm
		}))
	return nil
}

type vpcsDataModel struct {
	OrganizationUUID types.String `tfsdk:"organization_uuid"`
	Label            types.String `tfsdk:"label"`
	VPCs             types.List   `tfsdk:"vpcs"`
}
