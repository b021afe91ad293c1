package apiclient

import (
	"errors"
	"net/http"
)

// Refused reports whether err is the API's own answer that it did not act
// on a request: a 4xx (other than 408 and 429, which retries handle)
// whose answer arrived. Anything else (a 5xx, a lost connection, a
// cancelled context) may have left the request processed.
func Refused(err error) bool {
	var ae *APIError
	return errors.As(err, &ae) && !MayHaveBeenProcessed(err) &&
		ae.StatusCode >= http.StatusBadRequest && ae.StatusCode < http.StatusInternalServerError &&
		ae.StatusCode != http.StatusRequestTimeout && ae.StatusCode != http.StatusTooManyRequests
}
