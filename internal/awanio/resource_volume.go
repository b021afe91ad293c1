package awanio

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
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
	_ resource.Resource                     = (*volumeResource)(nil)
	_ resource.ResourceWithConfigure        = (*volumeResource)(nil)
	_ resource.ResourceWithImportState      = (*volumeResource)(nil)
	_ resource.ResourceWithModifyPlan       = (*volumeResource)(nil)
	_ resource.ResourceWithConfigValidators = (*volumeResource)(nil)
)

// NewVolumeResource is the cloudorder_awanio_volume resource.
func NewVolumeResource() resource.Resource { return &volumeResource{} }

type volumeResource struct{ client *api.Client }

type volumeModel struct {
	ID               types.String   `tfsdk:"id"`
	OrganizationUUID types.String   `tfsdk:"organization_uuid"`
	ProjectUUID      types.String   `tfsdk:"project_uuid"`
	Label            types.String   `tfsdk:"label"`
	PricingUUID      types.String   `tfsdk:"pricing_uuid"`
	SourceVolumeUUID types.String   `tfsdk:"source_volume_uuid"`
	SizeGB           types.Int64    `tfsdk:"size_gb"`
	IsUsed           types.Bool     `tfsdk:"is_used"`
	VolumeType       types.String   `tfsdk:"volume_type"`
	CreatedAt        types.String   `tfsdk:"created_at"`
	Timeouts         timeouts.Value `tfsdk:"timeouts"`
}

// group is where the volume lives: its project, else its organization.
func (m *volumeModel) group() api.Group {
	if !m.ProjectUUID.IsNull() && !m.ProjectUUID.IsUnknown() && m.ProjectUUID.ValueString() != "" {
		id, _ := canonicalUUID(m.ProjectUUID.ValueString())
		return api.ProjectGroup(id)
	}
	id, _ := canonicalUUID(m.OrganizationUUID.ValueString())
	return api.OrganizationGroup(id)
}

func (m *volumeModel) fromAPI(v *api.Volume) {
	m.ID = types.StringValue(v.UUID)
	// Only the owner is set, as in the configuration: a project volume
	// with organization_uuid too would conflict with itself in the
	// configuration that `terraform plan -generate-config-out` writes.
	if v.Project != nil && v.Project.UUID != "" {
		m.ProjectUUID = sameUUID(m.ProjectUUID, v.Project.UUID)
		m.OrganizationUUID = types.StringNull()
	} else {
		m.ProjectUUID = types.StringNull()
		if v.Organization != nil {
			m.OrganizationUUID = sameUUID(m.OrganizationUUID, v.Organization.UUID)
		}
	}
	m.Label = types.StringValue(v.Label)
	if v.Pricing != nil && v.Pricing.UUID != "" {
		m.PricingUUID = sameUUID(m.PricingUUID, v.Pricing.UUID)
	}
	if m.SourceVolumeUUID.IsUnknown() {
		m.SourceVolumeUUID = types.StringNull()
	}
	m.SizeGB = types.Int64Value(int64(v.SizeGB))
	m.IsUsed = types.BoolValue(bool(v.IsUsed))
	m.VolumeType = stringOrNull(string(v.VolumeType))
	m.CreatedAt = stringOrNull(string(v.CreatedAt))
}

func (r *volumeResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_awanio_volume"
}

