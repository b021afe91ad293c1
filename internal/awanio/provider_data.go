package awanio

import (
	"errors"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/providerdata"
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
	return providerdata.Client(providerData, diags, "Awanio is not configured", awanioClient)
}

// awanioClient asks src for the client; its error is shown as a sentence,
// like every Awanio diagnostic.
func awanioClient(src ClientSource) (*api.Client, error) {
	c, err := src.AwanioClient()
	if err != nil {
		return nil, errors.New(sentence(err.Error()))
	}
	return c, nil
}
