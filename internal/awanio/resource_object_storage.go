package awanio

import (
	"context"
	"errors"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
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
)

var (
	_ resource.Resource                = (*objectStorageResource)(nil)
	_ resource.ResourceWithConfigure   = (*objectStorageResource)(nil)
	_ resource.ResourceWithImportState = (*objectStorageResource)(nil)
)

// NewObjectStorageResource is the cloudorder_awanio_object_storage resource.
func NewObjectStorageResource() resource.Resource { return &objectStorageResource{} }

type objectStorageResource struct{ client *api.Client }

type objectStorageModel struct {
	ID               types.String   `tfsdk:"id"`
	OrganizationUUID types.String   `tfsdk:"organization_uuid"`
	ProjectUUID      types.String   `tfsdk:"project_uuid"`
	SubdomainName    types.String   `tfsdk:"subdomain_name"`
	Endpoint         types.String   `tfsdk:"endpoint"`
	AccessKey        types.String   `tfsdk:"access_key"`
	SecretKey        types.String   `tfsdk:"secret_key"`
	CreatedAt        types.String   `tfsdk:"created_at"`
	Timeouts         timeouts.Value `tfsdk:"timeouts"`
}

var subdomainRegexp = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`)

func (r *objectStorageResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_awanio_object_storage"
}

func (r *objectStorageResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	stable := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	attrs := map[string]schema.Attribute{
		"id": schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: "The owning group, `projects/<uuid>` or `organizations/<uuid>`: an object storage has no id of its own, there is one per group.",
			PlanModifiers:       stable,
		},
		"subdomain_name": schema.StringAttribute{
			Required: true,
			MarkdownDescription: "Subdomain of the storage endpoint (`<subdomain_name>.storage.awanio.com`): 1 to 63 lower-case letters, digits or hyphens. " +
				"Changing it replaces the object storage.",
			Validators: []validator.String{stringvalidator.RegexMatches(subdomainRegexp,
				"must be 1 to 63 lower-case letters, digits or hyphens, not starting or ending with a hyphen")},
			PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
		},
		"endpoint": schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: "Host name of the S3-compatible endpoint, e.g. `mysubdomain.storage.awanio.com`.",
			PlanModifiers:       stable,
		},
		"access_key": schema.StringAttribute{
			Computed: true, Sensitive: true,
			MarkdownDescription: "S3 access key. Awanio shows it only when the object storage is created, so it is kept from then on; " +
				"it is null after an import.",
			PlanModifiers: stable,
		},
		"secret_key": schema.StringAttribute{
			Computed: true, Sensitive: true,
			MarkdownDescription: "S3 secret key (sensitive). Awanio shows it only when the object storage is created, so it is kept in the state " +
				"from then on (protect the state); it is null after an import.",
			PlanModifiers: stable,
		},
		"created_at": schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: "When the object storage was created (RFC 3339).",
			PlanModifiers:       stable,
		},
	}
	for k, v := range groupAttributes("object storage") {
		attrs[k] = v
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The S3-compatible object storage of an Awanio project or organization (one per group). " +
			"Creating it returns an access key and a secret key, which Awanio never shows again: they are kept in the state, marked sensitive. " +
			"If the answer to the create is lost on the way, the provider finds the new storage and keeps it in the state as tainted " +
			"(its keys came only with that answer), so the next apply replaces it with one whose keys are known. " +
			"Buckets are `cloudorder_awanio_bucket` resources. Destroying it fails while it still has buckets.",
		Attributes: attrs,
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Delete: true}),
		},
	}
	resp.Schema.MarkdownDescription += apiNotes["cloudorder_awanio_object_storage"]
}

func (r *objectStorageResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (m *objectStorageModel) fromAPI(g api.Group, s *api.ObjectStorage) {
	m.ID = types.StringValue(g.String())
	m.OrganizationUUID, m.ProjectUUID = groupValues(g, m.OrganizationUUID, m.ProjectUUID)
	m.Endpoint = stringOrNull(string(s.SubdomainName))
	if m.SubdomainName.IsNull() || m.SubdomainName.IsUnknown() {
		sub, _, _ := strings.Cut(string(s.SubdomainName), ".")
		m.SubdomainName = types.StringValue(sub)
	}
	m.CreatedAt = stringOrNull(string(s.CreatedAt))
	if m.AccessKey.IsUnknown() {
		m.AccessKey = types.StringNull()
	}
	if m.SecretKey.IsUnknown() {
		m.SecretKey = types.StringNull()
	}
	for _, cr := range s.Credentials {
		if cr.SecretKey != "" {
			m.AccessKey = types.StringValue(cr.AccessKey)
			m.SecretKey = types.StringValue(cr.SecretKey)
			break
		}
	}
}

func (r *objectStorageResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan objectStorageModel
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

	g, err := resolveGroup(r.client, plan.OrganizationUUID, plan.ProjectUUID)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("project_uuid"), "No group for the Awanio object storage", sentence(err.Error()))
		return
	}
	s, keysLost, err := r.client.CreateObjectStorageOnce(ctx, g, api.ObjectStorageCreateRequest{SubdomainName: plan.SubdomainName.ValueString()})
	if err != nil {
		tfdiag.AddError(&resp.Diagnostics, "Could not create the Awanio object storage", err)
		return
	}
	tflog.Info(ctx, "created Awanio object storage", map[string]any{"group": g.String(), "keys_lost": keysLost})
	plan.fromAPI(g, s)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	if keysLost {
		// Tracked, so not orphaned; tainted, so the next apply replaces
		// the new, still empty storage and gets keys with the answer.
		tfdiag.AddTaintedError(&resp.Diagnostics, "The keys of the new Awanio object storage were lost",
			"The object storage of "+g.String(), errors.New("the answer to its create, the only one that shows the keys, was lost"))
	}
}

func (r *objectStorageResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state objectStorageModel
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

	g, err := parseGroupID(state.ID.ValueString())
	if err != nil {
		resp.Diagnostics.AddError("Invalid id of the Awanio object storage", sentence(err.Error()))
		return
	}
	s, err := r.client.GetObjectStorage(ctx, g)
	if apiclient.IsNotFound(err) {
		tflog.Warn(ctx, "Awanio object storage not found; removing it from the state", map[string]any{"group": g.String()})
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		tfdiag.AddError(&resp.Diagnostics, "Could not read the Awanio object storage", err)
		return
	}
	// The keys are kept from the create: a GET never shows them.
	state.fromAPI(g, s)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update only changes timeouts: every argument forces a replacement.
func (r *objectStorageResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan objectStorageModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *objectStorageResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state objectStorageModel
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

	g, err := parseGroupID(state.ID.ValueString())
	if err != nil {
		resp.Diagnostics.AddError("Invalid id of the Awanio object storage", sentence(err.Error()))
		return
	}
	if err := r.client.DeleteObjectStorage(ctx, g); err != nil && !apiclient.IsNotFound(err) {
		tfdiag.AddError(&resp.Diagnostics, "Could not delete the Awanio object storage", err)
	}
}

func (r *objectStorageResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	g, err := parseGroupID(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID",
			"Import an object storage by its group, for example `terraform import cloudorder_awanio_object_storage.example "+
				"projects/1c8d2e3f-4051-4b62-9c73-8d94ea5fb607`: "+sentence(err.Error()))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), g.String())...)
}
