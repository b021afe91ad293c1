package waldur

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	rsschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/adopt"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/tfdiag"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waldur/api"
)

// orderStatus holds the read-only facts of an order. It is embedded in the
// order resource and data source models so that both expose the same
// attributes, filled by the same code.
type orderStatus struct {
	URL                     types.String `tfsdk:"url"`
	State                   types.String `tfsdk:"state"`
	Created                 types.String `tfsdk:"created"`
	Modified                types.String `tfsdk:"modified"`
	CompletedAt             types.String `tfsdk:"completed_at"`
	MarketplaceResourceUUID types.String `tfsdk:"marketplace_resource_uuid"`
	ResourceUUID            types.String `tfsdk:"resource_uuid"`
	ResourceName            types.String `tfsdk:"resource_name"`
	ResourceType            types.String `tfsdk:"resource_type"`
	Cost                    types.String `tfsdk:"cost"`
	ErrorMessage            types.String `tfsdk:"error_message"`
	OfferingUUID            types.String `tfsdk:"offering_uuid"`
	OfferingName            types.String `tfsdk:"offering_name"`
	OfferingType            types.String `tfsdk:"offering_type"`
	PlanUUID                types.String `tfsdk:"plan_uuid"`
	PlanName                types.String `tfsdk:"plan_name"`
	ProjectUUID             types.String `tfsdk:"project_uuid"`
	ProjectName             types.String `tfsdk:"project_name"`
	CustomerUUID            types.String `tfsdk:"customer_uuid"`
	CustomerName            types.String `tfsdk:"customer_name"`
	ProviderUUID            types.String `tfsdk:"provider_uuid"`
	ProviderName            types.String `tfsdk:"provider_name"`
	CreatedByUsername       types.String `tfsdk:"created_by_username"`
	ConsumerReviewedBy      types.String `tfsdk:"consumer_reviewed_by"`
	ProviderReviewedBy      types.String `tfsdk:"provider_reviewed_by"`
}

// statusField describes one read-only attribute of a status (orderStatus,
// resourceStatus). stable fields do not change once the object exists,
// so plans may reuse the prior value.
type statusField struct {
	name, description string
	stable            bool
}

// statusResourceAttributes returns the computed attributes of a resource
// type for fields; stable ones keep their prior value in plans so that an
// in-place update does not show them as "known after apply".
func statusResourceAttributes(fields []statusField) map[string]rsschema.Attribute {
	attrs := make(map[string]rsschema.Attribute, len(fields))
	for _, f := range fields {
		a := rsschema.StringAttribute{Computed: true, MarkdownDescription: f.description}
		if f.stable {
			a.PlanModifiers = []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
		}
		attrs[f.name] = a
	}
	return attrs
}

// statusDataSourceAttributes returns the same attributes for data sources.
func statusDataSourceAttributes(fields []statusField) map[string]dsschema.Attribute {
	attrs := make(map[string]dsschema.Attribute, len(fields))
	for _, f := range fields {
		attrs[f.name] = dsschema.StringAttribute{Computed: true, MarkdownDescription: f.description}
	}
	return attrs
}

// statusAttrTypes is the object type of a status, for lists.
func statusAttrTypes(fields []statusField) map[string]attr.Type {
	attrTypes := make(map[string]attr.Type, len(fields))
	for _, f := range fields {
		attrTypes[f.name] = types.StringType
	}
	return attrTypes
}

