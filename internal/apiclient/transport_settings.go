package apiclient

import (
	"net/http"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/waiter"
)

// Transport is what a backend's client (the Config of waldur/api,
// awanio/api and hostway/api, which embed it) is configured with besides
// its own endpoint and credentials: how it sends, retries, paces and
// polls. The provider builds one and hands it to every backend, each with
// its own MaxRequestsPerSecond.
type Transport struct {
	// UserAgent defaults to "terraform-provider-cloudorder".
	UserAgent string
	// MaxRetries is the number of retries after the first attempt for
	// retryable failures; 0 disables retries.
	MaxRetries int
	// HTTPClient nil gives a dedicated client (NewHTTPClient).
	HTTPClient *http.Client
	// MinBackoff and MaxBackoff bound the transport's retry backoff; zero
	// means the apiclient defaults.
	MinBackoff, MaxBackoff time.Duration
	// MaxRequestsPerSecond limits every request of the backend's client
	// (0 means unlimited); 429 and 503 with Retry-After slow it down by
	// themselves.
	MaxRequestsPerSecond float64
	// Poll controls how waiters poll the backend's asynchronous objects.
	Poll waiter.Options
}
