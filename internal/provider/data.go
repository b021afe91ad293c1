package provider

import (
	"errors"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/hostway"
	hostwayapi "github.com/cloudorder/terraform-provider-cloudorder/internal/hostway/api"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waldur"
	waldurapi "github.com/cloudorder/terraform-provider-cloudorder/internal/waldur/api"
)

// Data is what Configure hands to resources and data sources: one client
// per configured backend. Backend packages reach their client through small
// interfaces (waldur.ClientSource), so they do not import this package.
type Data struct {
	waldur  *waldurapi.Client
	awanio  *awanio.Client
	hostway *hostwayapi.Client
}

var (
	_ waldur.ClientSource  = (*Data)(nil)
	_ awanio.ClientSource  = (*Data)(nil)
	_ hostway.ClientSource = (*Data)(nil)
)

var errWaldurNotConfigured = errors.New(`this resource needs the "waldur" block in the provider configuration, which is missing. Add it:

  provider "cloudorder" {
    waldur {
      endpoint = "https://waldur.example.com"
      token    = var.waldur_token
    }
  }

or set the environment variables CLOUDORDER_WALDUR_ENDPOINT and CLOUDORDER_WALDUR_TOKEN`)

// WaldurClient returns the Waldur client, or says which block is missing.
func (d *Data) WaldurClient() (*waldurapi.Client, error) {
	if d.waldur == nil {
		return nil, errWaldurNotConfigured
	}
	return d.waldur, nil
}

var errAwanioNotConfigured = errors.New(`this resource needs the "awanio" block in the provider configuration, which is missing. Add it:

  provider "cloudorder" {
    awanio {
      endpoint = "https://api.example.awan.io/v2"
      token    = var.awanio_token # or username and password
    }
  }

or set the environment variables CLOUDORDER_AWANIO_ENDPOINT and CLOUDORDER_AWANIO_TOKEN
(or CLOUDORDER_AWANIO_USERNAME and CLOUDORDER_AWANIO_PASSWORD)`)

// AwanioClient returns the Awanio client, or says which block is missing.
func (d *Data) AwanioClient() (*awanio.Client, error) {
	if d.awanio == nil {
		return nil, errAwanioNotConfigured
	}
	return d.awanio, nil
}

var errHostwayNotConfigured = errors.New(`this resource needs the "hostway" block in the provider configuration, which is missing. Add it:

  provider "cloudorder" {
    hostway {
      username       = "user@partner"
      password       = var.hostway_password
      account_number = "acct123456"
    }
  }

or set the environment variables CLOUDORDER_HOSTWAY_USERNAME, CLOUDORDER_HOSTWAY_PASSWORD and
CLOUDORDER_HOSTWAY_ACCOUNT_NUMBER (or CLOUDORDER_HOSTWAY_CURRENCY and CLOUDORDER_HOSTWAY_LANGUAGE
for a new account per order); CLOUDORDER_HOSTWAY_ENDPOINT defaults to https://api.hostway.com`)

// HostwayClient returns the Hostway client, or says which block is missing.
func (d *Data) HostwayClient() (*hostwayapi.Client, error) {
	if d.hostway == nil {
		return nil, errHostwayNotConfigured
	}
	return d.hostway, nil
}
