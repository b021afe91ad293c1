package hostway

import (
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/hostway/api"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/tfdiag"
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
	if providerData == nil {
		return nil
	}
	src, ok := providerData.(ClientSource)
	if !ok {
		tfdiag.UnexpectedProviderData(diags, providerData)
		return nil
	}
	c, err := src.HostwayClient()
	if err != nil {
		diags.AddError("Hostway is not configured", err.Error())
		return nil
	}
	return c
}
