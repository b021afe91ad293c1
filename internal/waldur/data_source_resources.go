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
	_ datasource.DataSource              = (*listDataSource[resourcesDataSourceModel, api.MarketplaceResource])(nil)
	_ datasource.DataSourceWithConfigure = (*listDataSource[resourcesDataSourceModel, api.MarketplaceResource])(nil)
)

type resourcesDataSourceModel struct {
	listFilters
	Name      types.String `tfsdk:"name"`
	Resources types.List   `tfsdk:"resources"`
}

// NewResourcesDataSource is the cloudorder_waldur_resources data source.
func NewResourcesDataSource() datasource.DataSource {
	return &listDataSource[resourcesDataSourceModel, api.MarketplaceResource]{dataSource{typeSuffix: "_waldur_resources"}, listTable[resourcesDataSourceModel, api.MarketplaceResource]{
		description: "Lists Waldur marketplace resources that match all given filters, reading every page of the result.",
		filter: listFilter{
			noun:              "resources",
			states:            api.ResourceStates,
			statesDescription: "Only resources in one of these states (`Creating`, `OK`, `Erred`, `Updating`, `Terminating`, `Terminated`).",
			queryDescription:  "Free-text search by resource UUID, name or backend id.",
		},
		filters: map[string]schema.Attribute{
			"name": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only resources whose name contains this text (case-insensitive).",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
		},
		items:            "resources",
		itemsDescription: "The matching resources, oldest first.",
		itemAttributes:   resourceListItemAttributes(),
		itemAttrTypes:    resourceListItemAttrTypes,
		item:             resourceListItem,
		list: func(ctx context.Context, c *api.Client, m *resourcesDataSourceModel) ([]api.MarketplaceResource, diag.Diagnostics, error) {
			v, diags := m.values(ctx)
			if diags.HasError() {
				return nil, diags, nil
			}
			found, err := c.ListMarketplaceResources(ctx, api.ResourceListFilter{
				ProjectUUID: v.projectUUID, OfferingUUID: v.offeringUUID, CustomerUUID: v.customerUUID,
				States: v.states, Name: m.Name.ValueString(), Query: v.query,
			})
			return found, diags, err
		},
		listError: "Could not list Waldur marketplace resources",
		setItems:  func(m *resourcesDataSourceModel, items types.List) { m.Resources = items },
	}}
}

// resourceListItemAttributes are the attributes of an element of resources.
func resourceListItemAttributes() map[string]schema.Attribute {
	attrs := resourceStatusDataSourceAttributes()
	for k, v := range resourceDetailsAttributes() {
		attrs[k] = v
	}
	attrs["uuid"] = schema.StringAttribute{Computed: true, MarkdownDescription: "UUID of the marketplace resource."}
	attrs["name"] = schema.StringAttribute{Computed: true, MarkdownDescription: "Name of the resource."}
	return attrs
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
