package awanio

import (
	"context"
	"errors"
	"fmt"
	"regexp"

	"github.com/google/uuid"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
)

// The owner of an Awanio object, and UUIDs: one canonical form, one
// comparison, one precedence rule and one schema for organization_uuid and
// project_uuid. Every resource and data source goes through these.

// canonicalUUID returns the dashed lower-case form Awanio uses.
func canonicalUUID(s string) (string, error) {
	u, err := uuid.Parse(s)
	if err != nil {
		return "", fmt.Errorf("%q is not a UUID", s)
	}
	return u.String(), nil
}

// sameUUID reports whether a and b are UUIDs naming the same object, in any
// spelling (case, dashes).
func sameUUID(a, b string) bool {
	x, errX := canonicalUUID(a)
	y, errY := canonicalUUID(b)
	return errX == nil && errY == nil && x == y
}

// keepUUID is the value to store for a UUID the API returned: the user's
// spelling (prior) when it names the same UUID, so that upper case or
// missing dashes never show a diff; null when the API returned none.
func keepUUID(prior types.String, fromAPI string) types.String {
	if fromAPI == "" {
		return types.StringNull()
	}
	if !prior.IsNull() && !prior.IsUnknown() && sameUUID(prior.ValueString(), fromAPI) {
		return prior
	}
	return types.StringValue(fromAPI)
}

// differentUUID is a RequiresReplaceIf condition: replace only when the
// planned UUID names another object than the one in state, not when it is
// the same UUID spelled differently.
func differentUUID(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
	if req.PlanValue.IsUnknown() {
		return // filled in later (provider default, see planOwnerAttribute)
	}
	if req.StateValue.IsNull() || req.PlanValue.IsNull() {
		resp.RequiresReplace = !req.StateValue.Equal(req.PlanValue)
		return
	}
	resp.RequiresReplace = !sameUUID(req.StateValue.ValueString(), req.PlanValue.ValueString())
}

// ownerScope says which groups may own an object.
type ownerScope int

const (
	// ownedByOrganization: VPCs, projects, organization-wide lists.
	ownedByOrganization ownerScope = iota
	// ownedByGroup: an organization or a project (VMs, baremetal, volumes,
	// object storage, buckets, Kubernetes).
	ownedByGroup
)

// errNoOwner says how to name an owner, for each scope.
func errNoOwner(scope ownerScope) error {
	if scope == ownedByOrganization {
		return errors.New("set organization_uuid here, or a default organization_uuid in the provider's awanio block (CLOUDORDER_AWANIO_ORGANIZATION_UUID)")
	}
	return errors.New("set organization_uuid or project_uuid here, or a default project_uuid or organization_uuid " +
		"in the provider's awanio block (CLOUDORDER_AWANIO_PROJECT_UUID, CLOUDORDER_AWANIO_ORGANIZATION_UUID)")
}

// ownerRule is the one precedence rule for the owner: the attribute the
// configuration sets (project_uuid or organization_uuid, which conflict),
// else the provider's project_uuid (when a project may own the object),
// else the provider's organization_uuid. ok is false when none applies.
func ownerRule(scope ownerScope, org, project, defOrg, defProject string) (g api.Group, ok bool) {
	switch {
	case scope == ownedByGroup && project != "":
		return api.ProjectGroup(project), true
	case org != "":
		return api.OrganizationGroup(org), true
	case scope == ownedByGroup && defProject != "":
		return api.ProjectGroup(defProject), true
	case defOrg != "":
		return api.OrganizationGroup(defOrg), true
	}
	return api.Group{}, false
}

// known is the value of a set, known attribute, else "".
func known(v types.String) string {
	if v.IsNull() || v.IsUnknown() {
		return ""
	}
	return v.ValueString()
}

// resolveOwner applies ownerRule to the attributes and the provider
// defaults of c (none when c is nil, e.g. for an owner read from state)
// and returns the group with its UUID in canonical form.
func resolveOwner(c *api.Client, scope ownerScope, org, project types.String) (api.Group, error) {
	var defOrg, defProject string
	if c != nil {
		defOrg, defProject = c.DefaultOrganizationUUID(), c.DefaultProjectUUID()
	}
	g, ok := ownerRule(scope, known(org), known(project), defOrg, defProject)
	if !ok {
		return api.Group{}, errNoOwner(scope)
	}
	id, err := canonicalUUID(g.UUID)
	g.UUID = id
	return g, err
}

// stateOwner is the owner recorded in state (no provider defaults).
func stateOwner(org, project types.String) api.Group {
	g, _ := resolveOwner(nil, ownedByGroup, org, project)
	return g
}

// ownerModel is organization_uuid and project_uuid (ownerAttributes) of
// an object a project or an organization owns; its model embeds it.
type ownerModel struct {
	OrganizationUUID types.String `tfsdk:"organization_uuid"`
	ProjectUUID      types.String `tfsdk:"project_uuid"`
}

// setOwner records g as the owner, keeping the spelling (ownerValues).
func (m *ownerModel) setOwner(g api.Group) {
	m.OrganizationUUID, m.ProjectUUID = ownerValues(g, m.OrganizationUUID, m.ProjectUUID)
}

// group is the owner the model records (stateOwner).
func (m *ownerModel) group() api.Group { return stateOwner(m.OrganizationUUID, m.ProjectUUID) }

// resolve is the owner of a new object, the configured one or the
// provider's default (op.owner).
func (m *ownerModel) resolve(o *op, what string) (api.Group, error) {
	return o.owner(m.OrganizationUUID, m.ProjectUUID, what)
}

