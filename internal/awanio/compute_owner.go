package awanio

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
)

// The owner of a VM or baremetal server: an organization or a project,
// given as organization_uuid or project_uuid (exactly one), or taken from
// the provider's awanio block when neither is set.

// computeOwner resolves the owner group from the two attributes and the
// provider defaults. A project default wins over an organization default,
// because it is the more specific of the two.
func computeOwner(c *api.Client, org, project types.String) (api.Group, error) {
	switch {
	case !org.IsNull() && !org.IsUnknown() && org.ValueString() != "":
		return api.OrganizationGroup(org.ValueString()), nil
	case !project.IsNull() && !project.IsUnknown() && project.ValueString() != "":
		return api.ProjectGroup(project.ValueString()), nil
	case c == nil:
		return api.Group{}, fmt.Errorf("no client")
	case c.DefaultProjectUUID() != "":
		return api.ProjectGroup(c.DefaultProjectUUID()), nil
	case c.DefaultOrganizationUUID() != "":
		return api.OrganizationGroup(c.DefaultOrganizationUUID()), nil
	}
	return api.Group{}, fmt.Errorf("set organization_uuid or project_uuid here, or a default project_uuid or organization_uuid " +
		"in the provider's awanio block (CLOUDORDER_AWANIO_PROJECT_UUID, CLOUDORDER_AWANIO_ORGANIZATION_UUID)")
}

// planComputeOwner fills organization_uuid / project_uuid in a create plan
// from the provider defaults, so the owner is known (and checked) at plan
// time rather than after apply.
func planComputeOwner(ctx context.Context, c *api.Client, org, project types.String, set func(context.Context, path.Path, any) diag.Diagnostics, diags *diag.Diagnostics) {
	if org.IsUnknown() || project.IsUnknown() {
		return // from another resource: known at apply
	}
	g, err := computeOwner(c, org, project)
	if err != nil {
		diags.AddAttributeError(path.Root("organization_uuid"), "Missing owner", sentence(err.Error()))
		return
	}
	orgV, projV := types.StringNull(), types.StringNull()
	if g.Type == api.GroupOrganizations {
		orgV = types.StringValue(g.UUID)
	} else {
		projV = types.StringValue(g.UUID)
	}
	diags.Append(set(ctx, path.Root("organization_uuid"), orgV)...)
	diags.Append(set(ctx, path.Root("project_uuid"), projV)...)
}

// groupFromState is the owner recorded in state.
func groupFromState(org, project types.String) api.Group {
	if !org.IsNull() && org.ValueString() != "" {
		return api.OrganizationGroup(org.ValueString())
	}
	return api.ProjectGroup(project.ValueString())
}

// parseGroupImportID reads "<group-type>/<group-uuid>/<uuid>", where the
// group type is organizations or projects (the singular is accepted too).
func parseGroupImportID(id string) (api.Group, string, error) {
	parts := strings.Split(id, "/")
	if len(parts) != 3 {
		return api.Group{}, "", fmt.Errorf("%q has %d parts separated by /, want 3", id, len(parts))
	}
	var t api.GroupType
	switch strings.ToLower(parts[0]) {
	case "organizations", "organization":
		t = api.GroupOrganizations
	case "projects", "project":
		t = api.GroupProjects
	default:
		return api.Group{}, "", fmt.Errorf("group type %q is neither organizations nor projects", parts[0])
	}
	g, err := canonicalUUID(parts[1])
	if err != nil {
		return api.Group{}, "", err
	}
	obj, err := canonicalUUID(parts[2])
	if err != nil {
		return api.Group{}, "", err
	}
	return api.Group{Type: t, UUID: g}, obj, nil
}

// groupAttrs maps a group to (organization_uuid, project_uuid).
func groupAttrs(g api.Group) (types.String, types.String) {
	if g.Type == api.GroupOrganizations {
		return types.StringValue(g.UUID), types.StringNull()
	}
	return types.StringNull(), types.StringValue(g.UUID)
}

// reserveIPFrom builds reserve_external_ip from the resource's attributes;
// nil without an external IP.
func reserveIPFrom(withExternal, reserve types.Bool, reservedUUID types.String) *api.ReserveExternalIP {
	if !withExternal.ValueBool() {
		return nil
	}
	if id := reservedUUID.ValueString(); id != "" {
		return &api.ReserveExternalIP{IsNew: false, UUID: id, Reserved: true}
	}
	return &api.ReserveExternalIP{IsNew: true, Reserved: reserve.ValueBool()}
}

