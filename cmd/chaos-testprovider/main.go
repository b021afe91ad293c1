// Command chaos-testprovider is the provider as the chaos suite runs it: the same
// provider as the real binary, built with test settings that a user cannot
// set. Waiters poll every few milliseconds and retries back off briefly, so
// a suite of many applies stays within its time budget; each request waits
// at most RequestTimeout for the answer's headers (the real binary waits two
// minutes), so that the suite can hold a response past the client's timeout
// without making every test slow.
package main

import (
	"context"
	"log"
	"net/http"
	"os"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/provider"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waiter"
)

// RequestTimeout is how long one attempt waits for the answer's headers;
// the chaos suite's slow responses take longer (see chaos.SlowResponse).
const RequestTimeout = time.Second

// RequestTimeoutEnv overrides RequestTimeout (a Go duration). The SIGKILL
// test holds a create in the mock until it kills terraform: a client that
// gave up on it after a second would send the create again meanwhile, and
// that attempt would create the object before the kill.
const RequestTimeoutEnv = "CLOUDORDER_CHAOS_REQUEST_TIMEOUT"

func requestTimeout() time.Duration {
	if d, err := time.ParseDuration(os.Getenv(RequestTimeoutEnv)); err == nil && d > 0 {
		return d
	}
	return RequestTimeout
}

func main() {
	hc := apiclient.NewHTTPClient()
	tr, ok := hc.Transport.(*http.Transport)
	if !ok {
		log.Fatalf("apiclient.NewHTTPClient has a %T transport; want *http.Transport", hc.Transport)
	}
	tr.ResponseHeaderTimeout = requestTimeout()
	p := provider.New("0.0.0-chaos",
		provider.WithPollOptions(waiter.Options{MinInterval: 20 * time.Millisecond, MaxInterval: 200 * time.Millisecond, Multiplier: 2, Jitter: 0.1}),
		provider.WithRetryBackoff(10*time.Millisecond, 100*time.Millisecond),
		provider.WithHTTPClient(hc),
	)
	err := providerserver.Serve(context.Background(), p, providerserver.ServeOpts{
		Address:         "registry.terraform.io/cloudorder/cloudorder",
		ProtocolVersion: 6,
	})
	if err != nil {
		log.Fatal(err)
	}
}