// ownerValues are organization_uuid and project_uuid for g, one of them
// null; the prior spelling of the UUID is kept when it is the same UUID.
func ownerValues(g api.Group, org, project types.String) (types.String, types.String) {
	if g.Type == api.GroupProjects {
		return types.StringNull(), keepUUID(project, g.UUID)
	}
	return keepUUID(org, g.UUID), types.StringNull()
}

// ownerUUIDRegexp accepts a UUID with or without dashes.
var ownerUUIDRegexp = regexp.MustCompile(`^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$`)

// ownerUUIDValidators check an owner UUID; withConflict adds "conflicts
// with project_uuid" (on organization_uuid).
func ownerUUIDValidators(withConflict bool) []validator.String {
	v := []validator.String{stringvalidator.RegexMatches(ownerUUIDRegexp, "must be a UUID such as 0b7c1d2e-3f40-4a51-8b62-7c83d94ea5f6")}
	if withConflict {
		v = append(v, stringvalidator.ConflictsWith(path.MatchRoot("project_uuid")))
	}
	return v
}

// ownerAttributes are organization_uuid and project_uuid of an object that
// an organization or a project owns: at most one is set; with neither, the
// provider's project_uuid, then organization_uuid, is used (ownerRule).
// Changing the owner replaces the object.
func ownerAttributes(what string) map[string]schema.Attribute {
	mods := []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplace()}
	return map[string]schema.Attribute{
		"organization_uuid": schema.StringAttribute{
			Optional: true, Computed: true,
			MarkdownDescription: "UUID of the organization that owns the " + what + ". Conflicts with `project_uuid`. " +
				"With neither set, the provider's `project_uuid`, else its `organization_uuid`, is used. Changing it replaces the " + what + ".",
			Validators:    ownerUUIDValidators(true),
			PlanModifiers: mods,
		},
		"project_uuid": schema.StringAttribute{
			Optional: true, Computed: true,
			MarkdownDescription: "UUID of the project that owns the " + what + ". Conflicts with `organization_uuid`. Changing it replaces the " + what + ".",
			Validators:          ownerUUIDValidators(false),
			PlanModifiers:       mods,
		},
	}
}

// planOwner fills organization_uuid and project_uuid in a create plan from
// the provider defaults (ownerRule), so that the owner is known, and
// checked, at plan time rather than after apply.
func planOwner(ctx context.Context, c *api.Client, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	var org, project types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("organization_uuid"), &org)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("project_uuid"), &project)...)
	if resp.Diagnostics.HasError() || org.IsUnknown() || project.IsUnknown() {
		return // from another resource: known at apply
	}
	g, err := resolveOwner(c, ownedByGroup, org, project)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("organization_uuid"), "Missing owner", sentence(err.Error()))
		return
	}
	orgV, projV := ownerValues(g, org, project)
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("organization_uuid"), orgV)...)
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("project_uuid"), projV)...)
}

// planOwnerAttribute fills one owner argument p (organization_uuid or
// project_uuid) that the configuration omits with the provider default
// def (from ownerRule), so that the plan shows the real value; without a
// default it keeps what the state has, and for a new object it asks for
// the argument (errNoOwner(scope)). With replace, a changed owner replaces
// the object.
func planOwnerAttribute(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse, p path.Path, def string, scope ownerScope, replace bool) {
	if replace && !req.State.Raw.IsNull() {
		defer func() {
			var planned, state types.String
			resp.Diagnostics.Append(resp.Plan.GetAttribute(ctx, p, &planned)...)
			resp.Diagnostics.Append(req.State.GetAttribute(ctx, p, &state)...)
			if !planned.IsUnknown() && !state.IsNull() && !sameUUID(planned.ValueString(), state.ValueString()) {
				resp.RequiresReplace = append(resp.RequiresReplace, p)
			}
		}()
	}
	var config, state types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, p, &config)...)
	if resp.Diagnostics.HasError() || !config.IsNull() {
		return
	}
	if !req.State.Raw.IsNull() {
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, p, &state)...)
	}
	switch {
	case def != "" && !state.IsNull() && sameUUID(def, state.ValueString()):
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, p, state)...)
	case def != "":
		canonical, _ := canonicalUUID(def)
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, p, canonical)...)
	case !state.IsNull():
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, p, state)...)
	default:
		resp.Diagnostics.AddAttributeError(path.Root("organization_uuid"), "Missing organization_uuid", sentence(errNoOwner(scope).Error()))
	}
}

// defaultOwnerPlan is the modifyPlan of a kind whose owner defaults to the
// provider's: planDefaultOwner on every plan but a destroy's.
func defaultOwnerPlan(scope ownerScope, replace bool) func(context.Context, *api.Client, resource.ModifyPlanRequest, *resource.ModifyPlanResponse) {
	return func(ctx context.Context, c *api.Client, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
		if req.Plan.Raw.IsNull() || c == nil {
			return
		}
		planDefaultOwner(ctx, c, scope, req, resp, replace)
	}
}

// planDefaultOwner is planOwnerAttribute for the attribute ownerRule picks
// from the provider defaults when the configuration names no owner:
// project_uuid for the provider's project, else organization_uuid.
func planDefaultOwner(ctx context.Context, c *api.Client, scope ownerScope, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse, replace bool) {
	var org, project types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("organization_uuid"), &org)...)
	if scope == ownedByGroup {
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("project_uuid"), &project)...)
	}
	if resp.Diagnostics.HasError() || !org.IsNull() || !project.IsNull() {
		return
	}
	g, _ := ownerRule(scope, "", "", c.DefaultOrganizationUUID(), c.DefaultProjectUUID())
	attr := path.Root("organization_uuid")
	if g.Type == api.GroupProjects {
		attr = path.Root("project_uuid")
	}
	planOwnerAttribute(ctx, req, resp, attr, g.UUID, scope, replace)
}
