package awanio

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
)

// Shared pieces of the Awanio data sources.

// dataSourceBase is embedded by every Awanio data source: Configure hands
// it the client.
type dataSourceBase struct{ client *api.Client }

func (d *dataSourceBase) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

// orgOrDefault returns the configured organization or the provider's
// default, or adds an error naming both.
func (d *dataSourceBase) orgOrDefault(v types.String, resp *datasource.ReadResponse) string {
	if s := v.ValueString(); s != "" {
		id, _ := canonicalUUID(s)
		return id
	}
	if def := d.client.DefaultOrganizationUUID(); def != "" {
		id, _ := canonicalUUID(def)
		return id
	}
	resp.Diagnostics.AddAttributeError(path.Root("organization_uuid"), "Missing organization_uuid",
		"Set organization_uuid in this data source, or a default organization_uuid in the provider's awanio block (CLOUDORDER_AWANIO_ORGANIZATION_UUID).")
	return ""
}

func float64Value(f api.Float) types.Float64 { return types.Float64Value(float64(f)) }

func int64Value(n api.Int) types.Int64 { return types.Int64Value(int64(n)) }

func str(s api.String) types.String { return stringOrNull(string(s)) }

// readError is the summary of a failed list.
func readError(what string) string { return fmt.Sprintf("Could not list Awanio %s", what) }
