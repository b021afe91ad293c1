package hostway

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/hostway/api"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/tfdiag"
)

var (
	_ datasource.DataSource              = (*offeringsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*offeringsDataSource)(nil)
)

// NewOfferingsDataSource is the cloudorder_hostway_offerings data source.
func NewOfferingsDataSource() datasource.DataSource { return &offeringsDataSource{} }

type offeringsDataSource struct{ client *api.Client }

type offeringsDataSourceModel struct {
	ProductSpecification  types.String           `tfsdk:"product_specification"`
	ID                    types.String           `tfsdk:"id"`
	Name                  types.String           `tfsdk:"name"`
	Offerings             []offeringItem         `tfsdk:"offerings"`
	ServiceSpecifications []serviceSpecification `tfsdk:"service_specifications"`
}

type offeringItem struct {
	ID            types.String `tfsdk:"id"`
	Code          types.String `tfsdk:"code"`
	URL           types.String `tfsdk:"url"`
	Currency      types.String `tfsdk:"currency"`
	BillingPeriod types.Int64  `tfsdk:"billing_period"`
	Default       types.Bool   `tfsdk:"default"`
	Prices        types.String `tfsdk:"prices"`
}

type serviceSpecification struct {
	Code                types.String `tfsdk:"code"`
	URL                 types.String `tfsdk:"url"`
	Name                types.String `tfsdk:"name"`
	Kind                types.String `tfsdk:"kind"`
	Category            types.String `tfsdk:"category"`
	Ranking             types.Int64  `tfsdk:"ranking"`
	BillingCycles       types.List   `tfsdk:"billing_cycles"`
	DefaultBillingCycle types.Int64  `tfsdk:"default_billing_cycle"`
	Attributes          types.String `tfsdk:"attributes"`
}

func (d *offeringsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_hostway_offerings"
}

func (d *offeringsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists what a Hostway product specification can be ordered with: its offerings (currency, billing period, " +
			"prices) and the service specifications its products may hold, for choosing the `offering`, `server` and `service` " +
			"codes of a `cloudorder_hostway_vps`." + apiNotes["cloudorder_hostway_offerings"],
		Attributes: map[string]schema.Attribute{
			"product_specification": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Product specification code, for example `core.plan.vps.virtuozzo.u101`, or its URL.",
				Validators:          []validator.String{productSpecValidator()},
			},
			"id":   schema.StringAttribute{Computed: true, MarkdownDescription: "Code of the product specification."},
			"name": schema.StringAttribute{Computed: true, MarkdownDescription: "Name of the product specification."},
			"offerings": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "Offerings of the product specification.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":             schema.StringAttribute{Computed: true, MarkdownDescription: "Id of the offering, for example `USD-1`."},
					"code":           schema.StringAttribute{Computed: true, MarkdownDescription: "`{product specification}/{id}`: what the `offering` argument of `cloudorder_hostway_vps` takes."},
					"url":            schema.StringAttribute{Computed: true, MarkdownDescription: "URL of the offering."},
					"currency":       schema.StringAttribute{Computed: true, MarkdownDescription: "Currency of the prices."},
					"billing_period": schema.Int64Attribute{Computed: true, MarkdownDescription: "Billing period in months."},
					"default":        schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether this is the default offering."},
					"prices":         schema.StringAttribute{Computed: true, MarkdownDescription: "Prices as the API inlines them when asked for details, as JSON; read them with `jsondecode()`."},
				}},
			},
			"service_specifications": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "Service specifications that products of this specification may hold, by ranking.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"code":                  schema.StringAttribute{Computed: true, MarkdownDescription: "Code, what `server.specification` and `service.specification` take."},
					"url":                   schema.StringAttribute{Computed: true, MarkdownDescription: "URL of the service specification."},
					"name":                  schema.StringAttribute{Computed: true, MarkdownDescription: "Name."},
					"kind":                  schema.StringAttribute{Computed: true, MarkdownDescription: "VPS Virtuozzo family (`server`, `controlpanel`, `additional_memory`, `additional_disk`, `additional_bandwidth`, `ip`, `powerpack`), or null."},
					"category":              schema.StringAttribute{Computed: true, MarkdownDescription: "Category as the API gives it."},
					"ranking":               schema.Int64Attribute{Computed: true, MarkdownDescription: "Ranking (sort order) as the API gives it."},
					"billing_cycles":        schema.ListAttribute{Computed: true, ElementType: types.Int64Type, MarkdownDescription: "Billing cycles (months) offered."},
					"default_billing_cycle": schema.Int64Attribute{Computed: true, MarkdownDescription: "The default billing cycle, if one is marked."},
					"attributes":            schema.StringAttribute{Computed: true, MarkdownDescription: "Attributes as the API gives them: the URL of the specification's attributes (the documented form), or JSON when the API inlines them."},
				}},
			},
		},
	}
}

