package awanio

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/tfdiag"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/validate"
)

var (
	_ resource.Resource                = (*organizationMemberResource)(nil)
	_ resource.ResourceWithConfigure   = (*organizationMemberResource)(nil)
	_ resource.ResourceWithImportState = (*organizationMemberResource)(nil)
)

// NewOrganizationMemberResource is the cloudorder_awanio_organization_member resource.
func NewOrganizationMemberResource() resource.Resource { return &organizationMemberResource{} }

type organizationMemberResource struct{ client *api.Client }

type organizationMemberModel struct {
	ID               types.String   `tfsdk:"id"`
	OrganizationUUID types.String   `tfsdk:"organization_uuid"`
	UserUUID         types.String   `tfsdk:"user_uuid"`
	UserLevel        types.Int64    `tfsdk:"user_level"`
	Username         types.String   `tfsdk:"username"`
	Name             types.String   `tfsdk:"name"`
	IsDefault        types.Bool     `tfsdk:"is_default"`
	Timeouts         timeouts.Value `tfsdk:"timeouts"`
}

func (m *organizationMemberModel) fromAPI(orgUUID string, om *api.OrganizationMember) {
	m.OrganizationUUID = sameUUID(m.OrganizationUUID, orgUUID)
	m.UserUUID = sameUUID(m.UserUUID, om.User.UUID)
	m.ID = types.StringValue(orgUUID + "/" + om.User.UUID)
	m.UserLevel = types.Int64Value(int64(om.UserLevel))
	m.Username = types.StringValue(om.User.Username)
	m.Name = types.StringValue(om.User.Name)
	m.IsDefault = types.BoolValue(bool(om.IsDefault))
}

func (r *organizationMemberResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_awanio_organization_member"
}

func (r *organizationMemberResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplaceIf(differentUUID, "Replaces the membership when it names another UUID.", "Replaces the membership when it names another UUID.")}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A user's membership of an Awanio organization, with its level (`1` admin, `2` member). " +
			"The level changes in place; destroying it removes the user from the organization (and its projects). " +
			"Awanio refuses to remove the last admin.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "`<organization_uuid>/<user_uuid>`, also the import ID.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
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
			"username": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "User name of the member.",
			},
			"name": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Real name of the member.",
			},
			"is_default": schema.BoolAttribute{
				Computed:            true,
				MarkdownDescription: "Whether this organization is the member's default organization.",
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true}),
		},
	}
	resp.Schema.MarkdownDescription += apiNotes["cloudorder_awanio_organization_member"]
}

