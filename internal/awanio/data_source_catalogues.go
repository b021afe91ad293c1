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
	attributes: cataloguesAttributes,
	read:       readCatalogues,
	failure:    readError("catalogues"),
})

func cataloguesAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"service": filterArg("Only entries of this service, for example `compute` or `baremetal` (compared without regard to case)."),
		"group":   filterArg("Only entries of this group, for example `Ubuntu` (compared without regard to case)."),
		"name":    filterArg("Only the entries with exactly this name, for example `Ubuntu Server 22.04 LTS`."),
		"catalogues": resultList("The matching entries.", map[string]schema.Attribute{
			"uuid":           listedString("UUID of the entry: a `catalogue_uuid`."),
			"slug":           listedString("Slug, for example `ubuntu-server-22-04`."),
			"name":           listedString("Name."),
			"type":           listedString("Type, for example `os`."),
			"group":          listedString("Group, for example `Ubuntu`."),
			"service":        listedString("`compute` (VMs) or `baremetal`."),
			"min_storage_gb": listedInt64("Smallest disk the image fits on, in GB."),
			"visibility":     listedString("Visibility, for example `public`."),
		}),
	}
}

func readCatalogues(ctx context.Context, client *api.Client, m *cataloguesDataModel, diags *diag.Diagnostics) error {
	cats, err := client.ListCatalogues(ctx)
	if err != nil {
		return err
	}
	keep := func(c *api.Catalogue) bool {
		return matchesFold(m.Service, string(c.Service)) && matchesFold(m.Group, string(c.Group)) && matches(m.Name, string(c.Name))
	}
	m.Catalogues = collect(cats, keep, func(c *api.Catalogue) catalogueItemModel {
		return catalogueItemModel{
			UUID: types.StringValue(c.UUID), Slug: str(c.Slug), Name: str(c.Name), Type: str(c.Type), Group: str(c.Group),
			Service: str(c.Service), MinStorageGB: int64Value(c.MinStorageGB), Visibility: str(c.Visibility),
		}
	})
	return nil
}

type cataloguesDataModel struct {
	Service    types.String         `tfsdk:"service"`
	Group      types.String         `tfsdk:"group"`
	Name       types.String         `tfsdk:"name"`
	Catalogues []catalogueItemModel `tfsdk:"catalogues"`
}

type catalogueItemModel struct {
	UUID         types.String `tfsdk:"uuid"`
	Slug         types.String `tfsdk:"slug"`
	Name         types.String `tfsdk:"name"`
	Type         types.String `tfsdk:"type"`
	Group        types.String `tfsdk:"group"`
	Service      types.String `tfsdk:"service"`
	MinStorageGB types.Int64  `tfsdk:"min_storage_gb"`
	Visibility   types.String `tfsdk:"visibility"`
}