func (d *offeringsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *offeringsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m offeringsDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	code, err := api.ParseProductSpecification(m.ProductSpecification.ValueString())
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("product_specification"), "Invalid product specification", err.Error())
		return
	}
	spec, err := d.client.GetProductSpecification(ctx, code)
	if err != nil {
		tfdiag.AddError(&resp.Diagnostics, fmt.Sprintf("Could not read Hostway product specification %s", code), err)
		return
	}
	offerings, err := d.client.ListOfferings(ctx, code)
	if err != nil {
		tfdiag.AddError(&resp.Diagnostics, fmt.Sprintf("Could not list the offerings of %s", code), err)
		return
	}
	services, err := d.client.ListServiceSpecifications(ctx, code)
	if err != nil {
		tfdiag.AddError(&resp.Diagnostics, fmt.Sprintf("Could not list the service specifications of %s", code), err)
		return
	}
	m.ID = types.StringValue(code)
	m.Name = types.StringValue(spec.Name)
	m.Offerings = make([]offeringItem, len(offerings))
	for i, o := range offerings {
		id := o.ID()
		prices := types.StringNull()
		if len(o.Prices) > 0 {
			prices = types.StringValue(string(o.Prices))
		}
		m.Offerings[i] = offeringItem{
			ID: types.StringValue(id), Code: types.StringValue(api.OfferingCode(code, id)), URL: types.StringValue(api.LinkHref(o.Links, "self")),
			Currency: types.StringValue(o.Currency), BillingPeriod: types.Int64Value(o.BillingPeriod), Default: types.BoolValue(bool(o.Default)),
			Prices: prices,
		}
	}
	slices.SortStableFunc(services, func(a, b api.ServiceSpecification) int { return int(a.Ranking - b.Ranking) })
	m.ServiceSpecifications = make([]serviceSpecification, len(services))
	for i, s := range services {
		item, diags := serviceSpecItem(ctx, s)
		resp.Diagnostics.Append(diags...)
		m.ServiceSpecifications[i] = item
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func serviceSpecItem(ctx context.Context, s api.ServiceSpecification) (serviceSpecification, diag.Diagnostics) {
	code := s.Code()
	cycles := make([]int64, len(s.BillingCycles))
	def := types.Int64Null()
	for i, c := range s.BillingCycles {
		cycles[i] = c.BillingCycle
		if c.Default {
			def = types.Int64Value(c.BillingCycle)
		}
	}
	list, diags := types.ListValueFrom(ctx, types.Int64Type, cycles)
	kind := types.StringNull()
	if k, ok := api.KindOf(code); ok {
		kind = types.StringValue(k.Name)
	}
	attrs := types.StringNull()
	var link string
	switch {
	case len(s.Attributes) == 0 || string(s.Attributes) == "null":
	case json.Unmarshal(s.Attributes, &link) == nil:
		attrs = types.StringValue(link) // the documented form: a URL
	default:
		attrs = types.StringValue(string(s.Attributes))
	}
	return serviceSpecification{
		Code: types.StringValue(code), URL: types.StringValue(api.LinkHref(s.Links, "self")), Name: types.StringValue(s.Name),
		Kind: kind, Category: types.StringValue(s.Category), Ranking: types.Int64Value(s.Ranking),
		BillingCycles: list, DefaultBillingCycle: def, Attributes: attrs,
	}, diags
}