func (r *volumeResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replaceOther := func(what string) []planmodifier.String {
		desc := "Replaces the volume when it names another " + what + "."
		return []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplaceIf(differentUUID, desc, desc)}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A block volume of an Awanio organization or project. Its size is the `storage_gb` of its pricing " +
			"(see the `cloudorder_awanio_pricing` data source with `suitable_for = \"volume\"`). " +
			"The label changes in place; a new `pricing_uuid` resizes the volume in place (volumes only grow); " +
			"`source_volume_uuid` creates the volume as a clone of another volume of the same owner.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "UUID of the volume.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"organization_uuid": schema.StringAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: "Organization that owns the volume. Conflicts with `project_uuid`; null for a project volume. " +
					"When neither is set, the provider's `project_uuid`, else its `organization_uuid`, is used. Changing it replaces the volume.",
				Validators:    []validator.String{validate.UUID()},
				PlanModifiers: replaceOther("organization"),
			},
			"project_uuid": schema.StringAttribute{
				Optional:            true,
				Computed:            true,
				MarkdownDescription: "Project that owns the volume, instead of an organization. Changing it replaces the volume.",
				Validators:          []validator.String{validate.UUID()},
				PlanModifiers:       replaceOther("project"),
			},
			"label": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Label of the volume, unique within its owner (the provider finds a volume whose create answer was lost by it). Changes in place.",
				Validators:          nameValidators(255),
			},
			"pricing_uuid": schema.StringAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: "Pricing (with `suitable_for = \"volume\"`) that sets the volume's size. Required unless `source_volume_uuid` is set, " +
					"in which case it defaults to the source's pricing. Changing it resizes the volume in place; Awanio refuses to shrink one.",
				Validators:    []validator.String{validate.UUID()},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"source_volume_uuid": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Create the volume as a clone of this volume, which must belong to the same owner. Changing it replaces the volume.",
				Validators:          []validator.String{validate.UUID()},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplaceIf(differentUUID, "Replaces the volume when it names another source.", "Replaces the volume when it names another source.")},
			},
			"size_gb": schema.Int64Attribute{
				Computed:            true,
				MarkdownDescription: "Size of the volume in GB.",
			},
			"is_used": schema.BoolAttribute{
				Computed:            true,
				MarkdownDescription: "Whether the volume is attached to a virtual machine.",
			},
			"volume_type": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "`external` for volumes like this one, `boot` for a VM's boot disk.",
			},
			"created_at": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "When the volume was created (RFC 3339).",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true}),
		},
	}
	resp.Schema.MarkdownDescription += apiNotes["cloudorder_awanio_volume"]
}

func (r *volumeResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{
		resourcevalidator.AtLeastOneOf(path.MatchRoot("pricing_uuid"), path.MatchRoot("source_volume_uuid")),
		resourcevalidator.Conflicting(path.MatchRoot("organization_uuid"), path.MatchRoot("project_uuid")),
	}
}

func (r *volumeResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

// ModifyPlan picks the owner when the configuration names none: the
// provider's default project, else its default organization.
func (r *volumeResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.client == nil {
		return
	}
	var org, project types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("organization_uuid"), &org)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("project_uuid"), &project)...)
	if resp.Diagnostics.HasError() || !org.IsNull() || !project.IsNull() {
		return
	}
	if def := r.client.DefaultProjectUUID(); def != "" {
		resolveOwnerInPlan(ctx, req, resp, path.Root("project_uuid"), def, "project_uuid", true)
		return
	}
	if r.client.DefaultOrganizationUUID() == "" && req.State.Raw.IsNull() {
		// A volume belongs to a project or an organization: name both.
		resp.Diagnostics.AddAttributeError(path.Root("organization_uuid"), "Missing organization_uuid",
			"Set organization_uuid or project_uuid in this resource, or a default project_uuid or organization_uuid "+
				"in the provider's awanio block (CLOUDORDER_AWANIO_PROJECT_UUID, CLOUDORDER_AWANIO_ORGANIZATION_UUID).")
		return
	}
	resolveOwnerInPlan(ctx, req, resp, path.Root("organization_uuid"), r.client.DefaultOrganizationUUID(), "organization_uuid", true)
}

