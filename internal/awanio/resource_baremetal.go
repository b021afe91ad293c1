package awanio

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
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
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waiter"
)

var (
	_ resource.Resource                     = (*baremetalResource)(nil)
	_ resource.ResourceWithConfigure        = (*baremetalResource)(nil)
	_ resource.ResourceWithImportState      = (*baremetalResource)(nil)
	_ resource.ResourceWithModifyPlan       = (*baremetalResource)(nil)
	_ resource.ResourceWithConfigValidators = (*baremetalResource)(nil)
	_ resource.ResourceWithValidateConfig   = (*baremetalResource)(nil)
)

// billingPeriods are the price fields a baremetal server can be billed by.
var billingPeriods = []string{"price_per_hour", "price_per_month", "price_per_three_month", "price_per_six_month", "price_per_year"}

// NewBaremetalResource is the cloudorder_awanio_baremetal resource.
func NewBaremetalResource() resource.Resource { return &baremetalResource{} }

type baremetalResource struct{ client *api.Client }

func (r *baremetalResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_awanio_baremetal"
}

func (r *baremetalResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	stable := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	attrs := map[string]schema.Attribute{
		"id": schema.StringAttribute{
			Computed: true, MarkdownDescription: "UUID of the baremetal server.", PlanModifiers: stable,
		},
		"catalogue_uuid": schema.StringAttribute{
			Required:            true,
			MarkdownDescription: "UUID of the operating system image, from the catalogue (`service = \"baremetal\"`). Changing it replaces the server.",
			Validators:          []validator.String{validate.UUID()},
			PlanModifiers:       replace,
		},
		"machine_name": schema.StringAttribute{
			Required: true,
			MarkdownDescription: "Name of the machine to deploy on, from the `cloudorder_awanio_baremetal_machines` data source " +
				"(Awanio's examples also use `<name>.<pricing uuid>`). Changing it replaces the server.",
			Validators:    []validator.String{stringvalidator.LengthBetween(1, 255)},
			PlanModifiers: replace,
		},
		"billing_period": schema.StringAttribute{
			Required:            true,
			MarkdownDescription: "How the server is billed: `price_per_hour`, `price_per_month`, `price_per_three_month`, `price_per_six_month` or `price_per_year`. Changing it replaces the server.",
			Validators:          []validator.String{stringvalidator.OneOf(billingPeriods...)},
			PlanModifiers:       replace,
		},
		"compute_same_config": schema.Int64Attribute{
			Optional: true, Computed: true,
			MarkdownDescription: "Sent as the seed's `compute_same_config`, an integer Awanio does not explain: its create example " +
				"sends 0 and its answer shows 1 (the default here). Only 0 and 1 are accepted, so that one resource stays one server. " +
				"Awanio never returns it: changing a known value replaces the server.",
			Validators:    []validator.Int64{int64validator.Between(0, 1)},
			PlanModifiers: []planmodifier.Int64{int64DefaultOnCreate(1), replaceIfKnownInt64()},
		},
		"title": schema.StringAttribute{
			Required:            true,
			MarkdownDescription: "Display name (1 to 255 characters). Awanio documents no update, so changing it replaces the server.",
			Validators:          nameValidators(255),
			PlanModifiers:       replace,
		},
		"hostname": schema.StringAttribute{
			Required:            true,
			MarkdownDescription: "Host name: one DNS label of lower-case letters, digits and `-` (at most 63). Changing it replaces the server.",
			Validators:          []validator.String{stringvalidator.RegexMatches(hostnameRE, "must be one DNS label: lower-case letters, digits and -, not starting or ending with -, at most 63 characters")},
			PlanModifiers:       replace,
		},
		"machine_uuid":  schema.StringAttribute{Computed: true, MarkdownDescription: "UUID of the machine the server runs on.", PlanModifiers: stable},
		"instance_type": schema.StringAttribute{Computed: true, MarkdownDescription: "Instance type of the machine, for example `bh-a`.", PlanModifiers: stable},
		"pricing_uuid":  schema.StringAttribute{Computed: true, MarkdownDescription: "UUID of the machine's price plan.", PlanModifiers: stable},
		"vcpu_core":     schema.Float64Attribute{Computed: true, MarkdownDescription: "CPU cores of the machine."},
		"ram_mb":        schema.Int64Attribute{Computed: true, MarkdownDescription: "Memory of the machine in MB."},
		"storage_gb":    schema.Int64Attribute{Computed: true, MarkdownDescription: "Storage of the machine in GB."},
		"status":        schema.StringAttribute{Computed: true, MarkdownDescription: "Status from Awanio's status endpoint: `Deploying`, `Deployed`, `Failed deployment`, ..."},
		"private_ip_address": schema.StringAttribute{
			Computed: true, MarkdownDescription: "Private IPv4 address.",
		},
		"external_ip_address": schema.StringAttribute{
			Computed: true, MarkdownDescription: "Public IPv4 address, when `with_external_ip` is true.",
		},
		"created_at": schema.StringAttribute{
			Computed: true, MarkdownDescription: "When the server was created (RFC 3339).", PlanModifiers: stable,
		},
	}
	for k, v := range ownerAttributes("server") {
		attrs[k] = v
	}
	for k, v := range accessAttributes("server", defaultBaremetalUsername) {
		attrs[k] = v
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "An Awanio baremetal server: an operating system deployed on one of the available machines " +
			"(see the `cloudorder_awanio_baremetal_machines` data source). Creating it waits until its status is `Deployed`; " +
			"a failed deployment is kept as tainted. Awanio documents no update, so every argument except `timeouts` replaces it.",
		Attributes: attrs,
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true}),
		},
	}
	resp.Schema.MarkdownDescription += apiNotes["cloudorder_awanio_baremetal"]
}