var orderStatusFields = []statusField{
	{"url", "API URL of the order.", true},
	{"state", "State of the order: `pending-consumer`, `pending-provider`, `pending-project`, `pending-start-date`, `executing`, `done`, `erred`, `canceled` or `rejected`.", false},
	{"created", "When the order was placed (RFC 3339).", true},
	{"modified", "When the order last changed (RFC 3339).", false},
	{"completed_at", "When the order was completed (RFC 3339), if it was.", false},
	{"marketplace_resource_uuid", "UUID of the marketplace resource the order creates or changes. Waldur sets it as soon as a Create order is placed.", true},
	{"resource_uuid", "UUID of the backend object (for example the Kubernetes cluster) once the order is done.", false},
	{"resource_name", "Name of the marketplace resource.", false},
	{"resource_type", "Type of the backend object, for example `Rancher.Cluster`.", false},
	{"cost", "Cost of the order as the decimal string Waldur returns, for example `\"12.5000000000\"`.", false},
	{"error_message", "Error message of an `erred` or `rejected` order.", false},
	{"offering_uuid", "UUID of the offering.", true},
	{"offering_name", "Name of the offering.", true},
	{"offering_type", "Type of the offering, for example `Marketplace.Basic`.", true},
	{"plan_uuid", "UUID of the plan, if any.", true},
	{"plan_name", "Name of the plan, if any.", true},
	{"project_uuid", "UUID of the project.", true},
	{"project_name", "Name of the project.", true},
	{"customer_uuid", "UUID of the organization (customer) that owns the project.", true},
	{"customer_name", "Name of the organization (customer) that owns the project.", true},
	{"provider_uuid", "UUID of the service provider of the offering.", true},
	{"provider_name", "Name of the service provider of the offering.", true},
	{"created_by_username", "User who placed the order.", true},
	{"consumer_reviewed_by", "User who approved or rejected the order for the consumer, if any.", false},
	{"provider_reviewed_by", "User who approved or rejected the order for the provider, if any.", false},
}

// orderStatusResourceAttributes returns the computed attributes of the
// order resource.
func orderStatusResourceAttributes() map[string]rsschema.Attribute {
	return statusResourceAttributes(orderStatusFields)
}

// orderStatusDataSourceAttributes returns the same attributes for data sources.
func orderStatusDataSourceAttributes() map[string]dsschema.Attribute {
	return statusDataSourceAttributes(orderStatusFields)
}

// orderStatusAttrTypes is the object type of orderStatus, for lists of orders.
func orderStatusAttrTypes() map[string]attr.Type { return statusAttrTypes(orderStatusFields) }

func (s *orderStatus) fill(o *api.Order) {
	s.URL = types.StringValue(o.URL)
	s.State = types.StringValue(o.State)
	s.Created = stringOrNull(o.Created)
	s.Modified = stringOrNull(o.Modified)
	s.CompletedAt = ptrOrNull(o.CompletedAt)
	s.MarketplaceResourceUUID = ptrOrNull(o.MarketplaceResourceUUID)
	s.ResourceUUID = ptrOrNull(o.ResourceUUID)
	s.ResourceName = stringOrNull(o.ResourceName)
	s.ResourceType = ptrOrNull(o.ResourceType)
	s.Cost = ptrOrNull(o.Cost)
	s.ErrorMessage = stringOrNull(o.ErrorMessage)
	s.OfferingUUID = stringOrNull(o.OfferingUUID)
	s.OfferingName = stringOrNull(o.OfferingName)
	s.OfferingType = stringOrNull(o.OfferingType)
	s.PlanUUID = ptrOrNull(o.PlanUUID)
	s.PlanName = ptrOrNull(o.PlanName)
	s.ProjectUUID = stringOrNull(o.ProjectUUID)
	s.ProjectName = stringOrNull(o.ProjectName)
	s.CustomerUUID = stringOrNull(o.CustomerUUID)
	s.CustomerName = stringOrNull(o.CustomerName)
	s.ProviderUUID = stringOrNull(o.ProviderUUID)
	s.ProviderName = stringOrNull(o.ProviderName)
	s.CreatedByUsername = stringOrNull(o.CreatedByUsername)
	s.ConsumerReviewedBy = ptrOrNull(o.ConsumerReviewedBy)
	s.ProviderReviewedBy = ptrOrNull(o.ProviderReviewedBy)
}

// attrValues returns the status as attribute values for an object value.
func (s orderStatus) attrValues() map[string]attr.Value {
	return map[string]attr.Value{
		"url": s.URL, "state": s.State, "created": s.Created, "modified": s.Modified,
		"completed_at": s.CompletedAt, "marketplace_resource_uuid": s.MarketplaceResourceUUID,
		"resource_uuid": s.ResourceUUID, "resource_name": s.ResourceName, "resource_type": s.ResourceType,
		"cost": s.Cost, "error_message": s.ErrorMessage, "offering_uuid": s.OfferingUUID,
		"offering_name": s.OfferingName, "offering_type": s.OfferingType, "plan_uuid": s.PlanUUID,
		"plan_name": s.PlanName, "project_uuid": s.ProjectUUID, "project_name": s.ProjectName,
		"customer_uuid": s.CustomerUUID, "customer_name": s.CustomerName, "provider_uuid": s.ProviderUUID,
		"provider_name": s.ProviderName, "created_by_username": s.CreatedByUsername,
		"consumer_reviewed_by": s.ConsumerReviewedBy, "provider_reviewed_by": s.ProviderReviewedBy,
	}
}

