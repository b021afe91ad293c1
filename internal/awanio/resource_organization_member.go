package awanio

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/validate"
)

// NewOrganizationMemberResource is the cloudorder_awanio_organization_member resource.
var NewOrganizationMemberResource = newObject[organizationMemberModel](&kind[organizationMemberModel]{
	suffix: "_awanio_organization_member",
	what:   "organization member",
	description: "A user's membership of an Awanio organization, with its level (`1` admin, `2` member). " +
		"The level changes in place; destroying it removes the user from the organization (and its projects). " +
		"Awanio refuses to remove the last admin.",
	attributes: organizationMemberAttributes,
	timeouts:   timeouts.Opts{Create: true, Read: true, Update: true, Delete: true},
	create:     addMember,
	read: func(ctx context.Context, o *op, m *organizationMemberModel) error {
		orgUUID, userUUID, err := splitUUIDPair(m.ID.ValueString())
		if err != nil {
			return &kindError{summary: "Invalid ID in state", err: err, detail: sentence(err.Error())}
		}
		om, err := findMember(ctx, o.client, orgUUID, userUUID)
		switch {
		case err == nil && om == nil:
			return errGone
		case err != nil && !apiclient.IsNotFound(err):
			return failed("Could not read the Awanio organization members", err)
		case err != nil:
			return err
		}
		m.fromAPI(orgUUID, om)
		return nil
	},
	update: func(ctx context.Context, o *op, plan, state *organizationMemberModel) error {
		orgUUID, userUUID, err := splitUUIDPair(state.ID.ValueString())
		if err == nil && !plan.UserLevel.Equal(state.UserLevel) {
			err = o.client.ChangeOrganizationMembers(ctx, orgUUID, api.OrganizationMembersChange{
				Updated: []api.MemberLevel{{UserUUID: userUUID, UserLevel: int(plan.UserLevel.ValueInt64())}},
			})
		}
		var m *api.OrganizationMember
		if err == nil {
			m, err = findMember(ctx, o.client, orgUUID, userUUID)
			if err == nil && m == nil {
				err = fmt.Errorf("user %s is no longer a member of organization %s", userUUID, orgUUID)
			}
		}
		if err != nil {
			return failed("Could not change the Awanio organization member", err)
		}
		plan.ID = state.ID
		plan.fromAPI(orgUUID, m)
		return nil
	},
	del: func(ctx context.Context, o *op, m *organizationMemberModel) error {
		orgUUID, userUUID, err := splitUUIDPair(m.ID.ValueString())
		if err == nil {
			err = o.client.RemoveOrganizationMember(ctx, orgUUID, userUUID)
		}
		if err != nil && !apiclient.IsNotFound(err) {
			return failed("Could not remove the member from the Awanio organization", err)
		}
		return nil
	},
	importID: func(id string) (map[string]any, error) {
		orgUUID, userUUID, err := splitUUIDPair(id)
		return map[string]any{"id": orgUUID + "/" + userUUID, "organization_uuid": orgUUID, "user_uuid": userUUID}, err
	},
	importHint: "Import an organization member as <organization_uuid>/<user_uuid>, for example " +
		"`terraform import cloudorder_awanio_organization_member.example 0b7c1d2e-3f40-4a51-8b62-7c83d94ea5f6/7a2b3c4d-5e6f-4a1b-9c2d-3e4f5a6b7c8d`",
})

func organizationMemberAttributes() map[string]schema.Attribute {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplaceIf(differentUUID, "Replaces the membership when it names another UUID.", "Replaces the membership when it names another UUID.")}
	return map[string]schema.Attribute{
		"id": stableString("`<organization_uuid>/<user_uuid>`, also the import ID."),
		"organization_uuid": schema.StringAttribute{
			Required:            true,
			MarkdownDescription: "UUID of the organization. Changing it replaces the membership.",
			Validators:          []validator.String{validate.UUID()},
			PlanModifiers:       replace,
		},
		"user_uuid": schema.StringAttribute{
			Required:            true,
			MarkdownDescription: "UUID of the user to add. Changing it replaces the membership.",
			Validators:          []validator.String{validate.UUID()},
			PlanModifiers:       replace,
		},
		"user_level": schema.Int64Attribute{
			Optional:            true,
			Computed:            true,
			Default:             int64default.StaticInt64(api.LevelMember),
			MarkdownDescription: "`1` for admin, `2` (the default) for member. Changes in place.",
			Validators:          []validator.Int64{int64validator.OneOf(api.LevelAdmin, api.LevelMember)},
		},
		"username":   computedString("User name of the member."),
		"name":       computedString("Real name of the member."),
		"is_default": computedBool("Whether this organization is the member's default organization."),
	}
}

