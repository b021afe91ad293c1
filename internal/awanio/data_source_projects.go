package awanio

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/validate"
)

// NewProjectsDataSource is the cloudorder_awanio_projects data source.
var NewProjectsDataSource = newDataSource(&dataKind[projectsDataModel]{
	suffix:      "_awanio_projects",
	description: "Lists the Awanio projects the provider's user can see, optionally of one organization or with one name.",
	attributes:  projectsAttributes,
	read:        readProjects,
	failure:     readError("projects"),
})

func projectsAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
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
	}
}

func readProjects(ctx context.Context, client *api.Client, m *projectsDataModel, diags *diag.Diagnostics) error {
	projects, err := client.ListProjects(ctx)
	if err != nil {
		return err
	}
	keep := func(p *api.Project) bool {
		return (m.OrganizationUUID.IsNull() || sameUUID(p.OrganizationUUID(), m.OrganizationUUID.ValueString())) &&
			(m.Name.IsNull() || p.Name == m.Name.ValueString())
	}
	m.Projects = collect(projects, keep, func(p *api.Project) projectItemModel {
		var pm projectModel
		pm.fromAPI(p)
		return projectItemModel{
			UUID: pm.ID, Name: pm.Name, Slug: pm.Slug, OrganizationUUID: pm.OrganizationUUID, UserLevel: pm.UserLevel,
			Primary: types.BoolValue(p.ProjectMember != nil && bool(p.ProjectMember.IsDefault)), CreatedAt: pm.CreatedAt,
		}
	})
	return nil
}

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
