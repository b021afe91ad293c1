package provider_test

import (
	"bytes"
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
	waldurapi "github.com/cloudorder/terraform-provider-cloudorder/internal/waldur/api"
)

// TestAccProvider_maxRequestsPerSecondValidation: 0, a negative rate or a
// bad environment value fails at plan, naming the setting and the fix.
func TestAccProvider_maxRequestsPerSecondValidation(t *testing.T) {
	env := acctest.NewEnv(t)
	waldur := func(rate string) string {
		return fmt.Sprintf("waldur {\n endpoint = %q\n token = %q\n%s\n}\n", env.URL, env.Seed.Token, rate)
	}
	steps := []resource.TestStep{
		{
			Config:      fmt.Sprintf("provider \"cloudorder\" {\n%s}\n", waldur("max_requests_per_second = 0")) + ordersQuery(env),
			ExpectError: acctest.ExpectError("waldur.max_requests_per_second must be greater than 0, got 0", "remove waldur.max_requests_per_second for no limit"),
		},
		{
			Config: fmt.Sprintf("provider \"cloudorder\" {\n%s\nhostway {\n username = \"u@partner\"\n password = \"p\"\n account_number = \"1\"\n max_requests_per_second = -2.5\n}\n}\n",
				waldur("")) + ordersQuery(env),
			ExpectError: acctest.ExpectError("hostway.max_requests_per_second must be greater than 0, got -2.5"),
		},
		{
			PreConfig: func() { t.Setenv("CLOUDORDER_WALDUR_MAX_REQUESTS_PER_SECOND", "fast") },
			Config:    fmt.Sprintf("provider \"cloudorder\" {\n%s}\n", waldur("")) + ordersQuery(env),
			ExpectError: acctest.ExpectError("CLOUDORDER_WALDUR_MAX_REQUESTS_PER_SECOND is not a number",
				"or unset it for no limit"),
		},
	}
	t.Setenv("CLOUDORDER_WALDUR_MAX_REQUESTS_PER_SECOND", "")
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(), Steps: steps})
}

// TestAccProvider_maxRequestsPerSecondHeld plans 16 reads with a limit of
// 4 per second in one terraform run (one provider process) and checks
// the arrival times in the mock's request log: no more than the burst
// (one second's worth) plus the rate ever arrive in any interval.
func TestAccProvider_maxRequestsPerSecondHeld(t *testing.T) {
	const rate, burst, reads = 4.0, 4, 16
	env := acctest.NewEnv(t)
	cli := acctest.NewCLI(t)
	cli.WriteFile("main.tf", acctest.RequiredProviders+fmt.Sprintf(`
provider "cloudorder" {
  waldur {
    endpoint                = %q
    token                   = %q
    max_requests_per_second = %v
  }
}

data "cloudorder_waldur_orders" "all" {
  count   = %d
  project = %q
}
`, env.URL, env.Seed.Token, rate, reads, env.Seed.ProjectUUID))
	env.Mock.ResetCounters()
	cli.MustRun("plan", "-no-color")

	// Arrivals jitter a little against departures: allow one request and
	// 5 % more than the bucket does.
	times := checkArrivals(t, env, reads, burst, rate*1.05)
	span := times[len(times)-1].Sub(times[0])
	t.Logf("%d requests in %s (%.2f/s after the burst of %d)", len(times), span, float64(len(times)-burst)/span.Seconds(), burst)
}

// TestProvider_throttlePausesWholeBackend: a 429 with Retry-After to one
// request (the order list) holds back a request of the same backend on
// another path (the marketplace resources) that was sent after it, until
// the Retry-After has passed; the throttled request's retry also waits.
func TestProvider_throttlePausesWholeBackend(t *testing.T) {
	env := acctest.NewEnv(t)
	c, err := waldurapi.NewClient(waldurapi.Config{Endpoint: env.URL, Token: env.Seed.Token, Transport: apiclient.Transport{MaxRetries: 2}})
	if err != nil {
		t.Fatal(err)
	}
	env.Mock.InjectFault(mockcloud.Fault{Method: "GET", PathPrefix: "/api/marketplace-orders/", Status: 429, RetryAfter: time.Second})
	logs := &syncBuffer{}
	ctx := tflogtest.RootLogger(context.Background(), logs)
	var wg sync.WaitGroup
	wg.Add(1)
	var ordersErr error
	go func() {
		defer wg.Done()
		_, ordersErr = c.ListOrders(ctx, waldurapi.OrderListFilter{ProjectUUID: env.Seed.ProjectUUID})
	}()
	// The other caller starts once the client has read the 429 and
	// paused the backend, which it logs.
	for !strings.Contains(logs.String(), pausedLog) {
		time.Sleep(time.Millisecond) // polls for a condition, not for luck
	}
	var throttledAt time.Time
	for _, r := range env.Mock.RequestLog() {
		if r.Status == 429 {
			throttledAt = r.Time
		}
	}
	if _, err := c.ListMarketplaceResources(ctx, waldurapi.ResourceListFilter{ProjectUUID: env.Seed.ProjectUUID}); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	if ordersErr != nil {
		t.Fatalf("the throttled list was not retried: %v", ordersErr)
	}
	for _, r := range env.Mock.RequestLog() {
		if r.Status == 429 {
			continue
		}
		if wait := r.Time.Sub(throttledAt); wait < 950*time.Millisecond {
			t.Errorf("%s %s arrived %s after the 429, want after its Retry-After of 1s", r.Method, r.Path, wait)
		}
		if !strings.HasPrefix(r.Path, "/api/marketplace-") {
			t.Errorf("unexpected request %s %s", r.Method, r.Path)
		}
	}
	if n := strings.Count(logs.String(), pausedLog); n != 1 {
		t.Errorf("the pause was logged %d times, want once", n)
	}
	if !strings.Contains(logs.String(), `"resume_rate_per_second"`) {
		t.Errorf("the pause log does not say at what rate the backend resumes:\n%s", logs.String())
	}
}

// pausedLog is the scheduler's WARN line, once per pause.
const pausedLog = "API throttled: pausing every request to this backend"

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// checkArrivals reads the arrival times of the requests in the mock's log,
// sorted, and fails unless there are at least min of them and no interval
// holds more than burst + rate·its length + one request.
func checkArrivals(t *testing.T, env *acctest.Env, minRequests, burst int, rate float64) []time.Time {
	t.Helper()
	var times []time.Time
	for _, r := range env.Mock.RequestLog() {
		times = append(times, r.Time)
	}
	sort.Slice(times, func(i, j int) bool { return times[i].Before(times[j]) })
	if len(times) < minRequests {
		t.Fatalf("%d requests reached the mock, want at least %d", len(times), minRequests)
	}
	for i := range times {
		for j := i; j < len(times); j++ {
			n := j - i + 1
			if allowed := float64(burst) + rate*times[j].Sub(times[i]).Seconds() + 1; float64(n) > allowed {
				t.Fatalf("%d requests arrived within %s; a rate of %.2f/s with a burst of %d allows %.1f",
					n, times[j].Sub(times[i]), rate, burst, allowed)
			}
		}
	}
	return times
}
