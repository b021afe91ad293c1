package waldur

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/tfdiag"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/validate"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waldur/api"
)

const (
	defaultOrderCreateTimeout = 30 * time.Minute
	defaultOrderDeleteTimeout = 30 * time.Minute
)

var (
	_ resource.Resource                   = (*orderResource)(nil)
	_ resource.ResourceWithConfigure      = (*orderResource)(nil)
	_ resource.ResourceWithImportState    = (*orderResource)(nil)
	_ resource.ResourceWithValidateConfig = (*orderResource)(nil)
)

// NewOrderResource is the cloudorder_waldur_order resource.
func NewOrderResource() resource.Resource { return &orderResource{} }

type orderResource struct{ client *api.Client }

type orderResourceModel struct {
	ID                      types.String         `tfsdk:"id"`
	UUID                    types.String         `tfsdk:"uuid"`
	Project                 types.String         `tfsdk:"project"`
	Offering                types.String         `tfsdk:"offering"`
	Plan                    types.String         `tfsdk:"plan"`
	Attributes              jsontypes.Normalized `tfsdk:"attributes"`
	Limits                  types.Map            `tfsdk:"limits"`
	Type                    types.String         `tfsdk:"type"`
	RequestComment          types.String         `tfsdk:"request_comment"`
	CallbackURL             types.String         `tfsdk:"callback_url"`
	StartDate               types.String         `tfsdk:"start_date"`
	AcceptingTermsOfService types.Bool           `tfsdk:"accepting_terms_of_service"`
	Approve                 types.Bool           `tfsdk:"approve"`
	ApproveAsProvider       types.Bool           `tfsdk:"approve_as_provider"`
	TerminateOnDestroy      types.Bool           `tfsdk:"terminate_on_destroy"`
	Timeouts                timeouts.Value       `tfsdk:"timeouts"`
	orderStatus
}

func (r *orderResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_waldur_order"
}

