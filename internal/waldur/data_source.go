package waldur

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/tfdiag"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waldur/api"
)

// dataSource is embedded by every Waldur data source: it names the type
// and takes the client from the provider data.
type dataSource struct {
	// typeSuffix follows the provider name, e.g. "_waldur_order".
	typeSuffix string
	client     *api.Client
}

func (d *dataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + d.typeSuffix
}

func (d *dataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

// listFilters are the filters that the orders and the resources data
// sources share.
type listFilters struct {
	Project      types.String `tfsdk:"project"`
	Offering     types.String `tfsdk:"offering"`
	CustomerUUID types.String `tfsdk:"customer_uuid"`
	States       types.List   `tfsdk:"states"`
	Query        types.String `tfsdk:"query"`
}

// listFilter describes the filters of a list of objects (noun: "orders",
// "resources") whose states are one of states.
type listFilter struct {
	noun, statesDescription, queryDescription string
	states                                    []string
}

// attributes are the schema attributes of listFilters.
func (f listFilter) attributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"project": schema.StringAttribute{
			Optional:            true,
			MarkdownDescription: "Only " + f.noun + " of this project (UUID or URL).",
			Validators:          []validator.String{refValidator(api.RefProject)},
		},
		"offering": schema.StringAttribute{
			Optional:            true,
			MarkdownDescription: "Only " + f.noun + " of this offering (UUID or URL).",
			Validators:          []validator.String{refValidator(api.RefOffering)},
		},
		"customer_uuid": schema.StringAttribute{
			Optional:            true,
			MarkdownDescription: "Only " + f.noun + " of projects of this organization (customer).",
			Validators:          []validator.String{uuidValidator()},
		},
		"states": schema.ListAttribute{
			Optional:            true,
			ElementType:         types.StringType,
			MarkdownDescription: f.statesDescription,
			Validators:          []validator.List{listvalidator.ValueStringsAre(stringvalidator.OneOf(f.states...))},
		},
		"query": schema.StringAttribute{
			Optional:            true,
			MarkdownDescription: f.queryDescription,
		},
	}
}

// listFilterValues are listFilters as the API's list filters take them.
type listFilterValues struct {
	projectUUID, offeringUUID, customerUUID, query string
	states                                         []string
}

// values reads the filters; references become hex UUIDs (their validators
// have checked them).
func (m listFilters) values(ctx context.Context) (listFilterValues, diag.Diagnostics) {
	var v listFilterValues
	var diags diag.Diagnostics
	if s := m.Project.ValueString(); s != "" {
		v.projectUUID, _ = api.ParseRef(api.RefProject, s)
	}
	if s := m.Offering.ValueString(); s != "" {
		v.offeringUUID, _ = api.ParseRef(api.RefOffering, s)
	}
	if s := m.CustomerUUID.ValueString(); s != "" {
		v.customerUUID, _ = api.NormalizeUUID(s)
	}
	v.query = m.Query.ValueString()
	if !m.States.IsNull() {
		diags.Append(m.States.ElementsAs(ctx, &v.states, false)...)
	}
	return v, diags
}

// objectList lists what list answers as a list attribute of objects, each
// made of the attribute values that values gives for one item; failing,
// it adds an error headed summary and returns an unknown list.
func objectList[T any](diags *diag.Diagnostics, summary string, list func() ([]T, error),
	attrTypes map[string]attr.Type, values func(*T) map[string]attr.Value,
) types.List {
	itemType := types.ObjectType{AttrTypes: attrTypes}
	items, err := list()
	if err != nil {
		tfdiag.AddError(diags, summary, err)
		return types.ListUnknown(itemType)
	}
	elems := make([]attr.Value, 0, len(items))
	for i := range items {
		obj, d := types.ObjectValue(attrTypes, values(&items[i]))
		diags.Append(d...)
		elems = append(elems, obj)
	}
	out, d := types.ListValue(itemType, elems)
	diags.Append(d...)
	return out
}
