package provider

import (
	"errors"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/waldur"
)

// Data is what Configure hands to resources and data sources: one client
// per configured backend. Backend packages reach their client through small
// interfaces (waldur.ClientSource), so they do not import this package.
type Data struct {
	waldur            *waldur.Client
	awanioConfigured  bool
	hostwayConfigured bool
}

var _ waldur.ClientSource = (*Data)(nil)

var errWaldurNotConfigured = errors.New(`this resource needs the "waldur" block in the provider configuration, which is missing. Add it:

  provider "cloudorder" {
    waldur {
      endpoint = "https://waldur.example.com"
      token    = var.waldur_token
    }
  }

or set the environment variables CLOUDORDER_WALDUR_ENDPOINT and CLOUDORDER_WALDUR_TOKEN`)

// WaldurClient returns the Waldur client, or says which block is missing.
func (d *Data) WaldurClient() (*waldur.Client, error) {
	if d.waldur == nil {
		return nil, errWaldurNotConfigured
	}
	return d.waldur, nil
}
