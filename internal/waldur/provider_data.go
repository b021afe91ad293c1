package waldur

import (
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/providerdata"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waldur/api"
)

// ClientSource is implemented by the provider's data. It hands out the
// Waldur client, or an error that names the missing provider block when
// Waldur is not configured.
type ClientSource interface {
	WaldurClient() (*api.Client, error)
}

// clientFrom returns the Waldur client from a Configure request's provider
// data. It returns nil without diagnostics while Terraform validates (the
// provider is not configured yet).
func clientFrom(providerData any, diags *diag.Diagnostics) *api.Client {
	return providerdata.Client(providerData, diags, "Waldur is not configured", ClientSource.WaldurClient)
}
