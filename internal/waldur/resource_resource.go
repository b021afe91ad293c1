package waldur

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/validate"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waldur/api"
)

var (
	_ resource.Resource                   = (*marketplaceResource[genericResourceModel, *genericResourceModel])(nil)
	_ resource.ResourceWithConfigure      = (*marketplaceResource[genericResourceModel, *genericResourceModel])(nil)
	_ resource.ResourceWithImportState    = (*marketplaceResource[genericResourceModel, *genericResourceModel])(nil)
	_ resource.ResourceWithValidateConfig = (*marketplaceResource[genericResourceModel, *genericResourceModel])(nil)
)

// NewResourceResource is the cloudorder_waldur_resource resource: any
// marketplace resource, its attributes given as JSON.
func NewResourceResource() resource.Resource {
	return &marketplaceResource[genericResourceModel, *genericResourceModel]{kind: marketplaceKind{
		typeSuffix: "_waldur_resource",
		description: "A [Waldur marketplace resource](https://docs.waldur.com/latest/API/marketplace-resources/) of any offering, " +
			"managed through orders for its whole life, the way Waldur and WAYSCloud work. Create places a `Create` order " +
			"(approving it when `approve` or `approve_as_provider` is set) and waits until the order is `done` and the resource `OK`. " +
			"A change of `plan` is applied **in place** with a `switch_plan` order, a change of `limits` with an `update_limits` order. " +
			"A change of `project`, `offering` or `attributes` replaces the resource (Waldur has no order that changes them; some " +
			"offerings let their provider change attributes by hand, which this resource does not attempt). Destroy places a " +
			"`Terminate` order and waits until the resource is `Terminated`.\n\n" +
			"While the resource is busy (`Creating`, `Updating`) or another order of it is in progress (Waldur answers 409), " +
			"changes wait and try again rather than fail. Orders that wait for someone's approval are waited on up to the timeout; " +
			"the timeout error names who must approve.",
		attributes: map[string]schema.Attribute{
			"attributes": schema.StringAttribute{
				CustomType: jsontypes.NormalizedType{},
				Required:   true,
				MarkdownDescription: "Offering-specific attributes of the Create order as a JSON object, usually written with " +
					"`jsonencode({ name = \"my-resource\", ... })`. `name` names the resource. Key order and spacing never cause a diff, " +
					"and keys that the offering adds on its side are ignored. Changing a value replaces the resource. The " +
					"`cloudorder_waldur_order_offering` data source shows what an offering accepts.",
				Validators:    []validator.String{validate.JSONObject()},
				PlanModifiers: []planmodifier.String{requiresReplaceIfJSONChanged()},
			},
			"name": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Name of the resource, which Waldur takes from `attributes.name`.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
		},
	}}
}

type genericResourceModel struct {
	marketplaceFields
	Attributes jsontypes.Normalized `tfsdk:"attributes"`
	Name       types.String         `tfsdk:"name"`
}

func (m *genericResourceModel) fields() *marketplaceFields { return &m.marketplaceFields }

func (m *genericResourceModel) orderAttributes(context.Context) (json.RawMessage, diag.Diagnostics) {
	if m.Attributes.IsNull() || m.Attributes.IsUnknown() {
		return nil, nil
	}
	return json.RawMessage(m.Attributes.ValueString()), nil
}

func (m *genericResourceModel) setAttributes(r *api.MarketplaceResource) diag.Diagnostics {
	var diags diag.Diagnostics
	m.Name = stringOrNull(r.Name)
	attrs, err := attributesFromAPI(m.Attributes, r.Attributes)
	if err != nil {
		diags.AddError("Unexpected attributes from Waldur", fmt.Sprintf("Marketplace resource %s has attributes that are not a JSON object: %s", r.UUID, err))
		return diags
	}
	if attrs.IsNull() {
		// attributes is required: an import of a resource without any
		// shows the empty object rather than null.
		attrs = jsontypes.NewNormalizedValue("{}")
	}
	m.Attributes = attrs
	return diags
}