func (r *orderResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	attrs := map[string]schema.Attribute{
		"id": schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: "UUID of the order (32 hexadecimal characters, Waldur's form).",
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"uuid": schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: "UUID of the order; the same as `id`.",
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"project": refArgument(api.RefProject, "Project the order is placed in: its UUID (with or without dashes) or its URL "+
			"(`https://…/api/projects/<uuid>/`). It is sent to Waldur as a URL; the state keeps what you wrote."),
		"offering": refArgument(api.RefOffering, "Offering to order, for example a WAYSCloud Kubernetes offering: its UUID or its URL "+
			"(`https://…/api/marketplace-public-offerings/<uuid>/`)."),
		"plan": schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "Plan of the offering: its UUID or its URL " +
				"(`https://…/api/marketplace-public-offerings/<offering uuid>/plans/<uuid>/`). Most offerings require one.",
			Validators:    []validator.String{refValidator(api.RefPlan)},
			PlanModifiers: []planmodifier.String{requiresReplaceIfOtherObject(api.RefPlan)},
		},
		"attributes": schema.StringAttribute{
			CustomType: jsontypes.NormalizedType{},
			Optional:   true,
			MarkdownDescription: "Offering-specific attributes as a JSON object, usually written with `jsonencode({ name = \"my-cluster\", ... })`. " +
				"`name` names the resource that the order creates. Key order and spacing never cause a diff, and keys that " +
				"the offering adds on its side are ignored. The `cloudorder_waldur_order_offering` data source shows what an offering accepts.",
			Validators:    []validator.String{validate.JSONObject()},
			PlanModifiers: []planmodifier.String{requiresReplaceIfJSONChanged()},
		},
		"limits": schema.MapAttribute{
			ElementType:         types.Int64Type,
			Optional:            true,
			MarkdownDescription: "Limits of the offering's limit-based components, by component type, for example `{ cores = 4, ram = 8192 }`. Values must be 0 or more.",
			Validators: []validator.Map{
				mapvalidator.ValueInt64sAre(int64validator.AtLeast(0)),
				mapvalidator.KeysAre(stringvalidator.LengthAtLeast(1)),
			},
			PlanModifiers: []planmodifier.Map{mapplanmodifier.RequiresReplace()},
		},
		"type": schema.StringAttribute{
			Optional:            true,
			Computed:            true,
			Default:             stringdefault.StaticString("Create"),
			MarkdownDescription: "Order type: `Create` (the default), `Update`, `Terminate` or `Restore`.",
			Validators:          []validator.String{stringvalidator.OneOf(api.OrderTypes...)},
			PlanModifiers:       replace,
		},
		"request_comment": schema.StringAttribute{
			Optional:            true,
			MarkdownDescription: "Comment for the people who approve the order (at most 255 characters).",
			Validators:          []validator.String{stringvalidator.LengthBetween(1, 255)},
			PlanModifiers:       replace,
		},
		"callback_url": schema.StringAttribute{
			Optional:            true,
			MarkdownDescription: "URL that Waldur calls when the order changes state (at most 200 characters).",
			Validators:          []validator.String{validate.HTTPURL(), stringvalidator.LengthAtMost(200)},
			PlanModifiers:       replace,
		},
		"start_date": schema.StringAttribute{
			Optional:            true,
			MarkdownDescription: "Date (`YYYY-MM-DD`) on which the provider should start provisioning. Until then the order waits in `pending-start-date`, and so does `terraform apply` (within the create timeout).",
			Validators:          []validator.String{validate.Date()},
			PlanModifiers:       replace,
		},
		"accepting_terms_of_service": schema.BoolAttribute{
			Optional:            true,
			MarkdownDescription: "Accept the offering's terms of service with the order. Waldur does not return it, so it is kept as written.",
			PlanModifiers:       []planmodifier.Bool{boolplanmodifier.RequiresReplace()},
		},
		"approve": falseByDefault("Approve the order as consumer when it waits in `pending-consumer` (you need the right to approve orders in the project). " +
			"Without it, such an order waits for someone to approve it until the create timeout. Approval by the service provider " +
			"(`pending-provider`) is given only with `approve_as_provider`."),
		"approve_as_provider": falseByDefault("Approve the order as service provider when it waits in `pending-provider`. Only for tokens of users " +
			"who hold that role (an owner or manager of the organization providing the offering): Waldur answers 403 to anyone " +
			"else, and the apply fails with that message. Without it, such an order waits for the provider until the create timeout."),
		"terminate_on_destroy": falseByDefault("What destroy does to a `done` order. `false` (the default): the order is only removed from the state, " +
			"and the resource it created is left running. `true`: destroy terminates the marketplace resource the order created and waits " +
			"for the Terminate order to finish. A still-pending order is always deleted or canceled on destroy."),
	}
	for name, a := range orderStatusResourceAttributes() {
		attrs[name] = a
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Places a [Waldur marketplace order](https://docs.waldur.com/latest/API/marketplace-orders/) — the way WAYSCloud " +
			"creates Kubernetes clusters — and waits until it is `done`. An order that ends `erred`, `rejected` or `canceled` fails the apply " +
			"with the order's own error message and stays in the state as tainted. Every argument but `approve`, `approve_as_provider`, " +
			"`terminate_on_destroy` and `timeouts` replaces the order when changed.",
		Attributes: attrs,
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Delete: true}),
		},
	}
}

// ValidateConfig checks what single-attribute validators cannot: a plan URL
// must belong to the ordered offering.
func (r *orderResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	validatePlanOffering(ctx, req.Config, &resp.Diagnostics)
}

func (r *orderResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *orderResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan orderResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	createTimeout, diags := plan.Timeouts.Create(ctx, defaultOrderCreateTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, createTimeout)
	defer cancel()

	body, diags := r.createRequest(ctx, plan)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	order := placeOrder(ctx, r.client, body, "order", &resp.Diagnostics)
	if order == nil {
		return
	}

	// Save the order before waiting: if the wait fails, the order is in the
	// state as tainted instead of being orphaned in Waldur.
	resp.Diagnostics.Append(plan.setFromAPI(order)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}

	final, err := r.client.WaitForOrder(ctx, order.UUID, api.OrderWait{
		ApproveAsConsumer: plan.Approve.ValueBool(),
		ApproveAsProvider: plan.ApproveAsProvider.ValueBool(),
	})
	if final != nil {
		resp.Diagnostics.Append(plan.setFromAPI(final)...)
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	}
	if err != nil {
		tfdiag.AddTaintedError(&resp.Diagnostics, "Waldur order did not complete",
			fmt.Sprintf("Order %s", order.UUID), fmt.Errorf("order %s: %w", order.UUID, err))
	}
}

