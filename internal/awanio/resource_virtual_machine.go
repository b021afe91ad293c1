package awanio

import (
	"context"
	"fmt"
	"regexp"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
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
	_ resource.Resource                     = (*vmResource)(nil)
	_ resource.ResourceWithConfigure        = (*vmResource)(nil)
	_ resource.ResourceWithImportState      = (*vmResource)(nil)
	_ resource.ResourceWithModifyPlan       = (*vmResource)(nil)
	_ resource.ResourceWithConfigValidators = (*vmResource)(nil)
	_ resource.ResourceWithValidateConfig   = (*vmResource)(nil)
)

// provisionTimeout bounds a VM or baremetal create and delete, which
// Awanio runs asynchronously, unless the timeouts block says otherwise.
const provisionTimeout = 30 * time.Minute

// hostnameRE is one DNS label (RFC 1123), which a VM hostname must be.
var hostnameRE = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`)

// NewVirtualMachineResource is the cloudorder_awanio_virtual_machine resource.
func NewVirtualMachineResource() resource.Resource { return &vmResource{} }

type vmResource struct{ client *api.Client }

func (r *vmResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_awanio_virtual_machine"
}

// ownerAttributes are organization_uuid and project_uuid, shared by VMs
// and baremetal servers.
func ownerAttributes(kind string) map[string]schema.Attribute {
	mods := []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplace()}
	return map[string]schema.Attribute{
		"organization_uuid": schema.StringAttribute{
			Optional: true, Computed: true,
			MarkdownDescription: "UUID of the organization that owns the " + kind + ". Set this or `project_uuid`, not both; " +
				"when neither is set, the provider's `project_uuid`, else its `organization_uuid`, is used. Changing it replaces the " + kind + ".",
			Validators: []validator.String{
				validate.UUID(),
				stringvalidator.ConflictsWith(path.MatchRoot("project_uuid")),
			},
			PlanModifiers: mods,
		},
		"project_uuid": schema.StringAttribute{
			Optional: true, Computed: true,
			MarkdownDescription: "UUID of the project that owns the " + kind + ". Set this or `organization_uuid`, not both. Changing it replaces the " + kind + ".",
			Validators:          []validator.String{validate.UUID()},
			PlanModifiers:       mods,
		},
	}
}

// accessAttributes are the login, external IP and password attributes
// shared by VMs and baremetal servers.
func accessAttributes(kind, defaultUser string) map[string]schema.Attribute {
	replace := []planmodifier.String{replaceIfKnownString()}
	boolReplace := []planmodifier.Bool{boolplanmodifier.RequiresReplace()}
	return map[string]schema.Attribute{
		"username": schema.StringAttribute{
			Optional: true, Computed: true,
			MarkdownDescription: fmt.Sprintf("User to log in as (default `%s`). Awanio does not return it; changing it replaces the %s.", defaultUser, kind),
			Validators:          []validator.String{stringvalidator.RegexMatches(regexp.MustCompile(`^[a-z_][a-z0-9_-]{0,31}$`), "must be a Linux user name: lower-case letters, digits, _ and -, at most 32")},
			PlanModifiers:       []planmodifier.String{stringDefaultOnCreate(defaultUser), replaceIfKnownString()},
		},
		"ssh_public_key": schema.StringAttribute{
			Optional:            true,
			MarkdownDescription: "OpenSSH public key to log in with. Set this or `password_wo`, not both. Changing it replaces the " + kind + ".",
			Validators: []validator.String{
				stringvalidator.RegexMatches(regexp.MustCompile(`^(ssh-(rsa|ed25519|dss)|ecdsa-sha2-nistp(256|384|521)|sk-\S+) \S+`), "must be an OpenSSH public key such as `ssh-ed25519 AAAA... comment`"),
			},
			PlanModifiers: replace,
		},
		"password_wo": schema.StringAttribute{
			Optional: true, WriteOnly: true, Sensitive: true,
			MarkdownDescription: "Password to log in with (write-only, Terraform 1.11 or later: never stored in state or plan). " +
				"Set this or `ssh_public_key`. To change it, change `password_wo_version`, which replaces the " + kind + ".",
			Validators: []validator.String{stringvalidator.LengthBetween(8, 128)},
		},
		"password_wo_version": schema.Int64Attribute{
			Optional:            true,
			MarkdownDescription: "Any number; change it to apply a new `password_wo` (replaces the " + kind + ", as Awanio has no password change).",
			Validators:          []validator.Int64{int64validator.AlsoRequires(path.MatchRoot("password_wo"))},
			PlanModifiers:       []planmodifier.Int64{replaceIfKnownInt64()},
		},
		"with_external_ip": schema.BoolAttribute{
			Optional: true, Computed: true, Default: booldefault.StaticBool(false),
			MarkdownDescription: "Whether the " + kind + " gets a public IP address (default `false`). Changing it replaces the " + kind + ".",
			PlanModifiers:       boolReplace,
		},
		"reserve_external_ip": schema.BoolAttribute{
			Optional: true, Computed: true,
			MarkdownDescription: "Keep the new public IP address reserved for the organization after the " + kind + " is gone (default `false`). Needs `with_external_ip = true`.",
			PlanModifiers:       []planmodifier.Bool{boolDefaultOnCreate(false), replaceIfKnownBool()},
		},
		"reserved_ip_uuid": schema.StringAttribute{
			Optional:            true,
			MarkdownDescription: "UUID of an IP address the organization already reserved, to use instead of a new one. Needs `with_external_ip = true`; conflicts with `reserve_external_ip`.",
			Validators:          []validator.String{validate.UUID()},
			PlanModifiers:       replace,
		},
	}
}

func (r *vmResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	stable := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	attrs := map[string]schema.Attribute{
		"id": schema.StringAttribute{
			Computed: true, MarkdownDescription: "UUID of the virtual machine.", PlanModifiers: stable,
		},
		"catalogue_uuid": schema.StringAttribute{
			Required:            true,
			MarkdownDescription: "UUID of the operating system image, from the catalogue (`service = \"compute\"`). Changing it replaces the VM.",
			Validators:          []validator.String{validate.UUID()},
			PlanModifiers:       replace,
		},
		"instance_type_uuid": schema.StringAttribute{
			Required:            true,
			MarkdownDescription: "UUID of the price plan (instance type) with `suitable_for = \"vm\"`. Awanio has no resize, so changing it replaces the VM.",
			Validators:          []validator.String{validate.UUID()},
			PlanModifiers:       replace,
		},
		"title": schema.StringAttribute{
			Required:            true,
			MarkdownDescription: "Display name (1 to 255 characters). Awanio documents no update, so changing it replaces the VM.",
			Validators:          nameValidators(255),
			PlanModifiers:       replace,
		},
		"hostname": schema.StringAttribute{
			Required:            true,
			MarkdownDescription: "Host name: one DNS label of lower-case letters, digits and `-` (at most 63). Changing it replaces the VM.",
			Validators:          []validator.String{stringvalidator.RegexMatches(hostnameRE, "must be one DNS label: lower-case letters, digits and -, not starting or ending with -, at most 63 characters")},
			PlanModifiers:       replace,
		},
		"instance_type": schema.StringAttribute{
			Computed: true, MarkdownDescription: "Name of the instance type, for example `s-b`.", PlanModifiers: stable,
		},
		"status": schema.StringAttribute{
			Computed: true, MarkdownDescription: "Status: `provisioning`, `running`, `error`, ...",
		},
		"phase": schema.StringAttribute{
			Computed: true, MarkdownDescription: "Phase Awanio reports in `meta.phase`.",
		},
		"private_ip_address": schema.StringAttribute{
			Computed: true, MarkdownDescription: "Private IPv4 address.",
		},
		"external_ip_address": schema.StringAttribute{
			Computed: true, MarkdownDescription: "Public IPv4 address, when `with_external_ip` is true.",
		},
		"mac_address": schema.StringAttribute{
			Computed: true, MarkdownDescription: "MAC address of the VM's interface.",
		},
		"vcpu_core": schema.Float64Attribute{Computed: true, MarkdownDescription: "Number of virtual CPU cores."},
		"ram_mb":    schema.Int64Attribute{Computed: true, MarkdownDescription: "Memory in MB."},
		"disk_size_gb": schema.Int64Attribute{
			Computed: true, MarkdownDescription: "Size of the boot disk in GB.",
		},
		"created_at": schema.StringAttribute{
			Computed: true, MarkdownDescription: "When the VM was created (RFC 3339).", PlanModifiers: stable,
		},
	}
	for k, v := range ownerAttributes("VM") {
		attrs[k] = v
	}
	for k, v := range accessAttributes("VM", defaultVMUsername) {
		attrs[k] = v
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "An Awanio virtual machine in an organization or project. Creating it waits until its status is `running`; " +
			"a VM that ends in `error` is kept as tainted, with Awanio's message. Awanio documents no update of a VM, " +
			"so every argument except `timeouts` replaces it. Log in with `ssh_public_key` or the write-only `password_wo`.",
		Attributes: attrs,
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true}),
		},
	}
	resp.Schema.MarkdownDescription += apiNotes["cloudorder_awanio_virtual_machine"]
}

