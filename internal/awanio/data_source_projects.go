package awanio

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
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
		"organization_uuid": uuidFilterArg("Only the projects of this organization (all organizations when omitted)."),
		"name":              filterArg("Only the projects with exactly this name."),
		"projects": resultList("The projects, oldest first.", map[string]schema.Attribute{
			"uuid":              listedString("UUID of the project."),
			"name":              listedString("Name."),
			"slug":              listedString("URL-friendly name."),
			"organization_uuid": listedString("Organization of the project."),
			"user_level":        listedInt64("Level of the provider's user in the project (null when not a member)."),
			"primary":           listedBool("Whether it is the user's primary project."),
			"created_at":        listedString("When it was created (RFC 3339)."),
		}),
	}
}

func readProjects(ctx context.Context, client *api.Client, m *projectsDataModel, diags *diag.Diagnostics) error {
	projects, err := client.ListProjects(ctx)
	if err != nil {
		return err
	}
	keep := func(p *api.Project) bool {
		return (m.OrganizationUUID.IsNull() || sameUUID(p.OrganizationUUID(), m.OrganizationUUID.ValueString())) &&
			matches(m.Name, p.Name)
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
