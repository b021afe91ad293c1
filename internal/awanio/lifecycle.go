package awanio

import (
	"context"
	"errors"
	"maps"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/adopt"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/tfdiag"
)

// The lifecycle every Awanio resource shares, written once: object[T, PT]
// implements resource.Resource for a kind (one per Terraform type, in its
// resource_<object>.go): the timeout prologue, reading the plan and state,
// saving the result, removing an object that is gone, treating a 404 on
// delete as done, and parsing the import id. A kind only says what its
// schema is and which API calls its create, read, update and delete make.

const (
	// defaultTimeout bounds synchronous API work (organizations, projects,
	// volumes, VPCs) unless the resource's timeouts block says otherwise.
	defaultTimeout = 5 * time.Minute
)

// withTimeouts is embedded in every resource model.
type withTimeouts struct {
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

func (w *withTimeouts) timeoutsValue() timeouts.Value { return w.Timeouts }

// objectModel is implemented by every resource model (embedding withTimeouts).
type objectModel interface{ timeoutsValue() timeouts.Value }

// kind describes one resource type on the shared lifecycle.
type kind[T any] struct {
	// suffix follows the provider name: "_awanio_vpc".
	suffix string
	// what names the object in messages: "Could not create the Awanio <what>".
	what        string
	description string
	attributes  func() map[string]schema.Attribute
	// ownedAs, for an owner-scoped object, adds the owner attributes
	// (ownerAttributes(ownedAs): what their descriptions call the object).
	ownedAs  string
	timeouts timeouts.Opts
	// slow is the default timeout of create, update and delete (reads use
	// defaultTimeout); zero means defaultTimeout.
	slow time.Duration

	create func(ctx context.Context, o *op, plan *T) error
	read   func(ctx context.Context, o *op, state *T) error
	// update is nil when only timeouts can change in place: the plan is
	// stored as it is.
	update func(ctx context.Context, o *op, plan, state *T) error
	del    func(ctx context.Context, o *op, state *T) error

	// importID turns an import id into attribute values; importHint says
	// what the id looks like, with an example.
	importID   func(id string) (map[string]any, error)
	importHint string

	// Optional.
	modifyPlan       func(ctx context.Context, c *api.Client, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse)
	validateConfig   func(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse)
	configValidators []resource.ConfigValidator
}

// op is what a kind's call gets: the client, the configuration (on create,
// for write-only arguments) and a way to save the state early, e.g.
// before a wait, so that an object that never becomes ready is tainted
// instead of orphaned.
type op struct {
	client *api.Client
	// timeout is the one the prologue applied (for waiters that report it).
	timeout time.Duration
	config  tfsdk.Config
	state   *tfsdk.State
	diags   *diag.Diagnostics
}

// save stores m in the state now; errReported when that failed.
func (o *op) save(ctx context.Context, m any) error {
	o.diags.Append(o.state.Set(ctx, m)...)
	if o.diags.HasError() {
		return errReported
	}
	return nil
}

// owner resolves the owner of a new object (resolveOwner), or reports
// that there is none on project_uuid.
func (o *op) owner(org, project types.String, what string) (api.Group, error) {
	g, err := resolveOwner(o.client, ownedByGroup, org, project)
	if err != nil {
		o.diags.AddAttributeError(path.Root("project_uuid"), "No group for the Awanio "+what, sentence(err.Error()))
		return g, errReported
	}
	return g, nil
}

// answer is what an API call read, or its error: answered(call(...)).
type answer[A any] struct {
	read *A
	err  error
}

func answered[A any](read *A, err error) answer[A] { return answer[A]{read, err} }

// into sets a model from the answer with set (the model's fromAPI),
// unless the call failed; it returns the call's error. It is the read
// step of most calls: return answered(o.client.GetX(...)).into(m.fromAPI).
func (a answer[A]) into(set func(*A)) error {
	if a.err == nil {
		set(a.read)
	}
	return a.err
}

// errReported is returned by a call that already added its diagnostics.
var errReported = errors.New("reported in the diagnostics")

// errGone is returned by a read that finds the object gone without a 404
// (being deleted, replaced outside Terraform): it is removed from the state.
var errGone = errors.New("the object is gone")

// kindError is an error with its own diagnostic summary, instead of the
// lifecycle's "Could not <verb> the Awanio <what>".
type kindError struct {
	summary string
	err     error
	// object, when set, names an object that exists and is kept in the
	// state as tainted.
	object string
	// detail, when set, is the whole detail (no tfdiag hints).
	detail string
}

func (f *kindError) Error() string { return f.summary + ": " + f.err.Error() }

// failed gives err its own summary.
func failed(summary string, err error) error { return &kindError{summary: summary, err: err} }

// tainted reports a failure after object was created: it stays in the
// state, tainted.
func tainted(summary, object string, err error) error {
	return &kindError{summary: summary, err: err, object: object}
}

// invalidID reports a Terraform id that does not parse.
func invalidID(what string, err error) error {
	return &kindError{summary: "Invalid id of the Awanio " + what, err: err, detail: sentence(err.Error())}
}

// report adds err to diags, with summary unless err carries its own.
func report(diags *diag.Diagnostics, summary string, err error) {
	var f *kindError
	switch {
	case errors.Is(err, errReported):
	case errors.As(err, &f) && f.detail != "":
		diags.AddError(f.summary, f.detail)
	case errors.As(err, &f) && f.object != "":
		tfdiag.AddTaintedError(diags, f.summary, f.object, f.err)
	case errors.As(err, &f):
		tfdiag.AddError(diags, f.summary, f.err)
	default:
		tfdiag.AddError(diags, summary, err)
	}
}

// gone reports an error that means the object no longer exists: a 404 from
// the API (not one a kind reported as its own failure), or errGone.
func gone(err error) bool {
	var f *kindError
	return errors.Is(err, errGone) || (!errors.As(err, &f) && apiclient.IsNotFound(err))
}

// object implements resource.Resource for kind: T is the model and PT its
// pointer.
type object[T any, PT interface {
	*T
	objectModel
}] struct {
	client *api.Client
	kind   *kind[T]
}

var (
	_ resource.Resource                     = (*object[vpcModel, *vpcModel])(nil)
	_ resource.ResourceWithConfigure        = (*object[vpcModel, *vpcModel])(nil)
	_ resource.ResourceWithImportState      = (*object[vpcModel, *vpcModel])(nil)
	_ resource.ResourceWithModifyPlan       = (*object[vpcModel, *vpcModel])(nil)
	_ resource.ResourceWithConfigValidators = (*object[vpcModel, *vpcModel])(nil)
	_ resource.ResourceWithValidateConfig   = (*object[vpcModel, *vpcModel])(nil)
)

// newObject is a resource constructor for k.
func newObject[T any, PT interface {
	*T
	objectModel
}](k *kind[T]) func() resource.Resource {
	return func() resource.Resource { return &object[T, PT]{kind: k} }
}

func (r *object[T, PT]) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + r.kind.suffix
}

