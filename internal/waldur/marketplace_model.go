package waldur

import (
	"context"
	"encoding/json"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
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
		"project": refArgument(api.RefProject, "Project the resource lives in: its UUID (with or without dashes) or its URL "+
			"(`https://…/api/projects/<uuid>/`). Changing it replaces the resource; another spelling of the same project does not."),
		"offering": refArgument(api.RefOffering, "Offering the resource is ordered from: its UUID or its URL "+
			"(`https://…/api/marketplace-public-offerings/<uuid>/`). Changing it replaces the resource."),
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
		"approve": falseByDefault("Approve this resource's orders as consumer when they wait in `pending-consumer` (you need the right to " +
			"approve orders in the project). Without it such an order waits for someone to approve it, up to the timeout."),
		"approve_as_provider": falseByDefault("Approve this resource's orders as service provider when they wait in `pending-provider`. Only for " +
			"tokens of users who hold that role (an owner or manager of the organization providing the offering): Waldur " +
			"answers 403 to anyone else, and the apply fails with that message."),
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
	req, diags := orderTarget(ctx, c, f.Project, f.Offering, f.Plan, f.Limits)
	req.Type = "Create"
	req.Attributes = attributes
	return req, diags
}

// orderWait is how this resource's orders are waited on and approved.
func (f *marketplaceFields) orderWait() api.OrderWait {
	return api.OrderWait{ApproveAsConsumer: f.Approve.ValueBool(), ApproveAsProvider: f.ApproveAsProvider.ValueBool()}
}

// setFromAPI stores the shared fields of what the API says, keeping the
// user's spelling of equivalent references.
func (f *marketplaceFields) setFromAPI(r *api.MarketplaceResource) {
	f.ID = types.StringValue(r.UUID)
	setRefs(&f.Project, &f.Offering, &f.Plan, firstNonEmpty(r.Project, r.ProjectUUID), firstNonEmpty(r.Offering, r.OfferingUUID),
		firstNonEmpty(deref(r.Plan), deref(r.PlanUUID)))
	f.Limits = limitsToTF(f.Limits, r.Limits)
	f.Approve, f.ApproveAsProvider = falseIfUnset(f.Approve), falseIfUnset(f.ApproveAsProvider)
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