// computeSameUUID reports whether two UUID values name the same object in
// any spelling, so the user's spelling stays in state without a diff.
func computeSameUUID(a, b types.String) bool {
	if a.IsNull() || a.IsUnknown() || b.IsNull() || b.IsUnknown() {
		return a.Equal(b)
	}
	x, errX := canonicalUUID(a.ValueString())
	y, errY := canonicalUUID(b.ValueString())
	return errX == nil && errY == nil && x == y
}

// Arguments Awanio never returns (the login, the IP reservation) are null
// in the state after an import. Setting them in the configuration then is
// recording what was used, not a change: replace only when a value that
// was known changes, and let Update store it otherwise.
const writeOnceReplaceDesc = "Changing the value replaces the object, unless the state has none (after an import)."

func replaceIfKnownString() planmodifier.String {
	return stringplanmodifier.RequiresReplaceIf(func(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
		resp.RequiresReplace = !req.StateValue.IsNull()
	}, writeOnceReplaceDesc, writeOnceReplaceDesc)
}

func replaceIfKnownBool() planmodifier.Bool {
	return boolplanmodifier.RequiresReplaceIf(func(_ context.Context, req planmodifier.BoolRequest, resp *boolplanmodifier.RequiresReplaceIfFuncResponse) {
		resp.RequiresReplace = !req.StateValue.IsNull()
	}, writeOnceReplaceDesc, writeOnceReplaceDesc)
}

func replaceIfKnownInt64() planmodifier.Int64 {
	return int64planmodifier.RequiresReplaceIf(func(_ context.Context, req planmodifier.Int64Request, resp *int64planmodifier.RequiresReplaceIfFuncResponse) {
		resp.RequiresReplace = !req.StateValue.IsNull()
	}, writeOnceReplaceDesc, writeOnceReplaceDesc)
}

// defaultOnCreate plans a default for an argument that Awanio never
// returns, on create only. A schema Default would plan it after an import
// too, where the state holds null, so an imported server (and the
// configuration `terraform plan -generate-config-out` writes for it)
// would never plan clean. On update an unset argument keeps its state.
type defaultOnCreate[T interface{ IsNull() bool }] struct {
	value       T
	description string
}

func (m defaultOnCreate[T]) Description(context.Context) string         { return m.description }
func (m defaultOnCreate[T]) MarkdownDescription(context.Context) string { return m.description }

func (m defaultOnCreate[T]) plan(config T, stateIsNull bool, state T) (T, bool) {
	if !config.IsNull() {
		return config, false
	}
	if stateIsNull {
		return m.value, true
	}
	return state, true
}

type defaultOnCreateString struct{ defaultOnCreate[types.String] }

func (m defaultOnCreateString) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if v, ok := m.plan(req.ConfigValue, req.State.Raw.IsNull(), req.StateValue); ok {
		resp.PlanValue = v
	}
}

type defaultOnCreateBool struct{ defaultOnCreate[types.Bool] }

func (m defaultOnCreateBool) PlanModifyBool(_ context.Context, req planmodifier.BoolRequest, resp *planmodifier.BoolResponse) {
	if v, ok := m.plan(req.ConfigValue, req.State.Raw.IsNull(), req.StateValue); ok {
		resp.PlanValue = v
	}
}

type defaultOnCreateInt64 struct{ defaultOnCreate[types.Int64] }

func (m defaultOnCreateInt64) PlanModifyInt64(_ context.Context, req planmodifier.Int64Request, resp *planmodifier.Int64Response) {
	if v, ok := m.plan(req.ConfigValue, req.State.Raw.IsNull(), req.StateValue); ok {
		resp.PlanValue = v
	}
}

func int64DefaultOnCreate(v int64) planmodifier.Int64 {
	return defaultOnCreateInt64{defaultOnCreate[types.Int64]{types.Int64Value(v), fmt.Sprintf("Defaults to %d on create.", v)}}
}

func stringDefaultOnCreate(v string) planmodifier.String {
	return defaultOnCreateString{defaultOnCreate[types.String]{types.StringValue(v), fmt.Sprintf("Defaults to %q on create.", v)}}
}

func boolDefaultOnCreate(v bool) planmodifier.Bool {
	return defaultOnCreateBool{defaultOnCreate[types.Bool]{types.BoolValue(v), fmt.Sprintf("Defaults to %t on create.", v)}}
}
