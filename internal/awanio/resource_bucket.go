package awanio

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/tfdiag"
)

var (
	_ resource.Resource                = (*bucketResource)(nil)
	_ resource.ResourceWithConfigure   = (*bucketResource)(nil)
	_ resource.ResourceWithImportState = (*bucketResource)(nil)
)

// NewBucketResource is the cloudorder_awanio_bucket resource.
//
// The policy is an argument of the bucket rather than a resource of its
// own: Awanio addresses it below the bucket (PUT .../buckets/{name}/policy)
// with no way to delete it (only to set it back to none), so a separate
// resource would have nothing to destroy and could fight the bucket.
func NewBucketResource() resource.Resource { return &bucketResource{} }

type bucketResource struct{ client *api.Client }

type bucketModel struct {
	ID               types.String   `tfsdk:"id"`
	OrganizationUUID types.String   `tfsdk:"organization_uuid"`
	ProjectUUID      types.String   `tfsdk:"project_uuid"`
	Name             types.String   `tfsdk:"name"`
	Policy           types.String   `tfsdk:"policy"`
	ForceDestroy     types.Bool     `tfsdk:"force_destroy"`
	CreatedAt        types.String   `tfsdk:"created_at"`
	Timeouts         timeouts.Value `tfsdk:"timeouts"`
}