func (r *object[T, PT]) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: r.kind.description + apiNotes["cloudorder"+r.kind.suffix],
		Attributes:          r.kind.schemaAttributes(),
		Blocks:              map[string]schema.Block{"timeouts": timeouts.Block(ctx, r.kind.timeouts)},
	}
}

// schemaAttributes are the kind's attributes, with the owner's when it
// has one.
func (k *kind[T]) schemaAttributes() map[string]schema.Attribute {
	attrs := k.attributes()
	if k.ownedAs != "" {
		maps.Copy(attrs, ownerAttributes(k.ownedAs))
	}
	return attrs
}

func (r *object[T, PT]) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *object[T, PT]) ConfigValidators(context.Context) []resource.ConfigValidator {
	return r.kind.configValidators
}

func (r *object[T, PT]) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	if r.kind.validateConfig != nil {
		r.kind.validateConfig(ctx, req, resp)
	}
}

func (r *object[T, PT]) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.kind.modifyPlan != nil {
		r.kind.modifyPlan(ctx, r.client, req, resp)
	}
}

// slow is the default timeout of create, update and delete.
func (r *object[T, PT]) slow() time.Duration {
	if r.kind.slow != 0 {
		return r.kind.slow
	}
	return defaultTimeout
}

// timeoutPick picks the timeout of one call from a timeouts block:
// timeouts.Value.Create, .Read, .Update or .Delete.
type timeoutPick func(timeouts.Value, context.Context, time.Duration) (time.Duration, diag.Diagnostics)

// withTimeout sets the timeout that pick takes from the timeouts block tv
// (def when it has none) on o and the returned context; false after an
// error.
func withTimeout(ctx context.Context, tv timeouts.Value, pick timeoutPick, def time.Duration, o *op) (context.Context, context.CancelFunc, bool) {
	timeout, d := pick(tv, ctx, def)
	o.diags.Append(d...)
	if o.diags.HasError() {
		return ctx, func() {}, false
	}
	o.timeout = timeout
	ctx, cancel := context.WithTimeout(ctx, timeout)
	return ctx, cancel, true
}