func (r *organizationMemberResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

// find returns the user's membership, nil when the user is not a member.
func (r *organizationMemberResource) find(ctx context.Context, orgUUID, userUUID string) (*api.OrganizationMember, error) {
	members, err := r.client.ListOrganizationMembers(ctx, orgUUID)
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

func (r *organizationMemberResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan organizationMemberModel
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

	orgUUID, _ := canonicalUUID(plan.OrganizationUUID.ValueString())
	userUUID, _ := canonicalUUID(plan.UserUUID.ValueString())
	level := int(plan.UserLevel.ValueInt64())
	// A lost answer is looked for in the members, never sent blindly again.
	err := r.client.AddOrganizationMemberOnce(ctx, orgUUID, userUUID)
	if apiclient.IsConflict(err) {
		tfdiag.AddError(&resp.Diagnostics, "The user is already a member of the Awanio organization",
			fmt.Errorf("%w\n\nTo manage the existing membership, import it: terraform import <address> %s/%s", err, orgUUID, userUUID))
		return
	}
	if err != nil {
		tfdiag.AddError(&resp.Diagnostics, "Could not add the member to the Awanio organization", err)
		return
	}
	// Save the membership before anything else can fail.
	plan.ID = types.StringValue(orgUUID + "/" + userUUID)
	plan.Username, plan.Name, plan.IsDefault = types.StringNull(), types.StringNull(), types.BoolValue(false)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	m, err := r.find(ctx, orgUUID, userUUID)
	if err == nil && m == nil {
		err = fmt.Errorf("user %s is not among the members of organization %s after being added", userUUID, orgUUID)
	}
	if err == nil && int(m.UserLevel) != level {
		err = r.client.ChangeOrganizationMembers(ctx, orgUUID, api.OrganizationMembersChange{Updated: []api.MemberLevel{{UserUUID: userUUID, UserLevel: level}}})
		if err == nil {
			m, err = r.find(ctx, orgUUID, userUUID)
		}
	}
	if err != nil || m == nil {
		tfdiag.AddTaintedError(&resp.Diagnostics, "Could not set up the Awanio organization member", "The membership", err)
		return
	}
	plan.fromAPI(orgUUID, m)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *organizationMemberResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state organizationMemberModel
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

	orgUUID, userUUID, err := splitUUIDPair(state.ID.ValueString())
	if err != nil {
		resp.Diagnostics.AddError("Invalid ID in state", sentence(err.Error()))
		return
	}
	m, err := r.find(ctx, orgUUID, userUUID)
	if apiclient.IsNotFound(err) || (err == nil && m == nil) {
		tflog.Warn(ctx, "Awanio organization member not found; removing it from the state", map[string]any{"id": state.ID.ValueString()})
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		tfdiag.AddError(&resp.Diagnostics, "Could not read the Awanio organization members", err)
		return
	}
	state.fromAPI(orgUUID, m)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *organizationMemberResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state organizationMemberModel
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

	orgUUID, userUUID, err := splitUUIDPair(state.ID.ValueString())
	if err == nil && !plan.UserLevel.Equal(state.UserLevel) {
		err = r.client.ChangeOrganizationMembers(ctx, orgUUID, api.OrganizationMembersChange{
			Updated: []api.MemberLevel{{UserUUID: userUUID, UserLevel: int(plan.UserLevel.ValueInt64())}},
		})
	}
	var m *api.OrganizationMember
	if err == nil {
		m, err = r.find(ctx, orgUUID, userUUID)
		if err == nil && m == nil {
			err = fmt.Errorf("user %s is no longer a member of organization %s", userUUID, orgUUID)
		}
	}
	if err != nil {
		tfdiag.AddError(&resp.Diagnostics, "Could not change the Awanio organization member", err)
		return
	}
	plan.ID = state.ID
	plan.fromAPI(orgUUID, m)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *organizationMemberResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state organizationMemberModel
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

	orgUUID, userUUID, err := splitUUIDPair(state.ID.ValueString())
	if err == nil {
		err = r.client.RemoveOrganizationMember(ctx, orgUUID, userUUID)
	}
	if err != nil && !apiclient.IsNotFound(err) {
		tfdiag.AddError(&resp.Diagnostics, "Could not remove the member from the Awanio organization", err)
	}
}

func (r *organizationMemberResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	orgUUID, userUUID, err := splitUUIDPair(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID",
			"Import an organization member as <organization_uuid>/<user_uuid>, for example "+
				"`terraform import cloudorder_awanio_organization_member.example 0b7c1d2e-3f40-4a51-8b62-7c83d94ea5f6/7a2b3c4d-5e6f-4a1b-9c2d-3e4f5a6b7c8d`: "+sentence(err.Error()))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), orgUUID+"/"+userUUID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("organization_uuid"), orgUUID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("user_uuid"), userUUID)...)
}

// splitUUIDPair parses "<owner uuid>/<user uuid>".
func splitUUIDPair(id string) (owner, user string, err error) {
	a, b, ok := strings.Cut(id, "/")
	if !ok {
		return "", "", fmt.Errorf("%q is not of the form <uuid>/<user uuid>", id)
	}
	if owner, err = canonicalUUID(a); err != nil {
		return "", "", err
	}
	if user, err = canonicalUUID(b); err != nil {
		return "", "", err
	}
	return owner, user, nil
}
