package awanio

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/validate"
)

// NewProjectResource is the cloudorder_awanio_project resource.
var NewProjectResource = newObject[projectModel](&kind[projectModel]{
	suffix: "_awanio_project",
	what:   "project",
	description: "An Awanio project: a group of resources inside an organization, with its own members. " +
		"The user the provider acts as creates it and is its admin. Name, organization, members and `primary` change in place.",
	attributes: projectAttributes,
	timeouts:   timeouts.Opts{Create: true, Read: true, Update: true, Delete: true},
	create:     createProject,
	read: func(ctx context.Context, o *op, m *projectModel) error {
		_, spelling, diags := memberLevels(ctx, m.Members)
		o.diags.Append(diags...)
		self, err := selfUUID(ctx, o.client, nil)
		if err != nil {
			return err
		}
		return readProject(ctx, o.client, m, self, spelling)
	},
	update: func(ctx context.Context, o *op, plan, state *projectModel) error {
		return updateProject(ctx, o.client, plan, state)
	},
	del: func(ctx context.Context, o *op, m *projectModel) error {
		return o.client.DeleteProject(ctx, m.ID.ValueString())
	},
	// By UUID; members are then read in full, as if they were managed.
	importID: func(id string) (map[string]any, error) {
		attrs, err := importByUUID(id)
		attrs["members"] = types.SetValueMust(projectMemberType, nil)
		return attrs, err
	},
	importHint:     "Import a cloudorder_awanio_project by its UUID, for example `terraform import cloudorder_awanio_project.example 1c8d2e3f-4051-4b62-9c73-8d94ea5fb607`",
	validateConfig: validateProjectMembers,
	// Fills in the provider's default organization.
	modifyPlan: defaultOwnerPlan(ownedByOrganization, false),
})

func projectAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id": stableString("UUID of the project."),
		"name": schema.StringAttribute{
			Required: true,
			MarkdownDescription: "Name of the project (1 to 255 characters, no leading or trailing spaces), unique within the organization: " +
				"the provider finds a project whose create answer was lost by its name.",
			Validators: nameValidators(255),
		},
		"organization_uuid": schema.StringAttribute{
			Optional: true,
			Computed: true,
			MarkdownDescription: "Organization of the project. Defaults to the provider's `organization_uuid`. " +
				"Changing it moves the project to the other organization in place (you must be an admin of both).",
			Validators: []validator.String{validate.UUID()},
		},
		"members": schema.SetNestedAttribute{
			Optional: true,
			MarkdownDescription: "Members of the project **other than the user the provider acts as** (who is always a member). " +
				"When set, the list is authoritative: members added elsewhere are removed and missing ones added back. " +
				"When omitted, members are not managed. Members must belong to the organization.",
			NestedObject: schema.NestedAttributeObject{
				Attributes: map[string]schema.Attribute{
					"user_uuid": schema.StringAttribute{
						Required:            true,
						MarkdownDescription: "UUID of the user.",
						Validators:          []validator.String{validate.UUID()},
					},
					"user_level": schema.Int64Attribute{
						Required:            true,
						MarkdownDescription: "`1` for admin, `2` for member.",
						Validators:          []validator.Int64{int64validator.OneOf(api.LevelAdmin, api.LevelMember)},
					},
				},
			},
		},
		"primary": schema.BoolAttribute{
			Optional: true,
			Computed: true,
			MarkdownDescription: "Whether this is the primary project of the provider's user in its organization. " +
				"`true` makes it primary (another primary project of the organization stops being one), `false` releases it; " +
				"omitted, it is only read. Set it to `true` on at most one project per organization.",
			PlanModifiers: []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
		},
		"slug":       computedString("URL-friendly name Awanio derives from `name`."),
		"user_level": computedInt64("Level of the provider's user in the project: `1` admin, `2` member."),
		"created_at": schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: "When the project was created (RFC 3339).",
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
	}
}

func createProject(ctx context.Context, o *op, plan *projectModel) error {
	levels, spelling, diags := memberLevels(ctx, plan.Members)
	o.diags.Append(diags...)
	self, err := selfUUID(ctx, o.client, levels)
	if err != nil {
		return err
	}
	orgUUID, _ := canonicalUUID(plan.OrganizationUUID.ValueString())
	body := api.ProjectCreateRequest{Name: plan.Name.ValueString(), OrganizationUUID: orgUUID}
	for id, level := range levels {
		body.Members = append(body.Members, api.MemberLevel{UserUUID: id, UserLevel: level})
	}
	p, err := o.client.CreateProject(ctx, body)
	if err != nil {
		return err
	}
	// Save the project before anything else can fail, so it is never orphaned.
	plan.fromAPI(p)
	wantPrimary := plan.Primary
	if plan.Primary.IsUnknown() {
		plan.Primary = types.BoolValue(p.ProjectMember != nil && bool(p.ProjectMember.IsDefault))
	}
	if err := o.save(ctx, plan); err != nil {
		return err
	}
	if wantPrimary.ValueBool() {
		err = o.client.SetPrimaryProject(ctx, p.UUID)
	}
	if err == nil {
		err = readProject(ctx, o.client, plan, self, spelling)
	}
	if err != nil {
		return tainted("Could not set up the Awanio project", "Project "+p.UUID, err)
	}
	return nil
}

