package hostway

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/hostway/api"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/tfdiag"
)

var (
	_ datasource.DataSource              = (*orderDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*orderDataSource)(nil)
)

// NewOrderDataSource is the cloudorder_hostway_order data source.
func NewOrderDataSource() datasource.DataSource { return &orderDataSource{} }

type orderDataSource struct{ client *api.Client }

type orderDataSourceModel struct {
	ID            types.String `tfsdk:"id"`
	URL           types.String `tfsdk:"url"`
	Status        types.String `tfsdk:"status"`
	Submitted     types.Bool   `tfsdk:"submitted"`
	AccountNumber types.String `tfsdk:"account_number"`
}

func (d *orderDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_hostway_order"
}

func (d *orderDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads a Hostway order by its id: its status and account. The provider's HTTP Basic credentials must " +
			"belong to the user who placed the order or who owns its account." + apiNotes["cloudorder_hostway_order"],
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Id of the order, for example the `order_id` of a `cloudorder_hostway_vps`, or its URL.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"url":       schema.StringAttribute{Computed: true, MarkdownDescription: "URL of the order."},
			"status":    schema.StringAttribute{Computed: true, MarkdownDescription: "Status as Hostway reports it: `new` while it is a cart, `Processing` once submitted."},
			"submitted": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the order was submitted (its status is no longer `new`)."},
			"account_number": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Account of the order; empty until one is attached (for a new account: until the order is submitted).",
			},
		},
	}
}

func (d *orderDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *orderDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m orderDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	o, err := d.client.GetOrder(ctx, m.ID.ValueString())
	if err != nil {
		tfdiag.AddError(&resp.Diagnostics, fmt.Sprintf("Could not read Hostway order %s", m.ID.ValueString()), err)
		return
	}
	m.URL = types.StringValue(o.URL)
	m.Status = types.StringValue(o.Status)
	m.Submitted = types.BoolValue(o.IsSubmitted())
	m.AccountNumber = types.StringValue(o.Account)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
