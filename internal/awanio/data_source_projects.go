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
	args: map[string]schema.Attribute{
		"organization_uuid": uuidFilterArg("Only the projects of this organization (all organizations when omitted)."),
		"name":              filterArg("Only the projects with exactly this name."),
	},
	results: projectResults,
	read:    readProjects,
	failure: readError("projects"),
})

// The projects are listed as the resource reads them.
var projectResults = &results[projectModel]{"projects", "The projects, oldest first.", []column[projectModel]{
	textCol("uuid", "UUID of the project.", func(p *projectModel) types.String { return p.ID }),
	textCol("name", "Name.", func(p *projectModel) types.String { return p.Name }),
	textCol("slug", "URL-friendly name.", func(p *projectModel) types.String { return p.Slug }),
	textCol("organization_uuid", "Organization of the project.", func(p *projectModel) types.String { return p.OrganizationUUID }),
	int64Col("user_level", "Level of the provider's user in the project (null when not a member).", func(p *projectModel) types.Int64 { return p.UserLevel }),
	boolCol("primary", "Whether it is the user's primary project.", func(p *projectModel) types.Bool { return p.Primary }),
	textCol("created_at", "When it was created (RFC 3339).", func(p *projectModel) types.String { return p.CreatedAt }),
}}

func readProjects(ctx context.Context, client *api.Client, m *projectsDataModel, _ *diag.Diagnostics) error {
	projects, err := client.ListProjects(ctx)
	if err != nil {
		return err
	}
	keep := func(p *api.Project) bool {
		return (m.OrganizationUUID.IsNull() || sameUUID(p.OrganizationUUID(), m.OrganizationUUID.ValueString())) &&
			matches(m.Name, p.Name)
	}
	m.Projects = projectResults.value(collect(projects, keep, func(p *api.Project) (pm projectModel) {
		pm.fromAPI(p)
		pm.Primary = types.BoolValue(p.ProjectMember != nil && bool(p.ProjectMember.IsDefault))
		return pm
	}))
	return nil
}

type projectsDataModel struct {
	OrganizationUUID types.String `tfsdk:"organization_uuid"`
	Name             types.String `tfsdk:"name"`
	Projects         types.List   `tfsdk:"projects"`
}
