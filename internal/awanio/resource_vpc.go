package awanio

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/validate"
)

// NewVPCResource is the cloudorder_awanio_vpc resource.
var NewVPCResource = newObject[vpcModel](&kind[vpcModel]{
	suffix: "_awanio_vpc",
	what:   "VPC",
	description: "A VPC (private network) of an Awanio organization. Awanio picks its address range from the requested size. " +
		"VPCs cannot be changed: a new label or size replaces the VPC.",
	attributes: vpcAttributes,
	timeouts:   timeouts.Opts{Create: true, Read: true, Delete: true},
	create: func(ctx context.Context, o *op, m *vpcModel) error {
		org := m.organization()
		v, err := o.client.CreateVPC(ctx, org, api.VPCCreateRequest{Label: m.Label.ValueString(), Size: int(m.Size.ValueInt64())})
		return answered(v, err).into(func(v *api.VPC) { m.fromAPI(org, v) })
	},
	read: func(ctx context.Context, o *op, m *vpcModel) error {
		org := m.organization()
		return answered(o.client.GetVPC(ctx, org, m.ID.ValueString())).into(func(v *api.VPC) { m.fromAPI(org, v) })
	},
	// No update: every argument but timeouts replaces the VPC.
	del: func(ctx context.Context, o *op, m *vpcModel) error {
		return o.client.DeleteVPC(ctx, m.organization(), m.ID.ValueString())
	},
	// VPCs are read through their organization.
	importID: func(id string) (map[string]any, error) {
		org, vpc, err := splitUUIDPair(id)
		return map[string]any{"id": vpc, "organization_uuid": org}, err
	},
	importHint: "Import a VPC as <organization_uuid>/<vpc_uuid>, for example " +
		"`terraform import cloudorder_awanio_vpc.example 0b7c1d2e-3f40-4a51-8b62-7c83d94ea5f6/2c382fe4-d69d-49f4-a424-1f42e495097a`",
	modifyPlan: defaultOwnerPlan(ownedByOrganization, true),
})

func vpcAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id": stableString("UUID of the VPC."),
		"organization_uuid": schema.StringAttribute{
			Optional:            true,
			Computed:            true,
			MarkdownDescription: "Organization of the VPC (VPCs belong to organizations, not projects). Defaults to the provider's `organization_uuid`. Changing it replaces the VPC.",
			Validators:          []validator.String{validate.UUID()},
			PlanModifiers: []planmodifier.String{
				stringplanmodifier.UseStateForUnknown(),
				stringplanmodifier.RequiresReplaceIf(differentUUID, "Replaces the VPC when it names another organization.", "Replaces the VPC when it names another organization."),
			},
		},
		"label": schema.StringAttribute{
			Required:            true,
			MarkdownDescription: "Label of the VPC, unique within the organization (the provider finds a VPC whose create answer was lost by it). Changing it replaces the VPC.",
			Validators:          nameValidators(255),
			PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
		},
		"size": schema.Int64Attribute{
			Required: true,
			MarkdownDescription: "Size of the address range as a prefix length, from 16 (65,536 addresses) to 28 (16 addresses); " +
				"20 gives a `/20` such as `10.253.208.0/20`. Changing it replaces the VPC.",
			Validators:    []validator.Int64{int64validator.Between(16, 28)},
			PlanModifiers: []planmodifier.Int64{int64planmodifier.RequiresReplace()},
		},
		"cidr":          stableString("Address range Awanio assigned, in CIDR notation."),
		"first_address": stableString("First usable address of the range."),
		"last_address":  stableString("Last usable address of the range."),
		"created_at":    stableString("When the VPC was created (RFC 3339)."),
	}
}

type vpcModel struct {
	ID               types.String `tfsdk:"id"`
	OrganizationUUID types.String `tfsdk:"organization_uuid"`
	Label            types.String `tfsdk:"label"`
	Size             types.Int64  `tfsdk:"size"`
	CIDR             types.String `tfsdk:"cidr"`
	FirstAddress     types.String `tfsdk:"first_address"`
	LastAddress      types.String `tfsdk:"last_address"`
	CreatedAt        types.String `tfsdk:"created_at"`
	withTimeouts
}

func (m *vpcModel) fromAPI(orgUUID string, v *api.VPC) {
	m.ID = types.StringValue(v.UUID)
	m.OrganizationUUID = keepUUID(m.OrganizationUUID, orgUUID)
	m.Label = types.StringValue(v.Label)
	m.CIDR, m.FirstAddress, m.LastAddress = types.StringNull(), types.StringNull(), types.StringNull()
	if v.VPCIP != nil {
		m.CIDR = stringOrNull(string(v.VPCIP.Label))
		m.FirstAddress = stringOrNull(string(v.VPCIP.FirstAddress))
		m.LastAddress = stringOrNull(string(v.VPCIP.LastAddress))
		if v.VPCIP.CIDR != 0 {
			m.Size = types.Int64Value(int64(v.VPCIP.CIDR))
		}
	}
	m.CreatedAt = stringOrNull(string(v.CreatedAt))
}

// organization is the VPC's organization, in canonical form.
func (m *vpcModel) organization() string {
	org, _ := canonicalUUID(m.OrganizationUUID.ValueString())
	return org
}