// selfUUID is the provider's user, who must not be listed in members.
func selfUUID(ctx context.Context, c *api.Client, levels map[string]int) (string, error) {
	me, err := c.CurrentUser(ctx)
	if err != nil {
		return "", fmt.Errorf("reading the provider's own user: %w", err)
	}
	self, err := canonicalUUID(me.UUID)
	if err != nil {
		return "", fmt.Errorf("the API returned an invalid UUID for the provider's own user: %w", err)
	}
	if _, ok := levels[self]; ok {
		return "", fmt.Errorf("members lists %s, the user the provider acts as, who is always a member: leave it out of members", self)
	}
	return self, nil
}

// read refreshes m from the API: the project, its members (when managed)
// and whether it is the user's primary project.
func readProject(ctx context.Context, c *api.Client, m *projectModel, self string, spelling map[string]string) error {
	id := m.ID.ValueString()
	p, err := c.GetProject(ctx, id)
	if err != nil {
		return err
	}
	m.fromAPI(p)
	membership := p.ProjectMember
	if membership == nil {
		// The documented detail has no project_member; the list has.
		all, err := c.ListProjects(ctx)
		if err != nil {
			return err
		}
		for i := range all {
			if strings.EqualFold(all[i].UUID, id) {
				membership = all[i].ProjectMember
				if membership != nil && membership.UserLevel != 0 {
					m.UserLevel = types.Int64Value(int64(membership.UserLevel))
				}
			}
		}
	}
	m.Primary = types.BoolValue(membership != nil && bool(membership.IsDefault))
	if m.Members.IsNull() {
		return nil
	}
	members, err := c.ListProjectMembers(ctx, id)
	if err != nil {
		return err
	}
	set, diags := membersToSet(members, self, spelling)
	if diags.HasError() {
		return errors.New("building members: " + diags.Errors()[0].Detail())
	}
	m.Members = set
	return nil
}

// updateProject sends the changes: name, organization, members, primary.
func updateProject(ctx context.Context, c *api.Client, plan, state *projectModel) error {
	levels, spelling, diags := memberLevels(ctx, plan.Members)
	if diags.HasError() {
		return errors.New(diags.Errors()[0].Detail())
	}
	self, err := selfUUID(ctx, c, levels)
	if err != nil {
		return err
	}
	id := state.ID.ValueString()
	var body api.ProjectUpdateRequest
	changed := false
	if !plan.Name.Equal(state.Name) {
		body.Name, changed = plan.Name.ValueString(), true
	}
	if a, _ := canonicalUUID(plan.OrganizationUUID.ValueString()); !sameUUID(a, state.OrganizationUUID.ValueString()) {
		body.OrganizationUUID, changed = a, true
	}
	if !plan.Members.IsNull() {
		current, err := c.ListProjectMembers(ctx, id)
		if err != nil {
			return err
		}
		have := map[string]int{}
		for _, m := range current {
			if uid, err := canonicalUUID(m.User.UUID); err == nil && uid != self {
				have[uid] = int(m.UserLevel)
			}
		}
		for uid, level := range levels {
			old, ok := have[uid]
			switch {
			case !ok:
				body.Added = append(body.Added, api.MemberLevel{UserUUID: uid, UserLevel: level})
			case old != level:
				body.Updated = append(body.Updated, api.MemberLevel{UserUUID: uid, UserLevel: level})
			}
		}
		for uid := range have {
			if _, ok := levels[uid]; !ok {
				body.Deleted = append(body.Deleted, api.MemberRef{UserUUID: uid})
			}
		}
		changed = changed || len(body.Added)+len(body.Updated)+len(body.Deleted) > 0
	}
	if changed {
		if _, err := c.UpdateProject(ctx, id, body); err != nil {
			return err
		}
	}
	if !plan.Primary.IsUnknown() && !plan.Primary.IsNull() && !plan.Primary.Equal(state.Primary) {
		if plan.Primary.ValueBool() {
			err = c.SetPrimaryProject(ctx, id)
		} else {
			err = c.ReleasePrimaryProject(ctx, id)
		}
		if err != nil {
			return err
		}
	}
	plan.ID = state.ID
	return readProject(ctx, c, plan, self, spelling)
}
