package hostway

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/hostway/api"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/tfdiag"
)

var (
	_ datasource.DataSource              = (*productDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*productDataSource)(nil)
)

// NewProductDataSource is the cloudorder_hostway_product data source.
func NewProductDataSource() datasource.DataSource { return &productDataSource{} }

type productDataSource struct{ client *api.Client }

type productDataSourceModel struct {
	ID                   types.String         `tfsdk:"id"`
	AccountNumber        types.String         `tfsdk:"account_number"`
	ProductID            types.String         `tfsdk:"product_id"`
	PartnerID            types.String         `tfsdk:"partner_id"`
	DisplayName          types.String         `tfsdk:"display_name"`
	Status               types.String         `tfsdk:"status"`
	Offering             types.String         `tfsdk:"offering"`
	ProductSpecification types.String         `tfsdk:"product_specification"`
	OrderID              types.String         `tfsdk:"order_id"`
	Services             []productServiceItem `tfsdk:"services"`
}

// productServiceItem is a service as the VPS lists its children
// (childModel), with what it is related to.
type productServiceItem struct {
	childModel
	RelatedTo types.String `tfsdk:"related_to"`
}

func (d *productDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_hostway_product"
}

func (d *productDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	selectors := []string{"product_id", "partner_id", "display_name"}
	exactlyOne := func(self string) validator.String {
		var others []path.Expression
		for _, s := range selectors {
			if s != self {
				others = append(others, path.MatchRoot(s))
			}
		}
		return stringvalidator.ExactlyOneOf(others...)
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads a product of a Hostway account with its services: by `product_id`, by the `partner_id` marker set " +
			"when it was ordered, or by `display_name`. Give exactly one of them; by marker or name, exactly one product must match." +
			apiNotes["cloudorder_hostway_product"],
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "`account_number/product_id`."},
			"account_number": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Account to look in. Default: the provider's `account_number`.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"product_id": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Id of the product on the account.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1), exactlyOne("product_id")},
			},
			"partner_id": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "The `partnerId` marker of the product, e.g. the `partner_id` of a `cloudorder_hostway_vps`.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1), exactlyOne("partner_id")},
			},
			"display_name": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Display name of the product.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1), exactlyOne("display_name")},
			},
			"status": schema.StringAttribute{Computed: true, MarkdownDescription: "Status of the product (`open`, `closed`, ...)."},
			"offering": schema.StringAttribute{Computed: true, MarkdownDescription: "URL of the offering the product was ordered with. The API's product names " +
				"its product specification and billing cycle but no offering, so this is the offering of that specification whose billing period is " +
				"the product's billing cycle (the default one if several are); null when none fits."},
			"product_specification": schema.StringAttribute{Computed: true, MarkdownDescription: "Code of the product's specification."},
			"order_id": schema.StringAttribute{Computed: true, MarkdownDescription: "Always null: the API's product does not name the order that created it " +
				"(kept for compatibility; the `order_id` of a `cloudorder_hostway_vps` has it).", DeprecationMessage: "The Hostway API does not return the order of a product; this attribute is always null."},
			"services": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "Every service of the product, closed ones included, in the order the account lists them.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":            schema.StringAttribute{Computed: true, MarkdownDescription: "Id of the service."},
					"kind":          schema.StringAttribute{Computed: true, MarkdownDescription: "Family: `server`, `controlpanel`, `additional_memory`, `additional_disk`, `additional_bandwidth`, `ip`, `powerpack`, or null for others."},
					"specification": schema.StringAttribute{Computed: true, MarkdownDescription: "Code of the service specification."},
					"name":          schema.StringAttribute{Computed: true, MarkdownDescription: "Name of the service."},
					"billing_cycle": schema.Int64Attribute{Computed: true, MarkdownDescription: "Billing cycle in months."},
					"status":        schema.StringAttribute{Computed: true, MarkdownDescription: "Status of the service."},
					"related_to":    schema.StringAttribute{Computed: true, MarkdownDescription: "URL of the server service a child service belongs to; null for the server. The API does not return the relation: every VPS Virtuozzo child service belongs to the product's server (seed)."},
				}},
			},
		},
	}
}

func (d *productDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *productDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m productDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	account := m.AccountNumber.ValueString()
	if account == "" {
		account = d.client.Account().AccountNumber
	}
	if account == "" {
		resp.Diagnostics.AddAttributeError(path.Root("account_number"), "Missing account number",
			"The provider orders on new accounts (currency and language), so name the account to look in with account_number.")
		return
	}
	product, err := d.find(ctx, account, m)
	if err != nil {
		tfdiag.AddError(&resp.Diagnostics, "Could not find the Hostway product", err)
		return
	}
	services, err := d.client.ListServices(ctx, account, product.ID)
	if err != nil {
		tfdiag.AddError(&resp.Diagnostics, fmt.Sprintf("Could not list the services of Hostway product %s", product.ID), err)
		return
	}
	m.ID = types.StringValue(account + "/" + product.ID)
	m.AccountNumber = types.StringValue(account)
	m.ProductID = types.StringValue(product.ID)
	m.PartnerID = types.StringValue(product.PartnerID)
	m.DisplayName = types.StringValue(product.DisplayName)
	m.Status = types.StringValue(product.Status)
	m.Offering = types.StringNull()
	if spec, id, ok, err := d.client.OfferingOf(ctx, product); err != nil {
		tfdiag.AddError(&resp.Diagnostics, fmt.Sprintf("Could not list the offerings of %s", spec), err)
		return
	} else if ok {
		m.Offering = types.StringValue(d.client.OfferingURL(spec, id))
	}
	m.ProductSpecification = types.StringValue(product.SpecificationCode())
	// The product body names no order (api-reference §3a).
	m.OrderID = types.StringNull()
	// Nor does a service name what it is related to; every VPS Virtuozzo
	// service but the server is a child of the product's server (seed).
	server, _ := splitServices(services)
	m.Services = make([]productServiceItem, len(services))
	for i, s := range services {
		related := types.StringNull()
		if server != nil && s.ID != server.ID && !api.IsServerSpecification(s.SpecificationCode()) {
			if href := api.LinkHref(server.Links, "self"); href != "" {
				related = types.StringValue(href)
			}
		}
		m.Services[i] = productServiceItem{childModel: childFromAPI(s), RelatedTo: related}
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (d *productDataSource) find(ctx context.Context, account string, m productDataSourceModel) (*api.Product, error) {
	if id := m.ProductID.ValueString(); id != "" {
		return d.client.GetProduct(ctx, account, id)
	}
	if partner := m.PartnerID.ValueString(); partner != "" {
		p, err := d.client.LookupProductByPartnerID(ctx, account, partner)
		if err == nil && p == nil {
			err = fmt.Errorf("account %s has no product with partnerId %s", account, partner)
		}
		return p, err
	}
	name := m.DisplayName.ValueString()
	products, err := d.client.ListProducts(ctx, account, api.ProductFilter{DisplayName: name})
	if err != nil {
		return nil, err
	}
	var matches []api.Product
	for _, p := range products {
		if p.DisplayName == name {
			matches = append(matches, p)
		}
	}
	switch len(matches) {
	case 0:
		return nil, fmt.Errorf("account %s has no product named %q", account, name)
	case 1:
		return &matches[0], nil
	}
	return nil, fmt.Errorf("%d products of account %s are named %q; select one by product_id", len(matches), account, name)
}
