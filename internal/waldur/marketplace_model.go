package waldur

import (
	"context"
	"encoding/json"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/waldur/api"
)

// marketplaceFields are the arguments and facts every marketplace resource
// type shares: where it lives, its plan and limits (changed in place by
// orders), how its orders are approved, and its status.
type marketplaceFields struct {
	ID                types.String   `tfsdk:"id"`
	Project           types.String   `tfsdk:"project"`
	Offering          types.String   `tfsdk:"offering"`
	Plan              types.String   `tfsdk:"plan"`
	Limits            types.Map      `tfsdk:"limits"`
	Approve           types.Bool     `tfsdk:"approve"`
	ApproveAsProvider types.Bool     `tfsdk:"approve_as_provider"`
	Timeouts          timeouts.Value `tfsdk:"timeouts"`
	resourceStatus
}

// marketplaceModel is a Terraform model of one marketplace resource type:
// the shared fields plus the type's own view of the order's attributes.
type marketplaceModel interface {
	fields() *marketplaceFields
	// orderAttributes are the attributes of the Create order.
	orderAttributes(ctx context.Context) (json.RawMessage, diag.Diagnostics)
	// setAttributes stores the type's attributes as the API reports them,
	// keeping the configuration's spelling of equal values.
	setAttributes(r *api.MarketplaceResource) diag.Diagnostics
}

