package awanio

import (
	"context"
	"fmt"
	"strings"

	"github.com/google/uuid"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
)

// projectModel is cloudorder_awanio_project in Terraform.
type projectModel struct {
	ID               types.String `tfsdk:"id"`
	Name             types.String `tfsdk:"name"`
	OrganizationUUID types.String `tfsdk:"organization_uuid"`
	Members          types.Set    `tfsdk:"members"`
	Primary          types.Bool   `tfsdk:"primary"`
	Slug             types.String `tfsdk:"slug"`
	UserLevel        types.Int64  `tfsdk:"user_level"`
	CreatedAt        types.String `tfsdk:"created_at"`
	withTimeouts
}

// projectMemberModel is an element of members.
type projectMemberModel struct {
	UserUUID  types.String `tfsdk:"user_uuid"`
	UserLevel types.Int64  `tfsdk:"user_level"`
}

var projectMemberAttrTypes = map[string]attr.Type{
	"user_uuid":  types.StringType,
	"user_level": types.Int64Type,
}

var projectMemberType = types.ObjectType{AttrTypes: projectMemberAttrTypes}

// memberLevels reads members as user UUID (canonical) → level, keeping the
// spelling each UUID was written in.
func memberLevels(ctx context.Context, set types.Set) (levels map[string]int, spelling map[string]string, diags diag.Diagnostics) {
	levels, spelling = map[string]int{}, map[string]string{}
	if set.IsNull() || set.IsUnknown() {
		return levels, spelling, nil
	}
	var members []projectMemberModel
	diags = set.ElementsAs(ctx, &members, false)
	for _, m := range members {
		id, err := canonicalUUID(m.UserUUID.ValueString())
		if err != nil {
			continue // the validator reports it
		}
		levels[id] = int(m.UserLevel.ValueInt64())
		spelling[id] = m.UserUUID.ValueString()
	}
	return levels, spelling, diags
}

// membersToSet builds members from the API's member list without the
// provider's own user, in the spelling the configuration used.
func membersToSet(members []api.ProjectMember, self string, spelling map[string]string) (types.Set, diag.Diagnostics) {
	elems := make([]attr.Value, 0, len(members))
	for _, m := range members {
		id, err := uuid.Parse(m.User.UUID)
		if err != nil || strings.EqualFold(id.String(), self) {
			continue
		}
		name := id.String()
		if s, ok := spelling[name]; ok {
			name = s
		}
		obj, d := types.ObjectValue(projectMemberAttrTypes, map[string]attr.Value{
			"user_uuid":  types.StringValue(name),
			"user_level": types.Int64Value(int64(m.UserLevel)),
		})
		if d.HasError() {
			return types.SetNull(projectMemberType), d
		}
		elems = append(elems, obj)
	}
	return types.SetValue(projectMemberType, elems)
}

// fromAPI sets the project's own attributes; members and primary are set
// by the resource, which reads them separately.
func (m *projectModel) fromAPI(p *api.Project) {
	m.ID = types.StringValue(p.UUID)
	m.Name = types.StringValue(p.Name)
	m.OrganizationUUID = keepUUID(m.OrganizationUUID, p.OrganizationUUID())
	m.Slug = stringOrNull(string(p.Slug))
	m.CreatedAt = stringOrNull(string(p.CreatedAt))
	m.UserLevel = types.Int64Null()
	if p.ProjectMember != nil && p.ProjectMember.UserLevel != 0 {
		m.UserLevel = types.Int64Value(int64(p.ProjectMember.UserLevel))
	}
}

// validateProjectMembers refuses a user listed twice in members.
func validateProjectMembers(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var members types.Set
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("members"), &members)...)
	if resp.Diagnostics.HasError() || members.IsNull() || members.IsUnknown() {
		return
	}
	var list []projectMemberModel
	resp.Diagnostics.Append(members.ElementsAs(ctx, &list, false)...)
	seen := map[string]bool{}
	for _, m := range list {
		if m.UserUUID.IsUnknown() {
			continue
		}
		id, err := canonicalUUID(m.UserUUID.ValueString())
		if err != nil {
			continue
		}
		if seen[id] {
			resp.Diagnostics.AddAttributeError(path.Root("members"), "Member listed twice",
				fmt.Sprintf("User %s appears more than once in members; list each user once with one user_level.", id))
		}
		seen[id] = true
	}
}
