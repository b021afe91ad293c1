package waldur

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	rsschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/waldur/api"
)

// resourceStatus holds the read-only facts of a marketplace resource (but
// its name, which is an argument of some types and a fact of others). It is
// embedded in the models of both resource types and of the data sources,
// so that all expose the same attributes, filled by the same code.
type resourceStatus struct {
	URL               types.String `tfsdk:"url"`
	State             types.String `tfsdk:"state"`
	ResourceUUID      types.String `tfsdk:"resource_uuid"`
	ResourceType      types.String `tfsdk:"resource_type"`
	BackendID         types.String `tfsdk:"backend_id"`
	ErrorMessage      types.String `tfsdk:"error_message"`
	CreationOrderUUID types.String `tfsdk:"creation_order_uuid"`
	OfferingUUID      types.String `tfsdk:"offering_uuid"`
	OfferingName      types.String `tfsdk:"offering_name"`
	OfferingType      types.String `tfsdk:"offering_type"`
	PlanUUID          types.String `tfsdk:"plan_uuid"`
	PlanName          types.String `tfsdk:"plan_name"`
	ProjectUUID       types.String `tfsdk:"project_uuid"`
	ProjectName       types.String `tfsdk:"project_name"`
	CustomerUUID      types.String `tfsdk:"customer_uuid"`
	CustomerName      types.String `tfsdk:"customer_name"`
	ProviderName      types.String `tfsdk:"provider_name"`
	Created           types.String `tfsdk:"created"`
	Modified          types.String `tfsdk:"modified"`
}

// resourceStatusFields are the attributes of resourceStatus. stable fields
// do not change while the resource lives (state is always OK after a
// successful apply); the others may change with an in-place update
// (plan_uuid with switch_plan).
var resourceStatusFields = []statusField{
	{"url", "API URL of the marketplace resource.", true},
	{"state", "State of the marketplace resource: `Creating`, `OK`, `Updating`, `Terminating`, `Terminated` or `Erred`.", true},
	{"resource_uuid", "UUID of the backend object (for example the Kubernetes cluster) once it exists.", true},
	{"resource_type", "Type of the backend object, for example `Rancher.Cluster`.", true},
	{"backend_id", "Identifier of the resource in the service provider's system, if any.", true},
	{"error_message", "Error message of an `Erred` resource.", false},
	{"creation_order_uuid", "UUID of the Create order that made the resource.", true},
	{"offering_uuid", "UUID of the offering.", true},
	{"offering_name", "Name of the offering.", true},
	{"offering_type", "Type of the offering, for example `Marketplace.Basic`.", true},
	{"plan_uuid", "UUID of the resource's current plan, if any.", false},
	{"plan_name", "Name of the resource's current plan, if any.", false},
	{"project_uuid", "UUID of the project.", true},
	{"project_name", "Name of the project.", true},
	{"customer_uuid", "UUID of the organization (customer) that owns the project.", true},
	{"customer_name", "Name of the organization (customer) that owns the project.", true},
	{"provider_name", "Name of the service provider of the offering.", true},
	{"created", "When the resource was created (RFC 3339).", true},
	{"modified", "When the resource last changed (RFC 3339).", false},
}

// resourceStatusResourceAttributes returns the computed attributes of the
// resource types; error_message stays as it is while the resource is OK.
func resourceStatusResourceAttributes() map[string]rsschema.Attribute {
	attrs := statusResourceAttributes(resourceStatusFields)
	a := attrs["error_message"].(rsschema.StringAttribute)
	a.PlanModifiers = []planmodifier.String{keepWhileOK{}}
	attrs["error_message"] = a
	return attrs
}

// resourceStatusDataSourceAttributes returns the same attributes for data sources.
func resourceStatusDataSourceAttributes() map[string]dsschema.Attribute {
	return statusDataSourceAttributes(resourceStatusFields)
}

// resourceStatusAttrTypes is the object type of resourceStatus, for lists.
func resourceStatusAttrTypes() map[string]attr.Type { return statusAttrTypes(resourceStatusFields) }

func (s *resourceStatus) fill(r *api.MarketplaceResource) {
	s.URL = stringOrNull(r.URL)
	s.State = stringOrNull(r.State)
	s.ResourceUUID = ptrOrNull(r.ResourceUUID)
	s.ResourceType = ptrOrNull(r.ResourceType)
	s.BackendID = stringOrNull(r.BackendID)
	s.ErrorMessage = stringOrNull(r.ErrorMessage)
	// A resource read without its creation order (older Waldur) keeps the
	// UUID the create recorded.
	if r.CreationOrder != nil && r.CreationOrder.UUID != "" {
		s.CreationOrderUUID = types.StringValue(r.CreationOrder.UUID)
	} else if s.CreationOrderUUID.IsUnknown() {
		s.CreationOrderUUID = types.StringNull()
	}
	s.OfferingUUID = stringOrNull(r.OfferingUUID)
	s.OfferingName = stringOrNull(r.OfferingName)
	s.OfferingType = stringOrNull(r.OfferingType)
	s.PlanUUID = ptrOrNull(r.PlanUUID)
	s.PlanName = ptrOrNull(r.PlanName)
	s.ProjectUUID = stringOrNull(r.ProjectUUID)
	s.ProjectName = stringOrNull(r.ProjectName)
	s.CustomerUUID = stringOrNull(r.CustomerUUID)
	s.CustomerName = stringOrNull(r.CustomerName)
	s.ProviderName = stringOrNull(r.ProviderName)
	s.Created = stringOrNull(r.Created)
	s.Modified = stringOrNull(r.Modified)
}

// attrValues returns the status as attribute values for an object value.
func (s resourceStatus) attrValues() map[string]attr.Value {
	return map[string]attr.Value{
		"url": s.URL, "state": s.State, "resource_uuid": s.ResourceUUID,
		"resource_type": s.ResourceType, "backend_id": s.BackendID, "error_message": s.ErrorMessage,
		"creation_order_uuid": s.CreationOrderUUID, "offering_uuid": s.OfferingUUID,
		"offering_name": s.OfferingName, "offering_type": s.OfferingType, "plan_uuid": s.PlanUUID,
		"plan_name": s.PlanName, "project_uuid": s.ProjectUUID, "project_name": s.ProjectName,
		"customer_uuid": s.CustomerUUID, "customer_name": s.CustomerName, "provider_name": s.ProviderName,
		"created": s.Created, "modified": s.Modified,
	}
}

// keepWhileOK plans a resource's error_message as it is while the resource
// is OK, instead of "(known after apply)" on every plan or limits change: a
// change that succeeds leaves it so, and one that fails ends the apply with
// an error, after which Terraform stores what the provider read.
type keepWhileOK struct{}

func (keepWhileOK) Description(context.Context) string {
	return "Keeps the prior error message while the resource is OK."
}

func (m keepWhileOK) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (keepWhileOK) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() || !req.PlanValue.IsUnknown() || req.StateValue.IsUnknown() {
		return
	}
	var state types.String
	if diags := req.State.GetAttribute(ctx, path.Root("state"), &state); diags.HasError() {
		return
	}
	if state.ValueString() == api.ResourceOK {
		resp.PlanValue = req.StateValue
	}
}
