package awanio

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
)

// NewCataloguesDataSource is the cloudorder_awanio_catalogues data source.
var NewCataloguesDataSource = newDataSource(&dataKind[cataloguesDataModel]{
	suffix: "_awanio_catalogues",
	description: "Lists Awanio's catalogue: the images (operating systems) that virtual machines (`service = \"compute\"`) " +
		"and baremetal servers (`service = \"baremetal\"`) can run. Their UUIDs are the `catalogue_uuid` of those resources.",
	args: map[string]schema.Attribute{
		"service": filterArg("Only entries of this service, for example `compute` or `baremetal` (compared without regard to case)."),
		"group":   filterArg("Only entries of this group, for example `Ubuntu` (compared without regard to case)."),
		"name":    filterArg("Only the entries with exactly this name, for example `Ubuntu Server 22.04 LTS`."),
	},
	results: catalogueResults,
	read:    readCatalogues,
	failure: readError("catalogues"),
})

var catalogueResults = &results[api.Catalogue]{"catalogues", "The matching entries.", []column[api.Catalogue]{
	uuidCol("UUID of the entry: a `catalogue_uuid`.", func(c *api.Catalogue) string { return c.UUID }),
	apiTextCol("slug", "Slug, for example `ubuntu-server-22-04`.", func(c *api.Catalogue) api.String { return c.Slug }),
	apiTextCol("name", "Name.", func(c *api.Catalogue) api.String { return c.Name }),
	apiTextCol("type", "Type, for example `os`.", func(c *api.Catalogue) api.String { return c.Type }),
	apiTextCol("group", "Group, for example `Ubuntu`.", func(c *api.Catalogue) api.String { return c.Group }),
	apiTextCol("service", "`compute` (VMs) or `baremetal`.", func(c *api.Catalogue) api.String { return c.Service }),
	apiIntCol("min_storage_gb", "Smallest disk the image fits on, in GB.", func(c *api.Catalogue) api.Int { return c.MinStorageGB }),
	apiTextCol("visibility", "Visibility, for example `public`.", func(c *api.Catalogue) api.String { return c.Visibility }),
}}

func readCatalogues(ctx context.Context, client *api.Client, m *cataloguesDataModel, _ *diag.Diagnostics) error {
	cats, err := client.ListCatalogues(ctx)
	if err != nil {
		return err
	}
	m.Catalogues = catalogueResults.filtered(cats, func(c *api.Catalogue) bool {
		return matchesFold(m.Service, string(c.Service)) && matchesFold(m.Group, string(c.Group)) && matches(m.Name, string(c.Name))
	})
	return nil
}

type cataloguesDataModel struct {
	Service    types.String `tfsdk:"service"`
	Group      types.String `tfsdk:"group"`
	Name       types.String `tfsdk:"name"`
	Catalogues types.List   `tfsdk:"catalogues"`
}