// stringOrNull maps the API's empty string to null, which reads better in
// plans than "".
func stringOrNull(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

func ptrOrNull(s *string) types.String {
	if s == nil {
		return types.StringNull()
	}
	return stringOrNull(*s)
}

// orderTarget is the part of a Create order that the order resource and
// the marketplace resource types share: project, offering and plan as
// hyperlinks (Waldur answers 400 "Invalid hyperlink" for bare UUIDs), and
// the limits.
func orderTarget(ctx context.Context, c *api.Client, project, offering, plan types.String, limits types.Map) (api.OrderCreateRequest, diag.Diagnostics) {
	var diags diag.Diagnostics
	projectUUID, err := api.ParseRef(api.RefProject, project.ValueString())
	if err != nil {
		diags.AddAttributeError(path.Root("project"), "Invalid project", err.Error())
	}
	offeringUUID, err := api.ParseRef(api.RefOffering, offering.ValueString())
	if err != nil {
		diags.AddAttributeError(path.Root("offering"), "Invalid offering", err.Error())
	}
	if diags.HasError() {
		return api.OrderCreateRequest{}, diags
	}
	req := api.OrderCreateRequest{Project: c.ProjectURL(projectUUID), Offering: c.OfferingURL(offeringUUID)}
	link, ok, diags := planURL(c, plan, offering)
	if diags.HasError() {
		return req, diags
	}
	if ok {
		req.Plan = link
	}
	req.Limits, diags = limitsFromTF(ctx, limits)
	return req, diags
}

// planURL is the hyperlink of the configured plan of the offering; ok is
// false when none is configured (or it is invalid, with diagnostics).
func planURL(c *api.Client, plan, offering types.String) (string, bool, diag.Diagnostics) {
	var diags diag.Diagnostics
	if plan.IsNull() || plan.IsUnknown() {
		return "", false, nil
	}
	planUUID, err := api.ParseRef(api.RefPlan, plan.ValueString())
	if err != nil {
		diags.AddAttributeError(path.Root("plan"), "Invalid plan", err.Error())
		return "", false, diags
	}
	offeringUUID, _ := api.ParseRef(api.RefOffering, offering.ValueString())
	return c.PlanURL(offeringUUID, planUUID), true, nil
}

// setRefs stores the project, offering and plan that the API answered,
// keeping the configuration's spelling of the same objects so that nothing
// shows a perpetual diff; no plan is null.
func setRefs(project, offering, plan *types.String, apiProject, apiOffering, apiPlan string) {
	*project = types.StringValue(refSpelling(api.RefProject, project.ValueString(), apiProject))
	*offering = types.StringValue(refSpelling(api.RefOffering, offering.ValueString(), apiOffering))
	if apiPlan == "" {
		*plan = types.StringNull()
		return
	}
	*plan = types.StringValue(refSpelling(api.RefPlan, plan.ValueString(), apiPlan))
}

// falseIfUnset is b, or false when it is null or unknown (an import, or a
// state written before the argument existed).
func falseIfUnset(b types.Bool) types.Bool {
	if b.IsNull() || b.IsUnknown() {
		return types.BoolValue(false)
	}
	return b
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// placeOrder places the order body (what names it in messages: "order",
// "Create order") and returns it, or nil with an error. An order adopted
// without certainty (after a lost answer, or from the journal of
// in-flight creates) comes with a warning for the user (adopt.Warn).
func placeOrder(ctx context.Context, c *api.Client, body api.OrderCreateRequest, what string, diags *diag.Diagnostics) *api.Order {
	order, err := c.CreateOrder(adopt.WithWarnings(ctx, diags.AddWarning), body)
	if err != nil {
		tfdiag.AddError(diags, "Could not place the Waldur "+what, err)
		return nil
	}
	tflog.Info(ctx, "placed Waldur "+what, map[string]any{"order_uuid": order.UUID, "state": order.State})
	return order
}
