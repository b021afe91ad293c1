package awanio

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/tfdiag"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/validate"
)

var _ datasource.DataSourceWithConfigure = (*projectsDataSource)(nil)

// NewProjectsDataSource is the cloudorder_awanio_projects data source.
func NewProjectsDataSource() datasource.DataSource { return &projectsDataSource{} }

type projectsDataSource struct{ dataSourceBase }

type projectsDataModel struct {
	OrganizationUUID types.String       `tfsdk:"organization_uuid"`
	Name             types.String       `tfsdk:"name"`
	Projects         []projectItemModel `tfsdk:"projects"`
}

type projectItemModel struct {
	UUID             types.String `tfsdk:"uuid"`
	Name             types.String `tfsdk:"name"`
	Slug             types.String `tfsdk:"slug"`
	OrganizationUUID types.String `tfsdk:"organization_uuid"`
	UserLevel        types.Int64  `tfsdk:"user_level"`
	Primary          types.Bool   `tfsdk:"primary"`
	CreatedAt        types.String `tfsdk:"created_at"`
}

func (d *projectsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_awanio_projects"
}

func (d *projectsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the Awanio projects the provider's user can see, optionally of one organization or with one name.",
		Attributes: map[string]schema.Attribute{
			"organization_uuid": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only the projects of this organization (all organizations when omitted).",
				Validators:          []validator.String{validate.UUID()},
			},
			"name": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only the projects with exactly this name.",
			},
			"projects": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The projects, oldest first.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"uuid":              schema.StringAttribute{Computed: true, MarkdownDescription: "UUID of the project."},
					"name":              schema.StringAttribute{Computed: true, MarkdownDescription: "Name."},
					"slug":              schema.StringAttribute{Computed: true, MarkdownDescription: "URL-friendly name."},
					"organization_uuid": schema.StringAttribute{Computed: true, MarkdownDescription: "Organization of the project."},
					"user_level":        schema.Int64Attribute{Computed: true, MarkdownDescription: "Level of the provider's user in the project (null when not a member)."},
					"primary":           schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether it is the user's primary project."},
					"created_at":        schema.StringAttribute{Computed: true, MarkdownDescription: "When it was created (RFC 3339)."},
				}},
			},
		},
	}
	resp.Schema.MarkdownDescription += apiNotes["cloudorder_awanio_projects"]
}

func (d *projectsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m projectsDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	projects, err := d.client.ListProjects(ctx)
	if err != nil {
		tfdiag.AddError(&resp.Diagnostics, readError("projects"), err)
		return
	}
	m.Projects = []projectItemModel{}
	for i := range projects {
		p := &projects[i]
		if !m.OrganizationUUID.IsNull() && !sameUUIDString(p.OrganizationUUID(), m.OrganizationUUID.ValueString()) {
			continue
		}
		if !m.Name.IsNull() && p.Name != m.Name.ValueString() {
			continue
		}
		var pm projectModel
		pm.fromAPI(p)
		m.Projects = append(m.Projects, projectItemModel{
			UUID: pm.ID, Name: pm.Name, Slug: pm.Slug, OrganizationUUID: pm.OrganizationUUID, UserLevel: pm.UserLevel,
			Primary: types.BoolValue(p.ProjectMember != nil && bool(p.ProjectMember.IsDefault)), CreatedAt: pm.CreatedAt,
		})
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
