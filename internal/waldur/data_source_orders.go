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
	_ datasource.DataSource              = (*listDataSource[ordersDataSourceModel, api.Order])(nil)
	_ datasource.DataSourceWithConfigure = (*listDataSource[ordersDataSourceModel, api.Order])(nil)
)

type ordersDataSourceModel struct {
	listFilters
	ResourceUUID types.String `tfsdk:"resource_uuid"`
	Types        types.List   `tfsdk:"types"`
	Orders       types.List   `tfsdk:"orders"`
}

// NewOrdersDataSource is the cloudorder_waldur_orders data source.
func NewOrdersDataSource() datasource.DataSource {
	return &listDataSource[ordersDataSourceModel, api.Order]{dataSource{typeSuffix: "_waldur_orders"}, listTable[ordersDataSourceModel, api.Order]{
		description: "Lists Waldur marketplace orders that match all given filters, reading every page of the result.",
		filter: listFilter{
			noun:              "orders",
			states:            api.OrderStates,
			statesDescription: "Only orders in one of these states (`pending-consumer`, `pending-provider`, `pending-project`, `pending-start-date`, `executing`, `done`, `erred`, `canceled`, `rejected`).",
			queryDescription:  "Free-text search by order UUID, slug, project name or resource name.",
		},
		filters: map[string]schema.Attribute{
			"resource_uuid": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only orders of this marketplace resource.",
				Validators:          []validator.String{uuidValidator()},
			},
			"types": schema.ListAttribute{
				Optional:            true,
				ElementType:         types.StringType,
				MarkdownDescription: "Only orders of one of these types (`Create`, `Update`, `Terminate`, `Restore`).",
				Validators:          []validator.List{listvalidator.ValueStringsAre(stringvalidator.OneOf(api.OrderTypes...))},
			},
		},
		items:            "orders",
		itemsDescription: "The matching orders, newest first.",
		itemAttributes:   orderListItemAttributes(),
		itemAttrTypes:    orderListItemAttrTypes,
		item:             orderListItem,
		list: func(ctx context.Context, c *api.Client, m *ordersDataSourceModel) ([]api.Order, diag.Diagnostics, error) {
			filter, diags := m.filter(ctx)
			if diags.HasError() {
				return nil, diags, nil
			}
			orders, err := c.ListOrders(ctx, filter)
			return orders, diags, err
		},
		listError: "Could not list Waldur orders",
		setItems:  func(m *ordersDataSourceModel, items types.List) { m.Orders = items },
	}}
}

// orderListItemAttributes are the attributes of an element of orders.
func orderListItemAttributes() map[string]schema.Attribute {
	attrs := orderStatusDataSourceAttributes()
	attrs["uuid"] = schema.StringAttribute{Computed: true, MarkdownDescription: "UUID of the order."}
	attrs["type"] = schema.StringAttribute{Computed: true, MarkdownDescription: "Order type."}
	attrs["project"] = schema.StringAttribute{Computed: true, MarkdownDescription: "URL of the project."}
	attrs["offering"] = schema.StringAttribute{Computed: true, MarkdownDescription: "URL of the offering."}
	attrs["plan"] = schema.StringAttribute{Computed: true, MarkdownDescription: "URL of the plan, if any."}
	attrs["attributes"] = schema.StringAttribute{Computed: true, MarkdownDescription: "Attributes of the order as a JSON object."}
	return attrs
}

// orderListItemAttrTypes is the object type of an element of orders.
func orderListItemAttrTypes() map[string]attr.Type {
	t := orderStatusAttrTypes()
	for _, k := range []string{"uuid", "type", "project", "offering", "plan", "attributes"} {
		t[k] = types.StringType
	}
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
