package hostway

import (
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/hostway/api"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/providerdata"
)

// ClientSource is implemented by the provider's data. It hands out the
// Hostway client, or an error that names the missing provider block when
// Hostway is not configured.
type ClientSource interface {
	HostwayClient() (*api.Client, error)
}

// clientFrom returns the Hostway client from a Configure request's provider
// data. It returns nil without diagnostics while Terraform validates (the
// provider is not configured yet).
func clientFrom(providerData any, diags *diag.Diagnostics) *api.Client {
	return providerdata.Client(providerData, diags, "Hostway is not configured", ClientSource.HostwayClient)
}