// start is the prologue of Create, Read and Delete: it reads the model
// from src (the plan or the state) into m, then sets the timeout of m's
// timeouts block (withTimeout).
func (r *object[T, PT]) start(ctx context.Context, src interface {
	Get(context.Context, any) diag.Diagnostics
}, m *T, o *op, pick timeoutPick, def time.Duration,
) (context.Context, context.CancelFunc, bool) {
	o.diags.Append(src.Get(ctx, m)...)
	if o.diags.HasError() {
		return ctx, func() {}, false
	}
	return withTimeout(ctx, PT(m).timeoutsValue(), pick, def, o)
}

// stateID is the id attribute of s, for logs.
func stateID(ctx context.Context, s *tfsdk.State) string {
	var id types.String
	s.GetAttribute(ctx, path.Root("id"), &id)
	return id.ValueString()
}

func (r *object[T, PT]) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan T
	o := &op{client: r.client, config: req.Config, state: &resp.State, diags: &resp.Diagnostics}
	ctx, cancel, ok := r.start(ctx, req.Plan, &plan, o, timeouts.Value.Create, r.slow())
	defer cancel()
	if !ok {
		return
	}
	// An object adopted from the journal of in-flight creates says so.
	ctx = adopt.WithWarnings(ctx, resp.Diagnostics.AddWarning)
	if err := r.kind.create(ctx, o, &plan); err != nil {
		report(&resp.Diagnostics, "Could not create the Awanio "+r.kind.what, err)
		return
	}
	if o.save(ctx, &plan) == nil {
		tflog.Info(ctx, "created Awanio "+r.kind.what, map[string]any{"id": stateID(ctx, &resp.State)})
	}
}

func (r *object[T, PT]) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state T
	o := &op{client: r.client, state: &resp.State, diags: &resp.Diagnostics}
	ctx, cancel, ok := r.start(ctx, req.State, &state, o, timeouts.Value.Read, defaultTimeout)
	defer cancel()
	if !ok {
		return
	}
	// The object is in the state: a journal entry of its create is done
	// (local files only, and only when an entry is in flight).
	r.client.Tracked(stateID(ctx, &req.State))
	err := r.kind.read(ctx, o, &state)
	if gone(err) {
		tflog.Warn(ctx, "Awanio "+r.kind.what+" not found; removing it from the state", map[string]any{"id": stateID(ctx, &req.State)})
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		report(&resp.Diagnostics, "Could not read the Awanio "+r.kind.what, err)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *object[T, PT]) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state T
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if r.kind.update == nil {
		// Every other argument replaces the object: store the timeouts.
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
		return
	}
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	o := &op{client: r.client, state: &resp.State, diags: &resp.Diagnostics}
	ctx, cancel, ok := withTimeout(ctx, PT(&plan).timeoutsValue(), timeouts.Value.Update, r.slow(), o)
	defer cancel()
	if !ok {
		return
	}
	if err := r.kind.update(ctx, o, &plan, &state); err != nil {
		report(&resp.Diagnostics, "Could not update the Awanio "+r.kind.what, err)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *object[T, PT]) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state T
	o := &op{client: r.client, state: &resp.State, diags: &resp.Diagnostics}
	ctx, cancel, ok := r.start(ctx, req.State, &state, o, timeouts.Value.Delete, r.slow())
	defer cancel()
	if !ok {
		return
	}
	err := r.kind.del(ctx, o, &state)
	if err != nil && !gone(err) {
		report(&resp.Diagnostics, "Could not delete the Awanio "+r.kind.what, err)
		return
	}
	r.client.Tracked(stateID(ctx, &req.State))
}

func (r *object[T, PT]) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	attrs, err := r.kind.importID(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID", r.kind.importHint+": "+sentence(err.Error()))
		return
	}
	for name, v := range attrs {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(name), v)...)
	}
}

// importByUUID is the importID of objects imported by their UUID alone.
func importByUUID(id string) (map[string]any, error) {
	u, err := canonicalUUID(id)
	return map[string]any{"id": u}, err
}

// importByGroup is the importID of objects that exist once per group:
// their id is the group path.
func importByGroup(id string) (map[string]any, error) {
	g, err := parseGroupID(id)
	return map[string]any{"id": g.String()}, err
}

// importByGroupObject is the importID of objects imported as
// "<group path>/<uuid>": the id and both owner attributes (one null).
func importByGroupObject(id string) (map[string]any, error) {
	g, obj, err := parseGroupObjectID(id)
	org, project := ownerValues(g, types.StringNull(), types.StringNull())
	return map[string]any{"id": obj, "organization_uuid": org, "project_uuid": project}, err
}
