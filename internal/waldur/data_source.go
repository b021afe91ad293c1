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

// listDataSource is a data source that lists the API objects T matching
// the filters of its model M (cloudorder_waldur_orders and
// cloudorder_waldur_resources): one schema, one Read, told apart by their
// listTable.
type listDataSource[M, T any] struct {
	dataSource
	table listTable[M, T]
}

// listTable describes a list data source.
type listTable[M, T any] struct {
	description string
	// filter are the shared filters; filters are the type's own.
	filter  listFilter
	filters map[string]schema.Attribute
	// items names the list attribute and describes it; itemAttributes
	// are the attributes of one element.
	items, itemsDescription string
	itemAttributes          map[string]schema.Attribute
	itemAttrTypes           func() map[string]attr.Type
	// item is the element that shows one object.
	item func(*T) map[string]attr.Value
	// list calls the API with the model's filters; listError heads its error.
	list      func(ctx context.Context, c *api.Client, m *M) ([]T, diag.Diagnostics, error)
	listError string
	// setItems stores the list in the model.
	setItems func(m *M, items types.List)
}

func (d *listDataSource[M, T]) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	t := d.table
	attrs := t.filter.attributes()
	for k, v := range t.filters {
		attrs[k] = v
	}
	attrs[t.items] = schema.ListNestedAttribute{
		Computed:            true,
		MarkdownDescription: t.itemsDescription,
		NestedObject:        schema.NestedAttributeObject{Attributes: t.itemAttributes},
	}
	resp.Schema = schema.Schema{MarkdownDescription: t.description, Attributes: attrs}
}

func (d *listDataSource[M, T]) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m M
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	found, diags, err := d.table.list(ctx, d.client, &m)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err != nil {
		tfdiag.AddError(&resp.Diagnostics, d.table.listError, err)
		return
	}
	attrTypes := d.table.itemAttrTypes()
	elems := make([]attr.Value, 0, len(found))
	for i := range found {
		obj, diags := types.ObjectValue(attrTypes, d.table.item(&found[i]))
		resp.Diagnostics.Append(diags...)
		elems = append(elems, obj)
	}
	items, diags := types.ListValue(types.ObjectType{AttrTypes: attrTypes}, elems)
	resp.Diagnostics.Append(diags...)
	d.table.setItems(&m, items)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
