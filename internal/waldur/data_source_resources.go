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
	_ datasource.DataSource              = (*resourcesDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*resourcesDataSource)(nil)
)

// NewResourcesDataSource is the cloudorder_waldur_resources data source.
func NewResourcesDataSource() datasource.DataSource { return &resourcesDataSource{} }

type resourcesDataSource struct{ client *api.Client }

type resourcesDataSourceModel struct {
	Project      types.String `tfsdk:"project"`
	Offering     types.String `tfsdk:"offering"`
	CustomerUUID types.String `tfsdk:"customer_uuid"`
	States       types.List   `tfsdk:"states"`
	Name         types.String `tfsdk:"name"`
	Query        types.String `tfsdk:"query"`
	Resources    types.List   `tfsdk:"resources"`
}

func (d *resourcesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_waldur_resources"
}

func resourceListItemAttrTypes() map[string]attr.Type {
	t := resourceStatusAttrTypes()
	for k, v := range resourceDetailsAttrTypes() {
		t[k] = v
	}
	t["uuid"] = types.StringType
	return t
}

func (d *resourcesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	itemAttrs := resourceStatusDataSourceAttributes()
	for k, v := range resourceDetailsAttributes() {
		itemAttrs[k] = v
	}
	itemAttrs["uuid"] = schema.StringAttribute{Computed: true, MarkdownDescription: "UUID of the marketplace resource."}
	itemAttrs["name"] = schema.StringAttribute{Computed: true, MarkdownDescription: "Name of the resource."}

	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists Waldur marketplace resources that match all given filters, reading every page of the result.",
		Attributes: map[string]schema.Attribute{
			"project": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only resources of this project (UUID or URL).",
				Validators:          []validator.String{refValidator(api.RefProject)},
			},
			"offering": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only resources of this offering (UUID or URL).",
				Validators:          []validator.String{refValidator(api.RefOffering)},
			},
			"customer_uuid": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only resources of projects of this organization (customer).",
				Validators:          []validator.String{uuidValidator()},
			},
			"states": schema.ListAttribute{
				Optional:            true,
				ElementType:         types.StringType,
				MarkdownDescription: "Only resources in one of these states (`Creating`, `OK`, `Erred`, `Updating`, `Terminating`, `Terminated`).",
				Validators:          []validator.List{listvalidator.ValueStringsAre(stringvalidator.OneOf(api.ResourceStates...))},
			},
			"name": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only resources whose name contains this text (case-insensitive).",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"query": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Free-text search by resource UUID, name or backend id.",
			},
			"resources": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The matching resources, oldest first.",
				NestedObject:        schema.NestedAttributeObject{Attributes: itemAttrs},
			},
		},
	}
}

func (d *resourcesDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
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
	found, err := d.client.ListMarketplaceResources(ctx, filter)
	if err != nil {
		tfdiag.AddError(&resp.Diagnostics, "Could not list Waldur marketplace resources", err)
		return
	}
	itemType := types.ObjectType{AttrTypes: resourceListItemAttrTypes()}
	items := make([]attr.Value, 0, len(found))
	for i := range found {
		r := &found[i]
		var st resourceStatus
		st.fill(r)
		var det resourceDetails
		det.fill(r)
		vals := st.attrValues()
		for k, v := range det.attrValues() {
			vals[k] = v
		}
		vals["uuid"] = types.StringValue(r.UUID)
		obj, diags := types.ObjectValue(itemType.AttrTypes, vals)
		resp.Diagnostics.Append(diags...)
		items = append(items, obj)
	}
	list, diags := types.ListValue(itemType, items)
	resp.Diagnostics.Append(diags...)
	m.Resources = list
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (m resourcesDataSourceModel) filter(ctx context.Context) (api.ResourceListFilter, diag.Diagnostics) {
	var diags diag.Diagnostics
	var f api.ResourceListFilter
	if v := m.Project.ValueString(); v != "" {
		f.ProjectUUID, _ = api.ParseRef(api.RefProject, v)
	}
	if v := m.Offering.ValueString(); v != "" {
		f.OfferingUUID, _ = api.ParseRef(api.RefOffering, v)
	}
	if v := m.CustomerUUID.ValueString(); v != "" {
		f.CustomerUUID, _ = api.NormalizeUUID(v)
	}
	f.Name = m.Name.ValueString()
	f.Query = m.Query.ValueString()
	if !m.States.IsNull() {
		diags.Append(m.States.ElementsAs(ctx, &f.States, false)...)
	}
	return f, diags
}