func (r *volumeResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan volumeModel
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

	g := plan.group()
	label := plan.Label.ValueString()
	var v *api.Volume
	var err error
	if src := plan.SourceVolumeUUID.ValueString(); src != "" {
		srcUUID, _ := canonicalUUID(src)
		v, err = r.client.CloneVolume(ctx, g, api.VolumeCloneRequest{SourceVolumeUUID: srcUUID, Label: label})
	} else {
		body := api.VolumeCreateRequest{Label: label}
		body.PricingUUID, _ = canonicalUUID(plan.PricingUUID.ValueString())
		v, err = r.client.CreateVolume(ctx, g, body)
	}
	if err != nil {
		tfdiag.AddError(&resp.Diagnostics, "Could not create the Awanio volume", err)
		return
	}
	tflog.Info(ctx, "created Awanio volume", map[string]any{"volume_uuid": v.UUID, "owner": g.String()})

	wantPricing := plan.PricingUUID
	plan.fromAPI(v)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// A clone takes its source's pricing; resize it when another was asked for.
	if !wantPricing.IsUnknown() && !wantPricing.IsNull() && !sameUUIDString(wantPricing.ValueString(), plan.PricingUUID.ValueString()) {
		pricing, _ := canonicalUUID(wantPricing.ValueString())
		v, err = r.client.ResizeVolume(ctx, g, v.UUID, pricing)
		if err != nil {
			tfdiag.AddTaintedError(&resp.Diagnostics, "Could not resize the cloned Awanio volume", "Volume "+plan.ID.ValueString(), err)
			return
		}
		plan.PricingUUID = wantPricing
		plan.fromAPI(v)
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	}
}

func (r *volumeResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state volumeModel
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

	v, err := r.client.GetVolume(ctx, state.group(), state.ID.ValueString())
	if apiclient.IsNotFound(err) {
		tflog.Warn(ctx, "Awanio volume not found; removing it from the state", map[string]any{"volume_uuid": state.ID.ValueString()})
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		tfdiag.AddError(&resp.Diagnostics, "Could not read the Awanio volume", err)
		return
	}
	state.fromAPI(v)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *volumeResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state volumeModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := plan.Timeouts.Update(ctx, defaultTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	g, id := state.group(), state.ID.ValueString()
	var v *api.Volume
	var err error
	if !plan.Label.Equal(state.Label) {
		if v, err = r.client.UpdateVolumeLabel(ctx, g, id, plan.Label.ValueString()); err != nil {
			tfdiag.AddError(&resp.Diagnostics, "Could not change the label of the Awanio volume", err)
			return
		}
	}
	if !plan.PricingUUID.IsUnknown() && !sameUUIDString(plan.PricingUUID.ValueString(), state.PricingUUID.ValueString()) {
		pricing, _ := canonicalUUID(plan.PricingUUID.ValueString())
		if v, err = r.client.ResizeVolume(ctx, g, id, pricing); err != nil {
			tfdiag.AddError(&resp.Diagnostics, "Could not resize the Awanio volume", err)
			return
		}
	}
	if v == nil {
		if v, err = r.client.GetVolume(ctx, g, id); err != nil {
			tfdiag.AddError(&resp.Diagnostics, "Could not read the Awanio volume", err)
			return
		}
	}
	plan.fromAPI(v)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *volumeResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state volumeModel
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

	if err := r.client.DeleteVolume(ctx, state.group(), state.ID.ValueString()); err != nil && !apiclient.IsNotFound(err) {
		tfdiag.AddError(&resp.Diagnostics, "Could not delete the Awanio volume", err)
	}
}

// ImportState takes <organizations|projects>/<owner uuid>/<volume uuid>.
func (r *volumeResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	g, id, err := parseGroupObjectID(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID",
			"Import a volume as organizations/<organization_uuid>/<volume_uuid> or projects/<project_uuid>/<volume_uuid>, for example "+
				"`terraform import cloudorder_awanio_volume.example organizations/0b7c1d2e-3f40-4a51-8b62-7c83d94ea5f6/3750d394-144a-4d6d-a0e5-b58679a44289`: "+sentence(err.Error()))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	owner := path.Root("organization_uuid")
	if g.Type == api.GroupProjects {
		owner = path.Root("project_uuid")
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, owner, g.UUID)...)
}

// parseGroupObjectID parses "<organizations|projects>/<owner uuid>/<object uuid>".
func parseGroupObjectID(id string) (api.Group, string, error) {
	owner, object, ok := cutLast(id, "/")
	if !ok || strings.Count(id, "/") != 2 {
		return api.Group{}, "", fmt.Errorf("%q does not have three parts separated by /", id)
	}
	g, err := parseGroupID(owner)
	if err != nil {
		return api.Group{}, "", err
	}
	obj, err := canonicalUUID(object)
	if err != nil {
		return api.Group{}, "", err
	}
	return g, obj, nil
}

func cutLast(s, sep string) (before, after string, found bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+len(sep):], true
}
