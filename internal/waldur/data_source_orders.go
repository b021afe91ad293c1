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

	"github.com/cloudorder/terraform-provider-cloudorder/internal/waldur/api"
)

var (
	_ datasource.DataSource              = (*ordersDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*ordersDataSource)(nil)
)

// NewOrdersDataSource is the cloudorder_waldur_orders data source.
func NewOrdersDataSource() datasource.DataSource {
	return &ordersDataSource{dataSource{typeSuffix: "_waldur_orders"}}
}

type ordersDataSource struct{ dataSource }

type ordersDataSourceModel struct {
	listFilters
	ResourceUUID types.String `tfsdk:"resource_uuid"`
	Types        types.List   `tfsdk:"types"`
	Orders       types.List   `tfsdk:"orders"`
}

// orderListItemAttrTypes is the object type of an element of orders.
func orderListItemAttrTypes() map[string]attr.Type {
	t := orderStatusAttrTypes()
	t["uuid"] = types.StringType
	t["type"] = types.StringType
	t["project"] = types.StringType
	t["offering"] = types.StringType
	t["plan"] = types.StringType
	t["attributes"] = types.StringType
	return t
}

// orderListItem is the element of orders that shows o.
func orderListItem(o *api.Order) map[string]attr.Value {
	var st orderStatus
	st.fill(o)
	var det orderDetails
	det.fill(o)
	vals := st.attrValues()
	vals["uuid"] = types.StringValue(o.UUID)
	vals["type"] = det.Type
	vals["project"] = det.Project
	vals["offering"] = det.Offering
	vals["plan"] = det.Plan
	vals["attributes"] = det.Attributes
	return vals
}

func (d *ordersDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	itemAttrs := orderStatusDataSourceAttributes()
	itemAttrs["uuid"] = schema.StringAttribute{Computed: true, MarkdownDescription: "UUID of the order."}
	itemAttrs["type"] = schema.StringAttribute{Computed: true, MarkdownDescription: "Order type."}
	itemAttrs["project"] = schema.StringAttribute{Computed: true, MarkdownDescription: "URL of the project."}
	itemAttrs["offering"] = schema.StringAttribute{Computed: true, MarkdownDescription: "URL of the offering."}
	itemAttrs["plan"] = schema.StringAttribute{Computed: true, MarkdownDescription: "URL of the plan, if any."}
	itemAttrs["attributes"] = schema.StringAttribute{Computed: true, MarkdownDescription: "Attributes of the order as a JSON object."}

	attrs := listFilter{
		noun:              "orders",
		states:            api.OrderStates,
		statesDescription: "Only orders in one of these states (`pending-consumer`, `pending-provider`, `pending-project`, `pending-start-date`, `executing`, `done`, `erred`, `canceled`, `rejected`).",
		queryDescription:  "Free-text search by order UUID, slug, project name or resource name.",
	}.attributes()
	attrs["resource_uuid"] = schema.StringAttribute{
		Optional:            true,
		MarkdownDescription: "Only orders of this marketplace resource.",
		Validators:          []validator.String{uuidValidator()},
	}
	attrs["types"] = schema.ListAttribute{
		Optional:            true,
		ElementType:         types.StringType,
		MarkdownDescription: "Only orders of one of these types (`Create`, `Update`, `Terminate`, `Restore`).",
		Validators:          []validator.List{listvalidator.ValueStringsAre(stringvalidator.OneOf(api.OrderTypes...))},
	}
	attrs["orders"] = schema.ListNestedAttribute{
		Computed:            true,
		MarkdownDescription: "The matching orders, newest first.",
		NestedObject:        schema.NestedAttributeObject{Attributes: itemAttrs},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists Waldur marketplace orders that match all given filters, reading every page of the result.",
		Attributes:          attrs,
	}
}

func (d *ordersDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m ordersDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	filter, diags := m.filter(ctx)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	m.Orders = objectList(&resp.Diagnostics, "Could not list Waldur orders",
		func() ([]api.Order, error) { return d.client.ListOrders(ctx, filter) },
		orderListItemAttrTypes(), orderListItem)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (m ordersDataSourceModel) filter(ctx context.Context) (api.OrderListFilter, diag.Diagnostics) {
	v, diags := m.values(ctx)
	f := api.OrderListFilter{
		ProjectUUID: v.projectUUID, OfferingUUID: v.offeringUUID, CustomerUUID: v.customerUUID,
		States: v.states, Query: v.query, Ordering: "-created",
	}
	if s := m.ResourceUUID.ValueString(); s != "" {
		f.ResourceUUID, _ = api.NormalizeUUID(s)
	}
	if !m.Types.IsNull() {
		diags.Append(m.Types.ElementsAs(ctx, &f.Types, false)...)
	}
	return f, diags
}
