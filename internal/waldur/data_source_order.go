package waldur

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/tfdiag"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waldur/api"
)

var (
	_ datasource.DataSource              = (*orderDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*orderDataSource)(nil)
)

// NewOrderDataSource is the cloudorder_waldur_order data source.
func NewOrderDataSource() datasource.DataSource {
	return &orderDataSource{dataSource{typeSuffix: "_waldur_order"}}
}

type orderDataSource struct{ dataSource }

type orderDataSourceModel struct {
	ID   types.String `tfsdk:"id"`
	UUID types.String `tfsdk:"uuid"`
	orderDetails
	orderStatus
}

// orderDetails are the arguments of an order as the API reports them.
type orderDetails struct {
	Type           types.String `tfsdk:"type"`
	Project        types.String `tfsdk:"project"`
	Offering       types.String `tfsdk:"offering"`
	Plan           types.String `tfsdk:"plan"`
	Attributes     types.String `tfsdk:"attributes"`
	Limits         types.Map    `tfsdk:"limits"`
	RequestComment types.String `tfsdk:"request_comment"`
	CallbackURL    types.String `tfsdk:"callback_url"`
	StartDate      types.String `tfsdk:"start_date"`
}

func orderDetailsDataSourceAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"type":            schema.StringAttribute{Computed: true, MarkdownDescription: "Order type: `Create`, `Update`, `Terminate` or `Restore`."},
		"project":         schema.StringAttribute{Computed: true, MarkdownDescription: "URL of the project."},
		"offering":        schema.StringAttribute{Computed: true, MarkdownDescription: "URL of the offering."},
		"plan":            schema.StringAttribute{Computed: true, MarkdownDescription: "URL of the plan, if any."},
		"attributes":      schema.StringAttribute{Computed: true, MarkdownDescription: "Attributes of the order as a JSON object; use `jsondecode()` to read them."},
		"limits":          schema.MapAttribute{Computed: true, ElementType: types.Int64Type, MarkdownDescription: "Component limits of the order."},
		"request_comment": schema.StringAttribute{Computed: true, MarkdownDescription: "Comment given with the order."},
		"callback_url":    schema.StringAttribute{Computed: true, MarkdownDescription: "Callback URL of the order."},
		"start_date":      schema.StringAttribute{Computed: true, MarkdownDescription: "Start date of the order (`YYYY-MM-DD`)."},
	}
}

func (d *orderDetails) fill(o *api.Order) {
	d.Type = stringOrNull(o.Type)
	d.Project = stringOrNull(o.Project)
	d.Offering = stringOrNull(o.Offering)
	d.Plan = ptrOrNull(o.Plan)
	d.Attributes = types.StringNull()
	if m, err := decodeObject(o.Attributes); err == nil && m != nil {
		if v, err := encodeObject(m); err == nil {
			d.Attributes = types.StringValue(v.ValueString())
		}
	}
	d.Limits = limitsToTF(types.MapUnknown(types.Int64Type), o.Limits)
	d.RequestComment = ptrOrNull(o.RequestComment)
	d.CallbackURL = ptrOrNull(o.CallbackURL)
	d.StartDate = ptrOrNull(o.StartDate)
}

func (d *orderDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := map[string]schema.Attribute{
		"id": schema.StringAttribute{Computed: true, MarkdownDescription: "UUID of the order (hex form)."},
		"uuid": schema.StringAttribute{
			Required:            true,
			MarkdownDescription: "UUID of the order, with or without dashes.",
			Validators:          []validator.String{uuidValidator()},
		},
	}
	for k, v := range orderDetailsDataSourceAttributes() {
		attrs[k] = v
	}
	for k, v := range orderStatusDataSourceAttributes() {
		attrs[k] = v
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one Waldur marketplace order by its UUID: its arguments, state, the resource it created and its cost.",
		Attributes:          attrs,
	}
}

func (d *orderDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m orderDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id, err := api.NormalizeUUID(m.UUID.ValueString())
	if err != nil {
		resp.Diagnostics.AddError("Invalid uuid", err.Error())
		return
	}
	order, err := d.client.GetOrder(ctx, id)
	if err != nil {
		tfdiag.AddError(&resp.Diagnostics, fmt.Sprintf("Could not read Waldur order %s", id), err)
		return
	}
	m.ID = types.StringValue(order.UUID)
	m.orderDetails.fill(order)
	m.orderStatus.fill(order)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
