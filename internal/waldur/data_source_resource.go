package waldur

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/tfdiag"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waldur/api"
)

var (
	_ datasource.DataSource              = (*resourceDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*resourceDataSource)(nil)
)

// NewResourceDataSource is the cloudorder_waldur_resource data source.
func NewResourceDataSource() datasource.DataSource {
	return &resourceDataSource{dataSource{typeSuffix: "_waldur_resource"}}
}

type resourceDataSource struct{ dataSource }

// resourceDetails are the arguments of a marketplace resource as the API
// reports them; shared by both resource data sources.
type resourceDetails struct {
	Name        types.String `tfsdk:"name"`
	Description types.String `tfsdk:"description"`
	Offering    types.String `tfsdk:"offering"`
	Plan        types.String `tfsdk:"plan"`
	Attributes  types.String `tfsdk:"attributes"`
	Limits      types.Map    `tfsdk:"limits"`
	Endpoints   types.Map    `tfsdk:"endpoints"`
}

func resourceDetailsAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"description": schema.StringAttribute{Computed: true, MarkdownDescription: "Description of the resource."},
		"offering":    schema.StringAttribute{Computed: true, MarkdownDescription: "URL of the offering."},
		"plan":        schema.StringAttribute{Computed: true, MarkdownDescription: "URL of the current plan, if any."},
		"attributes":  schema.StringAttribute{Computed: true, MarkdownDescription: "Attributes of the resource as a JSON object; use `jsondecode()` to read them."},
		"limits":      schema.MapAttribute{Computed: true, ElementType: types.Int64Type, MarkdownDescription: "Component limits of the resource."},
		"endpoints":   schema.MapAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Access endpoints of the resource: name → URL."},
	}
}

func resourceDetailsAttrTypes() map[string]attr.Type {
	return map[string]attr.Type{
		"name": types.StringType, "description": types.StringType, "offering": types.StringType, "plan": types.StringType,
		"attributes": types.StringType, "limits": types.MapType{ElemType: types.Int64Type}, "endpoints": types.MapType{ElemType: types.StringType},
	}
}

func (d *resourceDetails) fill(r *api.MarketplaceResource) {
	d.Name = stringOrNull(r.Name)
	d.Description = stringOrNull(r.Description)
	d.Offering = stringOrNull(r.Offering)
	d.Plan = ptrOrNull(r.Plan)
	d.Attributes = types.StringNull()
	if obj, err := decodeObject(r.Attributes); err == nil && obj != nil {
		if enc, err := encodeObject(obj); err == nil {
			d.Attributes = types.StringValue(enc.ValueString())
		}
	}
	d.Limits = limitsToTF(types.MapNull(types.Int64Type), r.Limits)
	if d.Limits.IsNull() {
		d.Limits = types.MapValueMust(types.Int64Type, map[string]attr.Value{})
	}
	eps := make(map[string]attr.Value, len(r.Endpoints))
	for _, e := range r.Endpoints {
		eps[e.Name] = types.StringValue(e.URL)
	}
	d.Endpoints = types.MapValueMust(types.StringType, eps)
}

func (d resourceDetails) attrValues() map[string]attr.Value {
	return map[string]attr.Value{
		"name": d.Name, "description": d.Description, "offering": d.Offering, "plan": d.Plan,
		"attributes": d.Attributes, "limits": d.Limits, "endpoints": d.Endpoints,
	}
}

type resourceDataSourceModel struct {
	ID      types.String `tfsdk:"id"`
	UUID    types.String `tfsdk:"uuid"`
	Project types.String `tfsdk:"project"`
	resourceDetails
	resourceStatus
}

func (d *resourceDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := map[string]schema.Attribute{
		"id": schema.StringAttribute{Computed: true, MarkdownDescription: "UUID of the marketplace resource."},
		"uuid": schema.StringAttribute{
			Optional:            true,
			Computed:            true,
			MarkdownDescription: "UUID of the marketplace resource to read (with or without dashes). Give either `uuid`, or `name` and `project`.",
			Validators: []validator.String{
				uuidValidator(),
				stringvalidator.ExactlyOneOf(path.MatchRoot("uuid"), path.MatchRoot("name")),
			},
		},
		"name": schema.StringAttribute{
			Optional:            true,
			Computed:            true,
			MarkdownDescription: "Exact name of the resource to read, within `project`. Terminated resources are not considered; two live resources of one name are an error.",
			Validators: []validator.String{
				stringvalidator.LengthAtLeast(1),
				stringvalidator.AlsoRequires(path.MatchRoot("project")),
			},
		},
		"project": schema.StringAttribute{
			Optional:            true,
			Computed:            true,
			MarkdownDescription: "Project to look for `name` in: its UUID or URL. Set from the resource when reading by `uuid`.",
			Validators:          []validator.String{refValidator(api.RefProject)},
		},
	}
	for k, v := range resourceDetailsAttributes() {
		attrs[k] = v
	}
	for k, v := range resourceStatusDataSourceAttributes() {
		attrs[k] = v
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one Waldur marketplace resource, by UUID or by name within a project, for example a " +
			"Kubernetes cluster ordered outside Terraform.",
		Attributes: attrs,
	}
}

func (d *resourceDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m resourceDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var res *api.MarketplaceResource
	if !m.UUID.IsNull() {
		id, _ := api.NormalizeUUID(m.UUID.ValueString())
		r, err := d.client.GetMarketplaceResource(ctx, id)
		if apiclient.IsNotFound(err) {
			resp.Diagnostics.AddAttributeError(path.Root("uuid"), "Marketplace resource not found",
				fmt.Sprintf("Waldur has no marketplace resource %s that this token can see.", id))
			return
		}
		if err != nil {
			tfdiag.AddError(&resp.Diagnostics, "Could not read the Waldur marketplace resource", err)
			return
		}
		res = r
	} else {
		r, err := d.findByName(ctx, m.Name.ValueString(), m.Project.ValueString())
		if err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("name"), "Could not find the Waldur marketplace resource", err.Error())
			return
		}
		res = r
	}
	m.ID = types.StringValue(res.UUID)
	m.UUID = types.StringValue(res.UUID)
	m.Project = types.StringValue(refSpelling(api.RefProject, m.Project.ValueString(), firstNonEmpty(res.Project, res.ProjectUUID)))
	m.resourceDetails.fill(res)
	m.resourceStatus.fill(res)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// findByName returns the one live resource of this name in the project.
func (d *resourceDataSource) findByName(ctx context.Context, name, project string) (*api.MarketplaceResource, error) {
	projectUUID, err := api.ParseRef(api.RefProject, project)
	if err != nil {
		return nil, err
	}
	all, err := d.client.ListMarketplaceResources(ctx, api.ResourceListFilter{ProjectUUID: projectUUID, NameExact: name})
	if err != nil {
		return nil, err
	}
	var live []api.MarketplaceResource
	for _, r := range all {
		if r.State != api.ResourceTerminated && r.Name == name {
			live = append(live, r)
		}
	}
	switch len(live) {
	case 0:
		return nil, fmt.Errorf("project %s has no marketplace resource named %q (terminated ones are not considered)", projectUUID, name)
	case 1:
		return &live[0], nil
	}
	uuids := make([]string, len(live))
	for i, r := range live {
		uuids[i] = r.UUID
	}
	return nil, fmt.Errorf("project %s has %d marketplace resources named %q (%s): read one by its uuid instead", projectUUID, len(live), name, strings.Join(uuids, ", "))
}