type organizationMemberModel struct {
	ID               types.String `tfsdk:"id"`
	OrganizationUUID types.String `tfsdk:"organization_uuid"`
	UserUUID         types.String `tfsdk:"user_uuid"`
	UserLevel        types.Int64  `tfsdk:"user_level"`
	Username         types.String `tfsdk:"username"`
	Name             types.String `tfsdk:"name"`
	IsDefault        types.Bool   `tfsdk:"is_default"`
	withTimeouts
}

func (m *organizationMemberModel) fromAPI(orgUUID string, om *api.OrganizationMember) {
	m.OrganizationUUID = keepUUID(m.OrganizationUUID, orgUUID)
	m.UserUUID = keepUUID(m.UserUUID, om.User.UUID)
	m.ID = types.StringValue(orgUUID + "/" + om.User.UUID)
	m.UserLevel = types.Int64Value(int64(om.UserLevel))
	m.Username = types.StringValue(om.User.Username)
	m.Name = types.StringValue(om.User.Name)
	m.IsDefault = types.BoolValue(bool(om.IsDefault))
}

// findMember returns the user's membership, nil when the user is not a member.
func findMember(ctx context.Context, c *api.Client, orgUUID, userUUID string) (*api.OrganizationMember, error) {
	members, err := c.ListOrganizationMembers(ctx, orgUUID)
	if err != nil {
		return nil, err
	}
	for i := range members {
		if strings.EqualFold(members[i].User.UUID, userUUID) {
			return &members[i], nil
		}
	}
	return nil, nil
}

func addMember(ctx context.Context, o *op, plan *organizationMemberModel) error {
	orgUUID, _ := canonicalUUID(plan.OrganizationUUID.ValueString())
	userUUID, _ := canonicalUUID(plan.UserUUID.ValueString())
	level := int(plan.UserLevel.ValueInt64())
	// A lost answer is looked for in the members, never sent blindly again.
	err := o.client.AddOrganizationMemberOnce(ctx, orgUUID, userUUID)
	if apiclient.IsConflict(err) {
		return failed("The user is already a member of the Awanio organization",
			fmt.Errorf("%w\n\nTo manage the existing membership, import it: terraform import <address> %s/%s", err, orgUUID, userUUID))
	}
	if err != nil {
		return failed("Could not add the member to the Awanio organization", err)
	}
	// Save the membership before anything else can fail.
	plan.ID = types.StringValue(orgUUID + "/" + userUUID)
	plan.Username, plan.Name, plan.IsDefault = types.StringNull(), types.StringNull(), types.BoolValue(false)
	if err := o.save(ctx, plan); err != nil {
		return err
	}
	m, err := findMember(ctx, o.client, orgUUID, userUUID)
	if err == nil && m == nil {
		err = fmt.Errorf("user %s is not among the members of organization %s after being added", userUUID, orgUUID)
	}
	if err == nil && int(m.UserLevel) != level {
		err = o.client.ChangeOrganizationMembers(ctx, orgUUID, api.OrganizationMembersChange{Updated: []api.MemberLevel{{UserUUID: userUUID, UserLevel: level}}})
		if err == nil {
			m, err = findMember(ctx, o.client, orgUUID, userUUID)
		}
	}
	if err != nil || m == nil {
		return tainted("Could not set up the Awanio organization member", "The membership", err)
	}
	plan.fromAPI(orgUUID, m)
	return nil
}
