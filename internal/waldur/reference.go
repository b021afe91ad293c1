package waldur

import "github.com/cloudorder/terraform-provider-cloudorder/internal/waldur/api"

// refSpelling returns the value to store for a reference read from the API:
// the prior spelling when it points to the same object (so there is no diff
// between a UUID in the configuration and the URL the API answers), otherwise
// the bare UUID taken from the API's hyperlink.
func refSpelling(kind api.RefKind, prior, apiValue string) string {
	if apiValue == "" {
		return ""
	}
	if prior != "" && api.SameRef(kind, prior, apiValue) {
		return prior
	}
	if id, err := api.ParseRef(kind, apiValue); err == nil {
		return id
	}
	return apiValue
}
