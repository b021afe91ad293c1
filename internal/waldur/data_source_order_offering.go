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
	_ datasource.DataSource              = (*orderOfferingDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*orderOfferingDataSource)(nil)
)

// NewOrderOfferingDataSource is the cloudorder_waldur_order_offering data source.
func NewOrderOfferingDataSource() datasource.DataSource {
	return &orderOfferingDataSource{dataSource{typeSuffix: "_waldur_order_offering"}}
}

type orderOfferingDataSource struct{ dataSource }

type orderOfferingModel struct {
	OrderUUID    types.String        `tfsdk:"order_uuid"`
	UUID         types.String        `tfsdk:"uuid"`
	URL          types.String        `tfsdk:"url"`
	Name         types.String        `tfsdk:"name"`
	Description  types.String        `tfsdk:"description"`
	Type         types.String        `tfsdk:"type"`
	State        types.String        `tfsdk:"state"`
	CustomerUUID types.String        `tfsdk:"customer_uuid"`
	CustomerName types.String        `tfsdk:"customer_name"`
	Shared       types.Bool          `tfsdk:"shared"`
	Billable     types.Bool          `tfsdk:"billable"`
	Options      types.String        `tfsdk:"options"`
	Plans        []offeringPlanModel `tfsdk:"plans"`
	Components   []componentModel    `tfsdk:"components"`
}

type offeringPlanModel struct {
	UUID        types.String `tfsdk:"uuid"`
	URL         types.String `tfsdk:"url"`
	Name        types.String `tfsdk:"name"`
	Description types.String `tfsdk:"description"`
	Unit        types.String `tfsdk:"unit"`
	UnitPrice   types.String `tfsdk:"unit_price"`
	Archived    types.Bool   `tfsdk:"archived"`
}

type componentModel struct {
	Type         types.String `tfsdk:"type"`
	Name         types.String `tfsdk:"name"`
	Description  types.String `tfsdk:"description"`
	BillingType  types.String `tfsdk:"billing_type"`
	MeasuredUnit types.String `tfsdk:"measured_unit"`
}

func computedString(desc string) schema.StringAttribute {
	return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
}

func (d *orderOfferingDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads the offering of a Waldur order (`GET /api/marketplace-orders/{uuid}/offering/`): its plans, " +
			"its components (for `limits`) and the options schema that tells which `attributes` it accepts.",
		Attributes: map[string]schema.Attribute{
			"order_uuid": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "UUID of the order, with or without dashes.",
				Validators:          []validator.String{uuidValidator()},
			},
			"uuid":          computedString("UUID of the offering."),
			"url":           computedString("URL of the offering."),
			"name":          computedString("Name of the offering."),
			"description":   computedString("Description of the offering."),
			"type":          computedString("Type of the offering, for example `Marketplace.Basic`."),
			"state":         computedString("State of the offering, for example `Active`."),
			"customer_uuid": computedString("UUID of the service provider's organization."),
			"customer_name": computedString("Name of the service provider's organization."),
			"shared":        schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the offering is available to all organizations."},
			"billable":      schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether use of the offering is invoiced."},
			"options":       computedString("Options schema of the offering's order attributes, as JSON; use `jsondecode()` to read it."),
			"plans": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "Plans of the offering.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"uuid":        computedString("UUID of the plan."),
					"url":         computedString("URL of the plan."),
					"name":        computedString("Name of the plan."),
					"description": computedString("Description of the plan."),
					"unit":        computedString("Billing unit: `month`, `quarter`, `half_month`, `day`, `hour` or `quantity`."),
					"unit_price":  computedString("Price per unit as a decimal string."),
					"archived":    schema.BoolAttribute{Computed: true, MarkdownDescription: "Archived plans accept no new orders."},
				}},
			},
			"components": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "Measured components of the offering; limit-based ones take `limits`.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"type":          computedString("Internal name of the component, the key in `limits`."),
					"name":          computedString("Display name of the component."),
					"description":   computedString("Description of the component."),
					"billing_type":  computedString("Billing type: `fixed`, `usage`, `limit`, `one` or `few`."),
					"measured_unit": computedString("Unit of measurement, for example `GB`."),
				}},
			},
		},
	}
}

func (d *orderOfferingDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m orderOfferingModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id, err := api.NormalizeUUID(m.OrderUUID.ValueString())
	if err != nil {
		resp.Diagnostics.AddError("Invalid order_uuid", err.Error())
		return
	}
	o, err := d.client.GetOrderOffering(ctx, id)
	if err != nil {
		tfdiag.AddError(&resp.Diagnostics, fmt.Sprintf("Could not read the offering of Waldur order %s", id), err)
		return
	}
	m.UUID = types.StringValue(o.UUID)
	m.URL = stringOrNull(o.URL)
	m.Name = types.StringValue(o.Name)
	m.Description = types.StringValue(o.Description)
	m.Type = stringOrNull(o.Type)
	m.State = stringOrNull(o.State)
	m.CustomerUUID = stringOrNull(o.CustomerUUID)
	m.CustomerName = stringOrNull(o.CustomerName)
	m.Shared = types.BoolValue(o.Shared)
	m.Billable = types.BoolValue(o.Billable)
	m.Options = types.StringNull()
	if len(o.Options) > 0 && string(o.Options) != "null" {
		m.Options = types.StringValue(string(o.Options))
	}
	m.Plans = make([]offeringPlanModel, 0, len(o.Plans))
	for _, p := range o.Plans {
		m.Plans = append(m.Plans, offeringPlanModel{
			UUID: types.StringValue(p.UUID), URL: stringOrNull(p.URL), Name: types.StringValue(p.Name),
			Description: types.StringValue(p.Description), Unit: stringOrNull(p.Unit),
			UnitPrice: stringOrNull(p.UnitPrice), Archived: types.BoolValue(p.Archived),
		})
	}
	m.Components = make([]componentModel, 0, len(o.Components))
	for _, c := range o.Components {
		m.Components = append(m.Components, componentModel{
			Type: types.StringValue(c.Type), Name: types.StringValue(c.Name), Description: types.StringValue(c.Description),
			BillingType: stringOrNull(c.BillingType), MeasuredUnit: types.StringValue(c.MeasuredUnit),
		})
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
