package awanio

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"regexp"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/validate"
)

// The compute base: virtual machines and baremetal servers share their
// lifecycle end to end. Both are owned by an organization or a project
// (ownerAttributes, defaulted at plan time by planOwner), log in with an
// SSH key or a write-only password (accessModel), are created
// asynchronously (saved before the wait, tainted when they never get
// ready), have no update endpoint (every argument but timeouts replaces;
// Update records what an import left empty) and are imported as
// <group-type>/<group-uuid>/<uuid>. computeKind builds their kind from
// what differs: the schema's own attributes and the API calls.

// provisionTimeout bounds a VM or baremetal create and delete, which
// Awanio runs asynchronously, unless the timeouts block says otherwise.
const provisionTimeout = 30 * time.Minute

// hostnameRE is one DNS label (RFC 1123), which a VM hostname must be.
var hostnameRE = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`)

// computeFields are the attributes every compute model has.
type computeFields struct {
	ID                types.String `tfsdk:"id"`
	CatalogueUUID     types.String `tfsdk:"catalogue_uuid"`
	Title             types.String `tfsdk:"title"`
	Hostname          types.String `tfsdk:"hostname"`
	PrivateIPAddress  types.String `tfsdk:"private_ip_address"`
	ExternalIPAddress types.String `tfsdk:"external_ip_address"`
	CreatedAt         types.String `tfsdk:"created_at"`
	ownerModel
	withTimeouts
	accessModel
}

func (m *computeFields) compute() *computeFields { return m }

// computeModel is a VM or baremetal model (embedding computeFields).
type computeModel interface {
	objectModel
	compute() *computeFields
}

// fromAPI sets the shared attributes; the owner and catalogue keep the
// spelling in state.
func (m *computeFields) fromAPI(g api.Group, s *api.Server) {
	m.ID = types.StringValue(s.UUID)
	m.setOwner(g)
	m.Title = types.StringValue(s.Title)
	m.Hostname = types.StringValue(s.Hostname)
	if s.Catalogue != nil {
		m.CatalogueUUID = keepUUID(m.CatalogueUUID, s.Catalogue.UUID)
	}
	m.CreatedAt = stringOrNull(string(s.CreatedAt))
}

// serverCreate is the shared part of the create request; password comes
// from the configuration (write-only) and is never stored.
func (m *computeFields) serverCreate(password string) api.ServerCreate {
	return api.ServerCreate{
		AuthenticationType: m.authentication(password),
		CatalogueUUID:      m.CatalogueUUID.ValueString(),
		Title:              m.Title.ValueString(),
		Hostname:           m.Hostname.ValueString(),
		WithExternalIP:     m.WithExternalIP.ValueBool(),
		ReserveExternalIP:  m.reserveIP(),
	}
}

// computeCalls are the API calls of one compute type, whose API object
// (as the calls read it) is A. The calls take the client first, like
// method expressions.
type computeCalls[T, A any] struct {
	// what names the object in messages ("virtual machine"); short in
	// attribute descriptions ("VM"); object in tainted errors ("Virtual machine").
	what, short, object string
	// service is the catalogue's service for the image ("compute").
	service     string
	defaultUser string

	create    func(c *api.Client, ctx context.Context, g api.Group, m *T, password string) (*A, error)
	waitReady func(c *api.Client, ctx context.Context, g api.Group, id string) (*A, error)
	get       func(c *api.Client, ctx context.Context, g api.Group, id string) (*A, error)
	del       func(c *api.Client, ctx context.Context, g api.Group, id string) error
	waitGone  func(c *api.Client, ctx context.Context, g api.Group, id string) error
	// fromAPI sets the model from what a call read.
	fromAPI func(m *T, g api.Group, a *A)
	// notReady and notGone are the summaries of failed waits.
	notReady, notGone string
	// keep copies from the plan what Update records besides the access
	// arguments (optional).
	keep func(plan, state *T)
}

// call sets m from the answer of one of the reading calls (answer.into).
func (calls *computeCalls[T, A]) call(m *T, g api.Group, a *A, err error) error {
	return answered(a, err).into(func(a *A) { calls.fromAPI(m, g, a) })
}

// computeKind is the kind of a compute type: suffix, description and its
// own attributes, on the shared lifecycle.
func computeKind[T any, PT interface {
	*T
	computeModel
}, A any](suffix, description string, own map[string]schema.Attribute, calls computeCalls[T, A]) *kind[T] {
	return &kind[T]{
		suffix: suffix, what: calls.what, description: description,
		attributes: func() map[string]schema.Attribute { return calls.attributes(own) },
		ownedAs:    calls.short,
		timeouts:   timeouts.Opts{Create: true, Read: true, Update: true, Delete: true},
		slow:       provisionTimeout,
		create: func(ctx context.Context, o *op, plan *T) error {
			var password types.String
			o.diags.Append(o.config.GetAttribute(ctx, path.Root("password_wo"), &password)...)
			if o.diags.HasError() {
				return errReported
			}
			f := PT(plan).compute()
			g, err := resolveOwner(o.client, ownedByGroup, f.OrganizationUUID, f.ProjectUUID)
			if err != nil {
				o.diags.AddAttributeError(path.Root("organization_uuid"), "Missing owner", sentence(err.Error()))
				return errReported
			}
			if err := o.client.RegisterSecret(password.ValueString()); err != nil {
				return err
			}
			a, err := calls.create(o.client, ctx, g, plan, password.ValueString())
			if err := calls.call(plan, g, a, err); err != nil {
				return err
			}
			tflog.Info(ctx, "created Awanio "+calls.what+"; waiting until it is ready", map[string]any{"id": f.ID.ValueString(), "group": g.String()})
			// Saved before the wait: one that never gets ready is tainted, not orphaned.
			if err := o.save(ctx, plan); err != nil {
				return err
			}
			a, err = calls.waitReady(o.client, ctx, g, f.ID.ValueString())
			if err := calls.call(plan, g, a, err); err != nil {
				if errors.As(err, new(*kindError)) {
					return err
				}
				return tainted(calls.notReady, calls.object+" "+f.ID.ValueString(), err)
			}
			return nil
		},
		read: func(ctx context.Context, o *op, state *T) error {
			f := PT(state).compute()
			a, err := calls.get(o.client, ctx, f.group(), f.ID.ValueString())
			return calls.call(state, f.group(), a, err)
		},
		// No API call (Awanio has no update): store new timeouts, and the
		// login and reservation arguments an import left empty.
		update: func(_ context.Context, _ *op, plan, state *T) error {
			p, s := PT(plan).compute(), PT(state).compute()
			s.Timeouts = p.Timeouts
			s.keepFromPlan(p.accessModel)
			if calls.keep != nil {
				calls.keep(plan, state)
			}
			*plan = *state
			return nil
		},
		del: func(ctx context.Context, o *op, state *T) error {
			f := PT(state).compute()
			g, id := f.group(), f.ID.ValueString()
			if err := calls.del(o.client, ctx, g, id); err != nil {
				return err
			}
			if err := calls.waitGone(o.client, ctx, g, id); err != nil {
				return failed(calls.notGone, err)
			}
			return nil
		},
		importID: importByGroupObject,
		importHint: fmt.Sprintf("Import a cloudorder%s as <group-type>/<group-uuid>/<uuid>, where <group-type> is organizations or projects, "+
			"for example `terraform import cloudorder%s.example organizations/0b7c1d2e-3f40-4a51-8b62-7c83d94ea5f6/5a1efa11-67b0-401a-8524-eafef73590d3`", suffix, suffix),
		// On create: check the login, resolve the owner from the provider defaults.
		modifyPlan: func(ctx context.Context, c *api.Client, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
			if req.Plan.Raw.IsNull() || !req.State.Raw.IsNull() {
				return
			}
			requireLoginOnCreate(ctx, req, resp, calls.what)
			if c != nil {
				planOwner(ctx, c, req, resp)
			}
		},
		validateConfig: validateExternalIP,
		configValidators: []resource.ConfigValidator{
			// At most one login; that there is one is checked on create only
			// (requireLoginOnCreate), since Awanio never returns it: an
			// imported server, and the config Terraform generates for it,
			// has neither.
			resourcevalidator.Conflicting(path.MatchRoot("ssh_public_key"), path.MatchRoot("password_wo")),
			resourcevalidator.Conflicting(path.MatchRoot("reserve_external_ip"), path.MatchRoot("reserved_ip_uuid")),
		},
	}
}

// attributes are own plus the shared ones: id, catalogue, title,
// hostname, addresses, created_at and the access arguments (the kind's
// ownedAs adds the owner).
func (calls *computeCalls[T, A]) attributes(own map[string]schema.Attribute) map[string]schema.Attribute {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	short := calls.short
	attrs := map[string]schema.Attribute{
		"id": stableString("UUID of the " + calls.what + "."),
		"catalogue_uuid": schema.StringAttribute{
			Required:            true,
			MarkdownDescription: "UUID of the operating system image, from the catalogue (`service = \"" + calls.service + "\"`). Changing it replaces the " + short + ".",
			Validators:          []validator.String{validate.UUID()},
			PlanModifiers:       replace,
		},
		"title": schema.StringAttribute{
			Required:            true,
			MarkdownDescription: "Display name (1 to 255 characters). Awanio documents no update, so changing it replaces the " + short + ".",
			Validators:          nameValidators(255),
			PlanModifiers:       replace,
		},
		"hostname": schema.StringAttribute{
			Required:            true,
			MarkdownDescription: "Host name: one DNS label of lower-case letters, digits and `-` (at most 63). Changing it replaces the " + short + ".",
			Validators:          []validator.String{stringvalidator.RegexMatches(hostnameRE, "must be one DNS label: lower-case letters, digits and -, not starting or ending with -, at most 63 characters")},
			PlanModifiers:       replace,
		},
		"private_ip_address":  computedString("Private IPv4 address."),
		"external_ip_address": computedString("Public IPv4 address, when `with_external_ip` is true."),
		"created_at":          stableString("When the " + short + " was created (RFC 3339)."),
	}
	for _, more := range []map[string]schema.Attribute{own, accessAttributes(short, calls.defaultUser)} {
		maps.Copy(attrs, more)
	}
	return attrs
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