func (r *orderResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state orderResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// The order is in the state: a journal entry of its create is done
	// (local files only, and only when an entry is in flight).
	r.client.Tracked(state.ID.ValueString())
	order, err := r.client.GetOrder(ctx, state.ID.ValueString())
	if apiclient.IsNotFound(err) {
		tflog.Warn(ctx, "Waldur order not found; removing it from the state", map[string]any{"order_uuid": state.ID.ValueString()})
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		tfdiag.AddError(&resp.Diagnostics, "Could not read the Waldur order", err)
		return
	}
	resp.Diagnostics.Append(state.setFromAPI(order)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update only records arguments that do not touch the order (approve,
// terminate_on_destroy, timeouts, another spelling of the same reference)
// and refreshes what the API says.
func (r *orderResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan orderResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	order, err := r.client.GetOrder(ctx, plan.ID.ValueString())
	if err != nil {
		tfdiag.AddError(&resp.Diagnostics, "Could not read the Waldur order", err)
		return
	}
	resp.Diagnostics.Append(plan.setFromAPI(order)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *orderResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state orderResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	deleteTimeout, diags := state.Timeouts.Delete(ctx, defaultOrderDeleteTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, deleteTimeout)
	defer cancel()

	if err := destroyOrder(ctx, r.client, state.ID.ValueString(), state.TerminateOnDestroy.ValueBool()); err != nil {
		tfdiag.AddError(&resp.Diagnostics, "Could not destroy the Waldur order", err)
		return
	}
	r.client.Tracked(state.ID.ValueString())
}

func (r *orderResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id, err := api.NormalizeUUID(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID",
			fmt.Sprintf("Import a Waldur order by its UUID, for example `terraform import cloudorder_waldur_order.example 0a1b2c3d4e5f67890a1b2c3d4e5f6789`: %s", err))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
}

// createRequest builds the API request; references become hyperlinks.
func (r *orderResource) createRequest(ctx context.Context, m orderResourceModel) (api.OrderCreateRequest, diag.Diagnostics) {
	req, diags := orderTarget(ctx, r.client, m.Project, m.Offering, m.Plan, m.Limits)
	if diags.HasError() {
		return req, diags
	}
	req.Type = m.Type.ValueString()
	req.RequestComment = m.RequestComment.ValueString()
	req.CallbackURL = m.CallbackURL.ValueString()
	req.StartDate = m.StartDate.ValueString()
	if !m.Attributes.IsNull() {
		req.Attributes = json.RawMessage(m.Attributes.ValueString())
	}
	if !m.AcceptingTermsOfService.IsNull() {
		v := m.AcceptingTermsOfService.ValueBool()
		req.AcceptingTermsOfService = &v
	}
	return req, diags
}

// setFromAPI stores what the API says, keeping the user's spelling of
// equivalent values so that nothing shows a perpetual diff.
func (m *orderResourceModel) setFromAPI(o *api.Order) diag.Diagnostics {
	var diags diag.Diagnostics
	m.ID = types.StringValue(o.UUID)
	m.UUID = types.StringValue(o.UUID)
	setRefs(&m.Project, &m.Offering, &m.Plan, o.Project, o.Offering, deref(o.Plan))
	attrs, err := attributesFromAPI(m.Attributes, o.Attributes)
	if err != nil {
		diags.AddError("Unexpected attributes from Waldur", fmt.Sprintf("Order %s has attributes that are not a JSON object: %s", o.UUID, err))
	} else {
		m.Attributes = attrs
	}
	m.Limits = limitsToTF(m.Limits, o.Limits)
	if o.Type != "" {
		m.Type = types.StringValue(o.Type)
	}
	m.RequestComment = ptrOrNull(o.RequestComment)
	m.CallbackURL = ptrOrNull(o.CallbackURL)
	m.StartDate = ptrOrNull(o.StartDate)
	// accepting_terms_of_service is write-only in the API: keep what was written.
	m.Approve, m.ApproveAsProvider = falseIfUnset(m.Approve), falseIfUnset(m.ApproveAsProvider)
	m.TerminateOnDestroy = falseIfUnset(m.TerminateOnDestroy)
	m.fill(o)
	return diags
}

// checkPlanOffering rejects a plan URL that names another offering than the
// ordered one; bare plan UUIDs cannot be checked before the API answers.
func checkPlanOffering(plan, offering types.String) error {
	if plan.IsNull() || plan.IsUnknown() || offering.IsNull() || offering.IsUnknown() {
		return nil
	}
	planOffering, ok := api.OfferingOfPlanURL(plan.ValueString())
	if !ok {
		return nil
	}
	// An invalid offering is reported by its own validator.
	offeringUUID, _ := api.ParseRef(api.RefOffering, offering.ValueString())
	if offeringUUID == "" || offeringUUID == planOffering {
		return nil
	}
	return fmt.Errorf("the plan URL belongs to offering %s, but the order is for offering %s: use a plan of the ordered offering", planOffering, offeringUUID)
}
