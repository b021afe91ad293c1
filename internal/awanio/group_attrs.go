package awanio

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
)

// Group-scoped objects that exist once per group (object storage, the
// Kubernetes cluster) have no id of their own: their Terraform id is the
// group path, "projects/<uuid>" or "organizations/<uuid>", which is also
// what they are imported by.

var groupUUIDRegexp = regexp.MustCompile(`^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$`)

// groupAttributes are organization_uuid and project_uuid: at most one is
// set; with neither, the provider's project_uuid, then organization_uuid,
// is used.
func groupAttributes(what string) map[string]schema.Attribute {
	uuidCheck := stringvalidator.RegexMatches(groupUUIDRegexp, "must be a UUID such as 0b7c1d2e-3f40-4a51-8b62-7c83d94ea5f6")
	mods := []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplace()}
	return map[string]schema.Attribute{
		"organization_uuid": schema.StringAttribute{
			Optional: true, Computed: true,
			MarkdownDescription: "UUID of the organization that owns the " + what + ". Conflicts with `project_uuid`. " +
				"With neither set, the provider's `project_uuid`, else its `organization_uuid`, is used. Changing it replaces the " + what + ".",
			Validators:    []validator.String{uuidCheck, stringvalidator.ConflictsWith(path.MatchRoot("project_uuid"))},
			PlanModifiers: mods,
		},
		"project_uuid": schema.StringAttribute{
			Optional: true, Computed: true,
			MarkdownDescription: "UUID of the project that owns the " + what + ". Conflicts with `organization_uuid`. Changing it replaces the " + what + ".",
			Validators:          []validator.String{uuidCheck},
			PlanModifiers:       mods,
		},
	}
}

// resolveGroup picks the group from the arguments or the provider defaults.
func resolveGroup(c *api.Client, org, project types.String) (api.Group, error) {
	switch {
	case !project.IsNull() && !project.IsUnknown() && project.ValueString() != "":
		id, err := canonicalUUID(project.ValueString())
		return api.ProjectGroup(id), err
	case !org.IsNull() && !org.IsUnknown() && org.ValueString() != "":
		id, err := canonicalUUID(org.ValueString())
		return api.OrganizationGroup(id), err
	case c.DefaultProjectUUID() != "":
		id, err := canonicalUUID(c.DefaultProjectUUID())
		return api.ProjectGroup(id), err
	case c.DefaultOrganizationUUID() != "":
		id, err := canonicalUUID(c.DefaultOrganizationUUID())
		return api.OrganizationGroup(id), err
	}
	return api.Group{}, fmt.Errorf("set project_uuid or organization_uuid, here or in the provider's awanio block")
}

// parseGroupID reads "projects/<uuid>" or "organizations/<uuid>".
func parseGroupID(id string) (api.Group, error) {
	gt, u, ok := strings.Cut(strings.Trim(id, "/"), "/")
	if !ok || (gt != string(api.GroupProjects) && gt != string(api.GroupOrganizations)) {
		return api.Group{}, fmt.Errorf("%q is not projects/<uuid> or organizations/<uuid>", id)
	}
	cu, err := canonicalUUID(u)
	if err != nil {
		return api.Group{}, err
	}
	return api.Group{Type: api.GroupType(gt), UUID: cu}, nil
}

// groupValues are organization_uuid and project_uuid for g; the user's
// spelling of the UUID is kept when it is the same UUID.
func groupValues(g api.Group, org, project types.String) (types.String, types.String) {
	keep := func(v types.String) types.String {
		if !v.IsNull() && !v.IsUnknown() {
			if cu, err := canonicalUUID(v.ValueString()); err == nil && cu == g.UUID {
				return v
			}
		}
		return types.StringValue(g.UUID)
	}
	if g.Type == api.GroupProjects {
		return types.StringNull(), keep(project)
	}
	return keep(org), types.StringNull()
}

// groupUUIDValidators check a UUID argument of a group; withConflict adds
// "conflicts with project_uuid" (on organization_uuid).
func groupUUIDValidators(withConflict bool) []validator.String {
	v := []validator.String{stringvalidator.RegexMatches(groupUUIDRegexp, "must be a UUID such as 0b7c1d2e-3f40-4a51-8b62-7c83d94ea5f6")}
	if withConflict {
		v = append(v, stringvalidator.ConflictsWith(path.MatchRoot("project_uuid")))
	}
	return v
}
