package awanio

import (
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/tfdiag"
)

// ClientSource is implemented by the provider's data. It hands out the
// Awanio client (logged in, with the provider-level default organization
// and project), or an error that names the missing provider block and its
// environment variables when Awanio is not configured.
type ClientSource interface {
	AwanioClient() (*api.Client, error)
}

// clientFrom returns the Awanio client from a Configure request's provider
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
	c, err := src.AwanioClient()
	if err != nil {
		diags.AddError("Awanio is not configured", sentence(err.Error()))
		return nil
	}
	return c
}
