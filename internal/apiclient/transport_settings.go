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

// NewScheduler is the one scheduler of backend's requests, at
// MaxRequestsPerSecond.
func (t Transport) NewScheduler(backend string) (*Scheduler, error) {
	return NewScheduler(SchedulerConfig{Backend: backend, MaxRate: t.MaxRequestsPerSecond})
}

// ClientConfig is the Config of a Client of backend at baseURL that sends,
// retries and paces as t says, through sched; the backend adds its
// credentials, error decoding and secrets.
func (t Transport) ClientConfig(baseURL, backend string, sched *Scheduler) Config {
	return Config{
		BaseURL:    baseURL,
		Backend:    backend,
		HTTPClient: t.HTTPClient,
		UserAgent:  t.UserAgent,
		MaxRetries: t.MaxRetries,
		MinBackoff: t.MinBackoff,
		MaxBackoff: t.MaxBackoff,
		Scheduler:  sched,
	}
}
