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

var (
	_ datasource.DataSource              = (*ordersDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*ordersDataSource)(nil)
)

// NewOrdersDataSource is the cloudorder_waldur_orders data source.
func NewOrdersDataSource() datasource.DataSource { return &ordersDataSource{} }

type ordersDataSource struct{ client *api.Client }

type ordersDataSourceModel struct {
	Project      types.String `tfsdk:"project"`
	Offering     types.String `tfsdk:"offering"`
	CustomerUUID types.String `tfsdk:"customer_uuid"`
	ResourceUUID types.String `tfsdk:"resource_uuid"`
	States       types.List   `tfsdk:"states"`
	Types        types.List   `tfsdk:"types"`
	Query        types.String `tfsdk:"query"`
	Orders       types.List   `tfsdk:"orders"`
}

func (d *ordersDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_waldur_orders"
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

func (d *ordersDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	itemAttrs := orderStatusDataSourceAttributes()
	itemAttrs["uuid"] = schema.StringAttribute{Computed: true, MarkdownDescription: "UUID of the order."}
	itemAttrs["type"] = schema.StringAttribute{Computed: true, MarkdownDescription: "Order type."}
	itemAttrs["project"] = schema.StringAttribute{Computed: true, MarkdownDescription: "URL of the project."}
	itemAttrs["offering"] = schema.StringAttribute{Computed: true, MarkdownDescription: "URL of the offering."}
	itemAttrs["plan"] = schema.StringAttribute{Computed: true, MarkdownDescription: "URL of the plan, if any."}
	itemAttrs["attributes"] = schema.StringAttribute{Computed: true, MarkdownDescription: "Attributes of the order as a JSON object."}

	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists Waldur marketplace orders that match all given filters, reading every page of the result.",
		Attributes: map[string]schema.Attribute{
			"project": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only orders of this project (UUID or URL).",
				Validators:          []validator.String{refValidator(api.RefProject)},
			},
			"offering": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only orders of this offering (UUID or URL).",
				Validators:          []validator.String{refValidator(api.RefOffering)},
			},
			"customer_uuid": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only orders of projects of this organization (customer).",
				Validators:          []validator.String{uuidValidator()},
			},
			"resource_uuid": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only orders of this marketplace resource.",
				Validators:          []validator.String{uuidValidator()},
			},
			"states": schema.ListAttribute{
				Optional:            true,
				ElementType:         types.StringType,
				MarkdownDescription: "Only orders in one of these states (`pending-consumer`, `pending-provider`, `pending-project`, `pending-start-date`, `executing`, `done`, `erred`, `canceled`, `rejected`).",
				Validators:          []validator.List{listvalidator.ValueStringsAre(stringvalidator.OneOf(api.OrderStates...))},
			},
			"types": schema.ListAttribute{
				Optional:            true,
				ElementType:         types.StringType,
				MarkdownDescription: "Only orders of one of these types (`Create`, `Update`, `Terminate`, `Restore`).",
				Validators:          []validator.List{listvalidator.ValueStringsAre(stringvalidator.OneOf(api.OrderTypes...))},
			},
			"query": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Free-text search by order UUID, slug, project name or resource name.",
			},
			"orders": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The matching orders, newest first.",
				NestedObject:        schema.NestedAttributeObject{Attributes: itemAttrs},
			},
		},
	}
}

func (d *ordersDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
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
	orders, err := d.client.ListOrders(ctx, filter)
	if err != nil {
		tfdiag.AddError(&resp.Diagnostics, "Could not list Waldur orders", err)
		return
	}
	itemType := types.ObjectType{AttrTypes: orderListItemAttrTypes()}
	items := make([]attr.Value, 0, len(orders))
	for i := range orders {
		o := &orders[i]
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
		obj, diags := types.ObjectValue(itemType.AttrTypes, vals)
		resp.Diagnostics.Append(diags...)
		items = append(items, obj)
	}
	list, diags := types.ListValue(itemType, items)
	resp.Diagnostics.Append(diags...)
	m.Orders = list
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (m ordersDataSourceModel) filter(ctx context.Context) (api.OrderListFilter, diag.Diagnostics) {
	var diags diag.Diagnostics
	var f api.OrderListFilter
	if v := m.Project.ValueString(); v != "" {
		f.ProjectUUID, _ = api.ParseRef(api.RefProject, v)
	}
	if v := m.Offering.ValueString(); v != "" {
		f.OfferingUUID, _ = api.ParseRef(api.RefOffering, v)
	}
	if v := m.CustomerUUID.ValueString(); v != "" {
		f.CustomerUUID, _ = api.NormalizeUUID(v)
	}
	if v := m.ResourceUUID.ValueString(); v != "" {
		f.ResourceUUID, _ = api.NormalizeUUID(v)
	}
	f.Query = m.Query.ValueString()
	f.Ordering = "-created"
	if !m.States.IsNull() {
		diags.Append(m.States.ElementsAs(ctx, &f.States, false)...)
	}
	if !m.Types.IsNull() {
		diags.Append(m.Types.ElementsAs(ctx, &f.Types, false)...)
	}
	return f, diags
}