// marketplaceAttributes are the schema attributes of marketplaceFields.
func marketplaceAttributes() map[string]schema.Attribute {
	attrs := map[string]schema.Attribute{
		"id": schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: "UUID of the marketplace resource (32 hexadecimal characters, Waldur's form).",
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"project": schema.StringAttribute{
			Required: true,
			MarkdownDescription: "Project the resource lives in: its UUID (with or without dashes) or its URL " +
				"(`https://…/api/projects/<uuid>/`). Changing it replaces the resource; another spelling of the same project does not.",
			Validators:    []validator.String{refValidator(api.RefProject)},
			PlanModifiers: []planmodifier.String{requiresReplaceIfOtherObject(api.RefProject)},
		},
		"offering": schema.StringAttribute{
			Required: true,
			MarkdownDescription: "Offering the resource is ordered from: its UUID or its URL " +
				"(`https://…/api/marketplace-public-offerings/<uuid>/`). Changing it replaces the resource.",
			Validators:    []validator.String{refValidator(api.RefOffering)},
			PlanModifiers: []planmodifier.String{requiresReplaceIfOtherObject(api.RefOffering)},
		},
		"plan": schema.StringAttribute{
			Optional: true,
			Computed: true,
			MarkdownDescription: "Plan of the offering: its UUID or its URL " +
				"(`https://…/api/marketplace-public-offerings/<offering uuid>/plans/<uuid>/`). Changing it moves the resource " +
				"to the other plan **in place** (a `switch_plan` order). Left out, the resource keeps the plan it has.",
			Validators:    []validator.String{refValidator(api.RefPlan)},
			PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"limits": schema.MapAttribute{
			ElementType: types.Int64Type,
			Optional:    true,
			Computed:    true,
			MarkdownDescription: "Limits of the offering's limit-based components, by component type, for example `{ cpu = 4, ram = 16 }`. " +
				"Changing them updates the resource **in place** (an `update_limits` order). Left out, the resource keeps its limits.",
			Validators: []validator.Map{
				mapvalidator.ValueInt64sAre(int64validator.AtLeast(0)),
				mapvalidator.KeysAre(stringvalidator.LengthAtLeast(1)),
			},
			PlanModifiers: []planmodifier.Map{mapplanmodifier.UseStateForUnknown()},
		},
		"approve": schema.BoolAttribute{
			Optional: true,
			Computed: true,
			Default:  booldefault.StaticBool(false),
			MarkdownDescription: "Approve this resource's orders as consumer when they wait in `pending-consumer` (you need the right to " +
				"approve orders in the project). Without it such an order waits for someone to approve it, up to the timeout.",
		},
		"approve_as_provider": schema.BoolAttribute{
			Optional: true,
			Computed: true,
			Default:  booldefault.StaticBool(false),
			MarkdownDescription: "Approve this resource's orders as service provider when they wait in `pending-provider`. Only for " +
				"tokens of users who hold that role (an owner or manager of the organization providing the offering): Waldur " +
				"answers 403 to anyone else, and the apply fails with that message.",
		},
	}
	for name, a := range resourceStatusResourceAttributes() {
		attrs[name] = a
	}
	return attrs
}

// marketplaceTimeouts is the timeouts block of every marketplace resource.
func marketplaceTimeouts(ctx context.Context) schema.Block {
	return timeouts.Block(ctx, timeouts.Opts{Create: true, Update: true, Delete: true})
}

// orderRequest builds the Create order; references become hyperlinks.
func (f *marketplaceFields) orderRequest(ctx context.Context, c *api.Client, attributes json.RawMessage) (api.OrderCreateRequest, diag.Diagnostics) {
	var diags diag.Diagnostics
	projectUUID, err := api.ParseRef(api.RefProject, f.Project.ValueString())
	if err != nil {
		diags.AddAttributeError(path.Root("project"), "Invalid project", err.Error())
	}
	offeringUUID, err := api.ParseRef(api.RefOffering, f.Offering.ValueString())
	if err != nil {
		diags.AddAttributeError(path.Root("offering"), "Invalid offering", err.Error())
	}
	if diags.HasError() {
		return api.OrderCreateRequest{}, diags
	}
	req := api.OrderCreateRequest{
		Project:    c.ProjectURL(projectUUID),
		Offering:   c.OfferingURL(offeringUUID),
		Type:       "Create",
		Attributes: attributes,
	}
	if planURL, ok, d := f.planURL(c); ok {
		req.Plan = planURL
	} else {
		diags.Append(d...)
	}
	limits, d := limitsFromTF(ctx, f.Limits)
	diags.Append(d...)
	req.Limits = limits
	return req, diags
}

// planURL is the hyperlink of the configured plan; ok is false when none is
// configured (or it is invalid, with diagnostics).
func (f *marketplaceFields) planURL(c *api.Client) (string, bool, diag.Diagnostics) {
	var diags diag.Diagnostics
	if f.Plan.IsNull() || f.Plan.IsUnknown() {
		return "", false, nil
	}
	planUUID, err := api.ParseRef(api.RefPlan, f.Plan.ValueString())
	if err != nil {
		diags.AddAttributeError(path.Root("plan"), "Invalid plan", err.Error())
		return "", false, diags
	}
	offeringUUID, _ := api.ParseRef(api.RefOffering, f.Offering.ValueString())
	return c.PlanURL(offeringUUID, planUUID), true, nil
}

// orderWait is how this resource's orders are waited on and approved.
func (f *marketplaceFields) orderWait() api.OrderWait {
	return api.OrderWait{ApproveAsConsumer: f.Approve.ValueBool(), ApproveAsProvider: f.ApproveAsProvider.ValueBool()}
}

// setFromAPI stores the shared fields of what the API says, keeping the
// user's spelling of equivalent references.
func (f *marketplaceFields) setFromAPI(r *api.MarketplaceResource) {
	f.ID = types.StringValue(r.UUID)
	f.Project = types.StringValue(refSpelling(api.RefProject, f.Project.ValueString(), firstNonEmpty(r.Project, r.ProjectUUID)))
	f.Offering = types.StringValue(refSpelling(api.RefOffering, f.Offering.ValueString(), firstNonEmpty(r.Offering, r.OfferingUUID)))
	switch {
	case r.Plan != nil && *r.Plan != "":
		f.Plan = types.StringValue(refSpelling(api.RefPlan, f.Plan.ValueString(), *r.Plan))
	case r.PlanUUID != nil && *r.PlanUUID != "":
		f.Plan = types.StringValue(refSpelling(api.RefPlan, f.Plan.ValueString(), *r.PlanUUID))
	default:
		f.Plan = types.StringNull()
	}
	f.Limits = limitsToTF(f.Limits, r.Limits)
	if f.Approve.IsNull() || f.Approve.IsUnknown() {
		f.Approve = types.BoolValue(false)
	}
	if f.ApproveAsProvider.IsNull() || f.ApproveAsProvider.IsUnknown() {
		f.ApproveAsProvider = types.BoolValue(false)
	}
	f.fill(r)
}

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}