// computeConfigValidators are the cross-attribute checks of VMs and
// baremetal servers.
func computeConfigValidators() []resource.ConfigValidator {
	return []resource.ConfigValidator{
		// At most one login; that there is one is checked on create only
		// (requireLoginOnCreate), since Awanio never returns it: an
		// imported server, and the config Terraform generates for it,
		// has neither.
		resourcevalidator.Conflicting(path.MatchRoot("ssh_public_key"), path.MatchRoot("password_wo")),
		resourcevalidator.Conflicting(path.MatchRoot("reserve_external_ip"), path.MatchRoot("reserved_ip_uuid")),
	}
}

func (r *vmResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return computeConfigValidators()
}

func (r *vmResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	validateExternalIP(ctx, req, resp)
}

// requireLoginOnCreate fails a create plan that sets neither
// ssh_public_key nor password_wo: Awanio needs one to provision.
func requireLoginOnCreate(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse, kind string) {
	var key, password types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("ssh_public_key"), &key)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("password_wo"), &password)...)
	if resp.Diagnostics.HasError() || !key.IsNull() || !password.IsNull() {
		return
	}
	resp.Diagnostics.AddAttributeError(path.Root("ssh_public_key"), "Missing login",
		fmt.Sprintf("A new %s needs a login: set ssh_public_key to an OpenSSH public key, or password_wo (with password_wo_version) to a password.", kind))
}

