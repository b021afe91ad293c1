package waldur

import (
	"context"

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
	_ datasource.DataSource              = (*resourcesDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*resourcesDataSource)(nil)
)

// NewResourcesDataSource is the cloudorder_waldur_resources data source.
func NewResourcesDataSource() datasource.DataSource {
	return &resourcesDataSource{dataSource{typeSuffix: "_waldur_resources"}}
}

type resourcesDataSource struct{ dataSource }

type resourcesDataSourceModel struct {
	listFilters
	Name      types.String `tfsdk:"name"`
	Resources types.List   `tfsdk:"resources"`
}

func resourceListItemAttrTypes() map[string]attr.Type {
	t := resourceStatusAttrTypes()
	for k, v := range resourceDetailsAttrTypes() {
		t[k] = v
	}
	t["uuid"] = types.StringType
	return t
}

// resourceListItem is the element of resources that shows r.
func resourceListItem(r *api.MarketplaceResource) map[string]attr.Value {
	var st resourceStatus
	st.fill(r)
	var det resourceDetails
	det.fill(r)
	vals := st.attrValues()
	for k, v := range det.attrValues() {
		vals[k] = v
	}
	vals["uuid"] = types.StringValue(r.UUID)
	return vals
}

func (d *resourcesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	itemAttrs := resourceStatusDataSourceAttributes()
	for k, v := range resourceDetailsAttributes() {
		itemAttrs[k] = v
	}
	itemAttrs["uuid"] = schema.StringAttribute{Computed: true, MarkdownDescription: "UUID of the marketplace resource."}
	itemAttrs["name"] = schema.StringAttribute{Computed: true, MarkdownDescription: "Name of the resource."}

	attrs := listFilter{
		noun:              "resources",
		states:            api.ResourceStates,
		statesDescription: "Only resources in one of these states (`Creating`, `OK`, `Erred`, `Updating`, `Terminating`, `Terminated`).",
		queryDescription:  "Free-text search by resource UUID, name or backend id.",
	}.attributes()
	attrs["name"] = schema.StringAttribute{
		Optional:            true,
		MarkdownDescription: "Only resources whose name contains this text (case-insensitive).",
		Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
	}
	attrs["resources"] = schema.ListNestedAttribute{
		Computed:            true,
		MarkdownDescription: "The matching resources, oldest first.",
		NestedObject:        schema.NestedAttributeObject{Attributes: itemAttrs},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists Waldur marketplace resources that match all given filters, reading every page of the result.",
		Attributes:          attrs,
	}
}

func (d *resourcesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m resourcesDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	filter, diags := m.filter(ctx)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	m.Resources = objectList(&resp.Diagnostics, "Could not list Waldur marketplace resources",
		func() ([]api.MarketplaceResource, error) { return d.client.ListMarketplaceResources(ctx, filter) },
		resourceListItemAttrTypes(), resourceListItem)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (m resourcesDataSourceModel) filter(ctx context.Context) (api.ResourceListFilter, diag.Diagnostics) {
	v, diags := m.values(ctx)
	return api.ResourceListFilter{
		ProjectUUID: v.projectUUID, OfferingUUID: v.offeringUUID, CustomerUUID: v.customerUUID,
		States: v.states, Name: m.Name.ValueString(), Query: v.query,
	}, diags
}
