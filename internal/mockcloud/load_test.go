package mockcloud_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	awaniomock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/awanio"
	hostwaymock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/hostway"
)

// loadRequest is one request of TestThousandConcurrentRequests: what to
// send and the status it must get.
type loadRequest struct {
	backend, method, path string
	body                  any
	header                map[string]string
	want                  int
}

// loadMix builds n requests spread over the three APIs: creates that the
// test counts afterwards, and reads of lists that the creates change.
func (e *testEnv) loadMix(n int) []loadRequest {
	d := e.demo
	waldurAuth := map[string]string{"Authorization": "Token " + d.Token}
	awanioAuth := map[string]string{"Authorization": "Bearer " + d.Awanio.Token}
	basic, _ := http.NewRequest("GET", "/", nil)
	basic.SetBasicAuth(d.Hostway.Username, d.Hostway.Password)
	hostwayAuth := map[string]string{"Authorization": basic.Header.Get("Authorization")}
	kinds := []func(i int) loadRequest{
		func(i int) loadRequest {
			return loadRequest{"waldur", "POST", "/api/marketplace-orders/", e.OrderBody(d.OfferingUUID, d.PlanUUID, fmt.Sprintf("load-%d", i)), waldurAuth, 201}
		},
		func(int) loadRequest {
			return loadRequest{"waldur", "GET", "/api/marketplace-orders/?page_size=50", nil, waldurAuth, 200}
		},
		func(i int) loadRequest {
			return loadRequest{"awanio", "POST", awaniomock.AwanioPrefix + "/organizations", map[string]any{"name": fmt.Sprintf("load-%d", i)}, awanioAuth, 200}
		},
		func(int) loadRequest {
			return loadRequest{"awanio", "GET", awaniomock.AwanioPrefix + "/organizations?per_page=50", nil, awanioAuth, 200}
		},
		func(int) loadRequest {
			// A new cart: no OwnerId cookie, so each one is its own order.
			return loadRequest{"hostway", "POST", hostwaymock.HostwayPrefix + "/orders", map[string]any{}, nil, 201}
		},
		func(int) loadRequest {
			return loadRequest{"hostway", "GET", hostwaymock.HostwayPrefix + "/accounts/" + d.Hostway.AccountNumber + "/products", nil, hostwayAuth, 200}
		},
	}
	out := make([]loadRequest, n)
	for i := range out {
		out[i] = kinds[i%len(kinds)](i)
	}
	return out
}

// TestThousandConcurrentRequests fires 1,000 requests at one mock at the
// same moment, mixing the three APIs, reads and writes. Every request must
// be answered with its expected status before a deadline (a deadlock
// fails the test instead of hanging it), and the stores and counters must
// hold exactly what was sent: nothing lost, nothing doubled.
func TestThousandConcurrentRequests(t *testing.T) {
	t.Parallel()
	const n = 1000
	e := newTestEnv(t)
	ordersBefore := len(e.srv.Waldur().Orders())
	orgsBefore := len(e.srv.Awanio().Organizations())
	cartsBefore := len(e.srv.Hostway().Orders())
	e.srv.ResetCounters()
	requests := e.loadMix(n)

	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	defer cancel()
	// One connection per request: the point is concurrency at the server,
	// not connection reuse in the client.
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: n, MaxConnsPerHost: 0}}
	defer client.CloseIdleConnections()

	var answered, wrong atomic.Int64
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i, lr := range requests {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			status, body, err := sendLoad(ctx, client, e.TS.URL, lr)
			if err != nil {
				t.Errorf("request %d (%s %s): %v", i, lr.method, lr.path, err)
				return
			}
			answered.Add(1)
			if status != lr.want {
				wrong.Add(1)
				t.Errorf("request %d (%s %s): status %d, want %d: %.200s", i, lr.method, lr.path, status, lr.want, body)
			}
		}()
	}
	began := time.Now()
	close(start)
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
		t.Fatalf("only %d of %d requests answered before the deadline: the mock is stuck", answered.Load(), n)
	}
	t.Logf("%d concurrent requests answered in %v", n, time.Since(began).Round(time.Millisecond))
	if answered.Load() != n || wrong.Load() != 0 {
		t.Fatalf("%d of %d answered, %d with the wrong status", answered.Load(), n, wrong.Load())
	}

	want := map[string]int{}
	for _, lr := range requests {
		if lr.method == "POST" {
			want[lr.backend]++
		}
	}
	got := map[string]int{
		"waldur":  len(e.srv.Waldur().Orders()) - ordersBefore,
		"awanio":  len(e.srv.Awanio().Organizations()) - orgsBefore,
		"hostway": len(e.srv.Hostway().Orders()) - cartsBefore,
	}
	for backend, w := range want {
		if got[backend] != w {
			t.Errorf("%s: %d objects created, %d create requests sent", backend, got[backend], w)
		}
	}
	total := 0
	for _, c := range e.srv.Counters() {
		total += c
	}
	if total != n {
		t.Errorf("the counters add up to %d requests, %d were sent: %v", total, n, e.srv.Counters())
	}
	if log := e.srv.RequestLog(); len(log) != n {
		t.Errorf("the request log has %d entries, want %d", len(log), n)
	}
}

func sendLoad(ctx context.Context, client *http.Client, base string, lr loadRequest) (int, []byte, error) {
	var body io.Reader
	if lr.body != nil {
		raw, err := json.Marshal(lr.body)
		if err != nil {
			return 0, nil, err
		}
		body = bytes.NewReader(raw)
	}
	req, err := http.NewRequestWithContext(ctx, lr.method, base+lr.path, body)
	if err != nil {
		return 0, nil, err
	}
	if lr.body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range lr.header {
		req.Header.Set(k, v)
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	return resp.StatusCode, raw, err
}