func (r *baremetalResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return computeConfigValidators()
}

func (r *baremetalResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	validateExternalIP(ctx, req, resp)
}

func (r *baremetalResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *baremetalResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || !req.State.Raw.IsNull() {
		return
	}
	requireLoginOnCreate(ctx, req, resp, "baremetal server")
	if r.client == nil {
		return
	}
	var org, proj types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("organization_uuid"), &org)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("project_uuid"), &proj)...)
	if resp.Diagnostics.HasError() {
		return
	}
	planComputeOwner(ctx, r.client, org, proj, resp.Plan.SetAttribute, &resp.Diagnostics)
}

// read fetches a server and its status.
func (r *baremetalResource) read(ctx context.Context, g api.Group, id string) (*api.Baremetal, string, error) {
	b, err := r.client.GetBaremetal(ctx, g, id)
	if err != nil {
		return nil, "", err
	}
	status, err := r.client.BaremetalStatus(ctx, g, id)
	return b, status, err
}

func (r *baremetalResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan baremetalModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	var password types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("password_wo"), &password)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := plan.Timeouts.Create(ctx, provisionTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	g, err := computeOwner(r.client, plan.OrganizationUUID, plan.ProjectUUID)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("organization_uuid"), "Missing owner", sentence(err.Error()))
		return
	}
	if err := r.client.RegisterSecret(password.ValueString()); err != nil {
		tfdiag.AddError(&resp.Diagnostics, "Could not create the Awanio baremetal server", err)
		return
	}
	b, err := r.client.CreateBaremetal(ctx, g, plan.toCreate(password.ValueString()))
	if err != nil {
		tfdiag.AddError(&resp.Diagnostics, "Could not create the Awanio baremetal server", err)
		return
	}
	tflog.Info(ctx, "created Awanio baremetal server", map[string]any{"baremetal_uuid": b.UUID, "group": g.String()})
	// Saved before the wait: a server that never deploys is tainted, not orphaned.
	plan.fromAPI(g, b, api.BaremetalDeploying)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	object := "Baremetal server " + b.UUID
	if err := r.client.WaitForBaremetal(ctx, g, b.UUID, api.BaremetalDeployed); err != nil {
		tfdiag.AddTaintedError(&resp.Diagnostics, "The Awanio baremetal server was not deployed", object, err)
		return
	}
	b, status, err := r.read(ctx, g, b.UUID)
	if err != nil {
		tfdiag.AddTaintedError(&resp.Diagnostics, "Could not read the deployed Awanio baremetal server", object, err)
		return
	}
	plan.fromAPI(g, b, status)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *baremetalResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state baremetalModel
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

	g := groupFromState(state.OrganizationUUID, state.ProjectUUID)
	b, status, err := r.read(ctx, g, state.ID.ValueString())
	if apiclient.IsNotFound(err) {
		tflog.Warn(ctx, "Awanio baremetal server not found; removing it from the state", map[string]any{"baremetal_uuid": state.ID.ValueString()})
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		tfdiag.AddError(&resp.Diagnostics, "Could not read the Awanio baremetal server", err)
		return
	}
	state.fromAPI(g, b, status)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update calls no API (Awanio has no baremetal update): it stores new
// timeouts, and the login and reservation arguments an import left empty.
func (r *baremetalResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state baremetalModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	state.Timeouts = plan.Timeouts
	state.keepFromPlan(plan.accessModel)
	state.ComputeSameConfig = plan.ComputeSameConfig // never returned: recorded as planned
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *baremetalResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state baremetalModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := state.Timeouts.Delete(ctx, provisionTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	g := groupFromState(state.OrganizationUUID, state.ProjectUUID)
	id := state.ID.ValueString()
	err := r.client.DeleteBaremetal(ctx, g, id)
	if apiclient.IsNotFound(err) {
		return
	}
	if err != nil {
		tfdiag.AddError(&resp.Diagnostics, "Could not delete the Awanio baremetal server", err)
		return
	}
	if err := r.client.WaitForBaremetal(ctx, g, id, waiter.StateGone); err != nil {
		tfdiag.AddError(&resp.Diagnostics, "The Awanio baremetal server was not released", err)
	}
}

// ImportState takes "<group-type>/<group-uuid>/<baremetal-uuid>".
func (r *baremetalResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importGrouped(ctx, "cloudorder_awanio_baremetal", req, resp)
}