// S3 bucket naming rules as MinIO applies them.
var bucketNameRegexp = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`)

// bucketPolicies are MinIO's canned policies.
var bucketPolicies = []string{"none", "download", "upload", "public"}

func (r *bucketResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_awanio_bucket"
}

func (r *bucketResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	stable := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	attrs := map[string]schema.Attribute{
		"id": schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: "`<group>/<name>`, e.g. `projects/<uuid>/my-bucket`: buckets are addressed by name within their group's object storage.",
			PlanModifiers:       stable,
		},
		"name": schema.StringAttribute{
			Required: true,
			MarkdownDescription: "Bucket name: 3 to 63 lower-case letters, digits, dots or hyphens, starting and ending with a letter or digit. " +
				"Changing it replaces the bucket.",
			Validators: []validator.String{stringvalidator.RegexMatches(bucketNameRegexp,
				"must be 3 to 63 lower-case letters, digits, dots or hyphens, starting and ending with a letter or digit")},
			PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
		},
		"policy": schema.StringAttribute{
			Optional: true, Computed: true,
			Default: stringdefault.StaticString("none"),
			MarkdownDescription: "Anonymous access policy: `none` (private, the default), `download` (public read), `upload` (public write) " +
				"or `public` (read and write). Changed in place.",
			Validators: []validator.String{stringvalidator.OneOf(bucketPolicies...)},
		},
		"force_destroy": schema.BoolAttribute{
			Optional: true, Computed: true,
			Default: booldefault.StaticBool(false),
			MarkdownDescription: "Delete every object in the bucket before destroying it. Without it (the default), destroying a bucket " +
				"that still holds objects fails with Awanio's error. Set it and apply before destroying.",
		},
		"created_at": schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: "When the bucket was created.",
			PlanModifiers:       stable,
		},
	}
	for k, v := range groupAttributes("bucket") {
		attrs[k] = v
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A bucket in the object storage (`cloudorder_awanio_object_storage`) of an Awanio project or organization, " +
			"with its access policy.",
		Attributes: attrs,
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true}),
		},
	}
	resp.Schema.MarkdownDescription += apiNotes["cloudorder_awanio_bucket"]
}

func (r *bucketResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (m *bucketModel) fromAPI(g api.Group, b *api.Bucket) {
	m.ID = types.StringValue(g.String() + "/" + b.Name)
	m.OrganizationUUID, m.ProjectUUID = groupValues(g, m.OrganizationUUID, m.ProjectUUID)
	m.Name = types.StringValue(b.Name)
	if b.Policy != "" {
		m.Policy = types.StringValue(string(b.Policy))
	} else if m.Policy.IsNull() || m.Policy.IsUnknown() {
		m.Policy = types.StringValue("none") // not shown: assume the default
	}
	if m.ForceDestroy.IsNull() || m.ForceDestroy.IsUnknown() {
		m.ForceDestroy = types.BoolValue(false)
	}
	m.CreatedAt = stringOrNull(string(b.CreationDate))
}

// parseBucketID reads "<group-type>/<uuid>/<name>".
func parseBucketID(id string) (api.Group, string, error) {
	i := strings.LastIndex(id, "/")
	if i < 0 {
		return api.Group{}, "", fmt.Errorf("%q is not <group-type>/<uuid>/<bucket name>", id)
	}
	g, err := parseGroupID(id[:i])
	if err != nil || id[i+1:] == "" {
		return api.Group{}, "", fmt.Errorf("%q is not <group-type>/<uuid>/<bucket name>", id)
	}
	return g, id[i+1:], nil
}

func (r *bucketResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan bucketModel
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
		resp.Diagnostics.AddAttributeError(path.Root("project_uuid"), "No group for the Awanio bucket", sentence(err.Error()))
		return
	}
	name := plan.Name.ValueString()
	// CreateBucket finds the bucket of a lost answer itself.
	if err := r.client.CreateBucket(ctx, g, name); err != nil {
		tfdiag.AddError(&resp.Diagnostics, "Could not create the Awanio bucket", err)
		return
	}
	plan.ID = types.StringValue(g.String() + "/" + name)
	plan.OrganizationUUID, plan.ProjectUUID = groupValues(g, plan.OrganizationUUID, plan.ProjectUUID)
	plan.CreatedAt = types.StringNull()
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...) // saved before the policy call
	if plan.Policy.ValueString() != "none" {
		if err := r.client.SetBucketPolicy(ctx, g, name, plan.Policy.ValueString()); err != nil {
			tfdiag.AddTaintedError(&resp.Diagnostics, "Could not set the policy of the Awanio bucket", "bucket "+name, err)
			return
		}
	}
	b, err := r.client.GetBucket(ctx, g, name)
	if err != nil {
		tfdiag.AddTaintedError(&resp.Diagnostics, "Could not read the new Awanio bucket", "bucket "+name, err)
		return
	}
	tflog.Info(ctx, "created Awanio bucket", map[string]any{"group": g.String(), "bucket": name})
	plan.fromAPI(g, b)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *bucketResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state bucketModel
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

	g, name, err := parseBucketID(state.ID.ValueString())
	if err != nil {
		resp.Diagnostics.AddError("Invalid id of the Awanio bucket", sentence(err.Error()))
		return
	}
	b, err := r.client.GetBucket(ctx, g, name)
	if apiclient.IsNotFound(err) {
		tflog.Warn(ctx, "Awanio bucket not found; removing it from the state", map[string]any{"bucket": state.ID.ValueString()})
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		tfdiag.AddError(&resp.Diagnostics, "Could not read the Awanio bucket", err)
		return
	}
	state.fromAPI(g, b)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *bucketResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state bucketModel
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

	g, name, err := parseBucketID(state.ID.ValueString())
	if err != nil {
		resp.Diagnostics.AddError("Invalid id of the Awanio bucket", sentence(err.Error()))
		return
	}
	if !plan.Policy.Equal(state.Policy) {
		if err := r.client.SetBucketPolicy(ctx, g, name, plan.Policy.ValueString()); err != nil {
			tfdiag.AddError(&resp.Diagnostics, "Could not set the policy of the Awanio bucket", err)
			return
		}
	}
	b, err := r.client.GetBucket(ctx, g, name)
	if err != nil {
		tfdiag.AddError(&resp.Diagnostics, "Could not read the Awanio bucket", err)
		return
	}
	plan.fromAPI(g, b)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *bucketResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state bucketModel
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

	g, name, err := parseBucketID(state.ID.ValueString())
	if err != nil {
		resp.Diagnostics.AddError("Invalid id of the Awanio bucket", sentence(err.Error()))
		return
	}
	if state.ForceDestroy.ValueBool() {
		n, err := r.client.EmptyBucket(ctx, g, name)
		if err != nil && !apiclient.IsNotFound(err) {
			tfdiag.AddError(&resp.Diagnostics, "Could not empty the Awanio bucket before destroying it", err)
			return
		}
		tflog.Info(ctx, "emptied Awanio bucket", map[string]any{"bucket": name, "objects_deleted": n})
	}
	if err := r.client.DeleteBucket(ctx, g, name); err != nil && !apiclient.IsNotFound(err) {
		tfdiag.AddError(&resp.Diagnostics, "Could not delete the Awanio bucket", err)
	}
}

func (r *bucketResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	g, name, err := parseBucketID(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID",
			"Import a bucket as <group-type>/<uuid>/<name>, for example `terraform import cloudorder_awanio_bucket.example "+
				"projects/1c8d2e3f-4051-4b62-9c73-8d94ea5fb607/my-bucket`: "+sentence(err.Error()))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), g.String()+"/"+name)...)
}
