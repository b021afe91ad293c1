package awanio

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/tfdiag"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/validate"
)

var (
	_ resource.Resource                = (*vpcResource)(nil)
	_ resource.ResourceWithConfigure   = (*vpcResource)(nil)
	_ resource.ResourceWithImportState = (*vpcResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*vpcResource)(nil)
)

// NewVPCResource is the cloudorder_awanio_vpc resource.
func NewVPCResource() resource.Resource { return &vpcResource{} }

type vpcResource struct{ client *api.Client }

type vpcModel struct {
	ID               types.String   `tfsdk:"id"`
	OrganizationUUID types.String   `tfsdk:"organization_uuid"`
	Label            types.String   `tfsdk:"label"`
	Size             types.Int64    `tfsdk:"size"`
	CIDR             types.String   `tfsdk:"cidr"`
	FirstAddress     types.String   `tfsdk:"first_address"`
	LastAddress      types.String   `tfsdk:"last_address"`
	CreatedAt        types.String   `tfsdk:"created_at"`
	Timeouts         timeouts.Value `tfsdk:"timeouts"`
}

func (m *vpcModel) fromAPI(orgUUID string, v *api.VPC) {
	m.ID = types.StringValue(v.UUID)
	m.OrganizationUUID = sameUUID(m.OrganizationUUID, orgUUID)
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

func (r *vpcResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_awanio_vpc"
}

func (r *vpcResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	stable := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A VPC (private network) of an Awanio organization. Awanio picks its address range from the requested size. " +
			"VPCs cannot be changed: a new label or size replaces the VPC.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "UUID of the VPC.",
				PlanModifiers:       stable,
			},
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
			"cidr": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Address range Awanio assigned, in CIDR notation.",
				PlanModifiers:       stable,
			},
			"first_address": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "First usable address of the range.",
				PlanModifiers:       stable,
			},
			"last_address": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Last usable address of the range.",
				PlanModifiers:       stable,
			},
			"created_at": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "When the VPC was created (RFC 3339).",
				PlanModifiers:       stable,
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Delete: true}),
		},
	}
	resp.Schema.MarkdownDescription += apiNotes["cloudorder_awanio_vpc"]
}

func (r *vpcResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *vpcResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.client == nil {
		return
	}
	resolveOwnerInPlan(ctx, req, resp, path.Root("organization_uuid"), r.client.DefaultOrganizationUUID(), "organization_uuid", true)
}

func (r *vpcResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan vpcModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := plan.Timeouts.Create(ctx, defaultTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	orgUUID, _ := canonicalUUID(plan.OrganizationUUID.ValueString())
	v, err := r.client.CreateVPC(ctx, orgUUID, api.VPCCreateRequest{Label: plan.Label.ValueString(), Size: int(plan.Size.ValueInt64())})
	if err != nil {
		tfdiag.AddError(&resp.Diagnostics, "Could not create the Awanio VPC", err)
		return
	}
	tflog.Info(ctx, "created Awanio VPC", map[string]any{"vpc_uuid": v.UUID, "organization_uuid": orgUUID})
	plan.fromAPI(orgUUID, v)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *vpcResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state vpcModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := state.Timeouts.Read(ctx, defaultTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	orgUUID, _ := canonicalUUID(state.OrganizationUUID.ValueString())
	v, err := r.client.GetVPC(ctx, orgUUID, state.ID.ValueString())
	if apiclient.IsNotFound(err) {
		tflog.Warn(ctx, "Awanio VPC not found; removing it from the state", map[string]any{"vpc_uuid": state.ID.ValueString()})
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		tfdiag.AddError(&resp.Diagnostics, "Could not read the Awanio VPC", err)
		return
	}
	state.fromAPI(orgUUID, v)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update only stores new timeouts: every other argument replaces the VPC.
func (r *vpcResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan vpcModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *vpcResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state vpcModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := state.Timeouts.Delete(ctx, defaultTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	orgUUID, _ := canonicalUUID(state.OrganizationUUID.ValueString())
	if err := r.client.DeleteVPC(ctx, orgUUID, state.ID.ValueString()); err != nil && !apiclient.IsNotFound(err) {
		tfdiag.AddError(&resp.Diagnostics, "Could not delete the Awanio VPC", err)
	}
}

// ImportState takes <organization_uuid>/<vpc_uuid>: VPCs are read through
// their organization.
func (r *vpcResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	orgUUID, vpcUUID, err := splitUUIDPair(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID",
			"Import a VPC as <organization_uuid>/<vpc_uuid>, for example "+
				"`terraform import cloudorder_awanio_vpc.example 0b7c1d2e-3f40-4a51-8b62-7c83d94ea5f6/2c382fe4-d69d-49f4-a424-1f42e495097a`: "+sentence(err.Error()))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), vpcUUID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("organization_uuid"), orgUUID)...)
}