// validateExternalIP rejects reserve options without an external IP.
func validateExternalIP(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var with, reserve types.Bool
	var reserved types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("with_external_ip"), &with)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("reserve_external_ip"), &reserve)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("reserved_ip_uuid"), &reserved)...)
	if resp.Diagnostics.HasError() || with.IsUnknown() || with.ValueBool() {
		return
	}
	if reserve.ValueBool() {
		resp.Diagnostics.AddAttributeError(path.Root("reserve_external_ip"), "External IP needed",
			"reserve_external_ip = true needs with_external_ip = true: set with_external_ip = true, or remove reserve_external_ip.")
	}
	if !reserved.IsNull() && !reserved.IsUnknown() {
		resp.Diagnostics.AddAttributeError(path.Root("reserved_ip_uuid"), "External IP needed",
			"reserved_ip_uuid needs with_external_ip = true: set with_external_ip = true, or remove reserved_ip_uuid.")
	}
}

func (r *vmResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

// ModifyPlan checks the login and resolves the owner from the provider
// defaults on create.
func (r *vmResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || !req.State.Raw.IsNull() {
		return
	}
	requireLoginOnCreate(ctx, req, resp, "virtual machine")
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

func (r *vmResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan vmModel
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
		tfdiag.AddError(&resp.Diagnostics, "Could not create the Awanio virtual machine", err)
		return
	}
	vm, err := r.client.CreateVM(ctx, g, plan.toCreate(password.ValueString()))
	if err != nil {
		tfdiag.AddError(&resp.Diagnostics, "Could not create the Awanio virtual machine", err)
		return
	}
	tflog.Info(ctx, "created Awanio virtual machine", map[string]any{"vm_uuid": vm.UUID, "group": g.String()})
	// Saved before the wait: a VM that never runs is tainted, not orphaned.
	plan.fromAPI(g, vm)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	vm, err = r.client.WaitForVM(ctx, g, vm.UUID)
	if err != nil {
		tfdiag.AddTaintedError(&resp.Diagnostics, "The Awanio virtual machine did not start", "Virtual machine "+plan.ID.ValueString(), err)
		return
	}
	plan.fromAPI(g, vm)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *vmResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state vmModel
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
	vm, err := r.client.GetVM(ctx, g, state.ID.ValueString())
	if apiclient.IsNotFound(err) {
		tflog.Warn(ctx, "Awanio virtual machine not found; removing it from the state", map[string]any{"vm_uuid": state.ID.ValueString()})
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		tfdiag.AddError(&resp.Diagnostics, "Could not read the Awanio virtual machine", err)
		return
	}
	state.fromAPI(g, vm)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update calls no API (Awanio has no VM update): it stores new timeouts,
// and the login and reservation arguments an import left empty.
func (r *vmResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state vmModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	state.Timeouts = plan.Timeouts
	state.keepFromPlan(plan.accessModel)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *vmResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state vmModel
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
	err := r.client.DeleteVM(ctx, g, id)
	if apiclient.IsNotFound(err) {
		return
	}
	if err != nil {
		tfdiag.AddError(&resp.Diagnostics, "Could not delete the Awanio virtual machine", err)
		return
	}
	if err := r.client.WaitForVMGone(ctx, g, id); err != nil {
		tfdiag.AddError(&resp.Diagnostics, "The Awanio virtual machine was not deleted", err)
	}
}

// ImportState takes "<group-type>/<group-uuid>/<vm-uuid>".
func (r *vmResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importGrouped(ctx, "cloudorder_awanio_virtual_machine", req, resp)
}

// importGrouped imports an object addressed under a group.
func importGrouped(ctx context.Context, typeName string, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	g, id, err := parseGroupImportID(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID",
			fmt.Sprintf("Import a %s as <group-type>/<group-uuid>/<uuid>, where <group-type> is organizations or projects, "+
				"for example `terraform import %s.example organizations/0b7c1d2e-3f40-4a51-8b62-7c83d94ea5f6/5a1efa11-67b0-401a-8524-eafef73590d3`: %s",
				typeName, typeName, err))
		return
	}
	org, proj := groupAttrs(g)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("organization_uuid"), org)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("project_uuid"), proj)...)
}
