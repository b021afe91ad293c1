// Package providerdata hands each backend's resources and data sources
// their API client from the provider data that Configure receives.
package providerdata

import (
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/tfdiag"
)

// Client returns a backend's client from the provider data of a Configure
// request (resource.ConfigureRequest.ProviderData and its data source and
// ephemeral twins).
//
// S is the small interface through which the backend reaches its client
// (for example waldur.ClientSource); the provider's data implements it, so
// the backend does not import the provider package. get asks S for the
// client, usually as a method expression; summary heads the error shown
// when get fails, whose text says which provider block is missing:
//
//	func clientFrom(providerData any, diags *diag.Diagnostics) *api.Client {
//		return providerdata.Client(providerData, diags, "Waldur is not configured", ClientSource.WaldurClient)
//	}
//
// While Terraform validates, the provider is not configured yet and
// providerData is nil: Client returns the zero C without diagnostics.
// Provider data that does not implement S is a bug in the provider, and
// reported as one.
func Client[S, C any](providerData any, diags *diag.Diagnostics, summary string, get func(S) (C, error)) C {
	var none C
	if providerData == nil {
		return none
	}
	src, ok := providerData.(S)
	if !ok {
		tfdiag.UnexpectedProviderData(diags, providerData)
		return none
	}
	c, err := get(src)
	if err != nil {
		diags.AddError(summary, err.Error())
		return none
	}
	return c
}
