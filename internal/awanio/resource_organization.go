package awanio

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/tfdiag"
)

var (
	_ resource.Resource                = (*organizationResource)(nil)
	_ resource.ResourceWithConfigure   = (*organizationResource)(nil)
	_ resource.ResourceWithImportState = (*organizationResource)(nil)
)

// NewOrganizationResource is the cloudorder_awanio_organization resource.
func NewOrganizationResource() resource.Resource { return &organizationResource{} }

type organizationResource struct{ client *api.Client }

func (r *organizationResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_awanio_organization"
}

func (r *organizationResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	stable := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "An Awanio organization: the account that owns projects and resources and is billed for them. " +
			"The user the provider logs in as creates it and becomes its admin. Renaming updates it in place. " +
			"Destroying it fails while it still has projects or resources.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "UUID of the organization.",
				PlanModifiers:       stable,
			},
			"name": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Name of the organization (1 to 255 characters, no leading or trailing spaces). Changing it renames the organization in place.",
				Validators:          nameValidators(255),
			},
			"slug": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "URL-friendly name Awanio derives from `name`.",
			},
			"balance": schema.Float64Attribute{
				Computed:            true,
				MarkdownDescription: "Prepaid balance, in the organization's currency.",
			},
			"discount": schema.Float64Attribute{
				Computed:            true,
				MarkdownDescription: "Discount the organization gets.",
			},
			"payment_plans": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Payment plan, for example `prepaid`.",
			},
			"monthly_amount_threshold": schema.Float64Attribute{
				Computed:            true,
				MarkdownDescription: "Monthly amount threshold of a postpaid plan.",
			},
			"account_payable": schema.Float64Attribute{
				Computed:            true,
				MarkdownDescription: "Amount the organization owes.",
			},
			"tax_percent": schema.Float64Attribute{
				Computed:            true,
				MarkdownDescription: "Tax rate applied to invoices, in percent.",
			},
			"member_count": schema.Int64Attribute{
				Computed:            true,
				MarkdownDescription: "Number of members.",
			},
			"user_level": schema.Int64Attribute{
				Computed:            true,
				MarkdownDescription: "Level of the provider's user in the organization: `1` admin, `2` member.",
			},
			"is_default": schema.BoolAttribute{
				Computed:            true,
				MarkdownDescription: "Whether this is the default organization of the provider's user.",
			},
			"created_at": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "When the organization was created (RFC 3339).",
				PlanModifiers:       stable,
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true}),
		},
	}
	resp.Schema.MarkdownDescription += apiNotes["cloudorder_awanio_organization"]
}

func (r *organizationResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *organizationResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan organizationModel
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

	org, err := r.client.CreateOrganization(ctx, plan.toCreate())
	if err != nil {
		tfdiag.AddError(&resp.Diagnostics, "Could not create the Awanio organization", err)
		return
	}
	tflog.Info(ctx, "created Awanio organization", map[string]any{"organization_uuid": org.UUID})
	plan.fromAPI(org)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *organizationResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state organizationModel
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

	org, err := r.client.GetOrganization(ctx, state.ID.ValueString())
	if apiclient.IsNotFound(err) {
		tflog.Warn(ctx, "Awanio organization not found; removing it from the state", map[string]any{"organization_uuid": state.ID.ValueString()})
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		tfdiag.AddError(&resp.Diagnostics, "Could not read the Awanio organization", err)
		return
	}
	state.fromAPI(org)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *organizationResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state organizationModel
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

	id := state.ID.ValueString()
	var org *api.Organization
	var err error
	if plan.Name.Equal(state.Name) {
		// Only timeouts changed: nothing to send.
		org, err = r.client.GetOrganization(ctx, id)
	} else {
		org, err = r.client.UpdateOrganization(ctx, id, api.OrganizationUpdateRequest{Name: plan.Name.ValueString()})
	}
	if err != nil {
		tfdiag.AddError(&resp.Diagnostics, "Could not update the Awanio organization", err)
		return
	}
	plan.fromAPI(org)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *organizationResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state organizationModel
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

	err := r.client.DeleteOrganization(ctx, state.ID.ValueString())
	if err != nil && !apiclient.IsNotFound(err) {
		tfdiag.AddError(&resp.Diagnostics, "Could not delete the Awanio organization", err)
	}
}

func (r *organizationResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importUUID(ctx, "cloudorder_awanio_organization", "0b7c1d2e-3f40-4a51-8b62-7c83d94ea5f6", req, resp)
}
