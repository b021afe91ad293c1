package mockcloud_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/cloud"
)

func TestFaultStatusWithRetryAfter(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t)
	e.srv.InjectFault(mockcloud.Fault{Method: "GET", PathPrefix: "/api/projects/", Status: 429, Count: 2, RetryAfter: 2500 * time.Millisecond})
	for i := range 2 {
		resp := e.Do("GET", "/api/projects/", nil).Want(t, 429)
		if got := resp.Header.Get("Retry-After"); got != "3" {
			t.Errorf("try %d: Retry-After %q, want 3 (rounded up)", i, got)
		}
		resp.WantJSON(t, `{"detail":"Request was throttled. Expected available in 3 seconds."}`)
	}
	e.Do("GET", "/api/projects/", nil).Want(t, 200)
	if len(e.srv.Faults()) != 0 {
		t.Errorf("spent fault still queued: %v", e.srv.Faults())
	}
}

func TestFaultMatching(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t)
	e.srv.InjectFault(mockcloud.Fault{Method: "post", PathPrefix: "/api/marketplace-orders/", Status: 503, Body: "upstream down"})
	e.Do("GET", "/api/marketplace-orders/", nil).Want(t, 200)                 // other method
	e.Do("POST", "/api/marketplace-resources/x/terminate/", nil).Want(t, 404) // other path
	resp := e.Do("POST", "/api/marketplace-orders/", e.OrderBody(e.demo.OfferingUUID, e.demo.PlanUUID, "f")).Want(t, 503)
	if string(resp.Body) != "upstream down" || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") {
		t.Errorf("custom body: %q %q", resp.Body, resp.Header.Get("Content-Type"))
	}
	if len(e.srv.Waldur().Orders()) != 0 {
		t.Error("a faulted request reached the handler")
	}
	// Unlimited faults stay until cleared; /_mock/ is never faulted.
	e.srv.InjectFault(mockcloud.Fault{Status: 500, Count: -1})
	for range 3 {
		e.Do("GET", "/api/projects/", nil).Want(t, 500)
	}
	e.Do("GET", "/_mock/health", nil).Want(t, 200)
	e.srv.ClearFaults()
	e.Do("GET", "/api/projects/", nil).Want(t, 200)
}

func TestFaultDropConnection(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t)
	e.srv.InjectFault(mockcloud.Fault{Method: "POST", PathPrefix: "/api/marketplace-orders/", DropConnection: true})
	if _, err := e.Try("POST", "/api/marketplace-orders/", e.OrderBody(e.demo.OfferingUUID, e.demo.PlanUUID, "d")); err == nil {
		t.Fatal("dropped connection answered")
	}
	if n := len(e.srv.Waldur().Orders()); n != 0 {
		t.Errorf("DropConnection processed the request: %d orders", n)
	}
	log := e.srv.RequestLog()
	if last := log[len(log)-1]; last.Status != 0 || last.Fault != "drop" || last.Route != "POST /api/marketplace-orders/" {
		t.Errorf("log entry %+v", last)
	}
}

func TestFaultDropAfterProcessing(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t)
	e.srv.InjectFault(mockcloud.Fault{Method: "POST", PathPrefix: "/api/marketplace-orders/", DropAfterProcessing: true})
	if _, err := e.Try("POST", "/api/marketplace-orders/", e.OrderBody(e.demo.OfferingUUID, e.demo.PlanUUID, "ghost")); err == nil {
		t.Fatal("dropped connection answered")
	}
	// The order exists although the client never heard of it: a client
	// must look for it before creating another.
	orders := e.srv.Waldur().Orders()
	if len(orders) != 1 || orders[0].Attributes == nil || !strings.Contains(string(orders[0].Attributes), "ghost") {
		t.Fatalf("DropAfterProcessing did not act: %+v", orders)
	}
	list := e.Do("GET", "/api/marketplace-orders/?query=ghost", nil).Want(t, 200).Array(t)
	if len(list) != 1 {
		t.Errorf("the order cannot be found by name: %d", len(list))
	}
}

func TestFaultLatency(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t)
	e.srv.InjectFault(mockcloud.Fault{PathPrefix: "/api/projects/", Latency: 50 * time.Millisecond})
	start := time.Now()
	e.Do("GET", "/api/projects/", nil).Want(t, 200)
	if d := time.Since(start); d < 50*time.Millisecond {
		t.Errorf("answered after %v, want >= 50ms", d)
	}
}

func TestFaultValidation(t *testing.T) {
	t.Parallel()
	bad := []mockcloud.Fault{
		{Status: 200},
		{},
		{Status: 500, DropConnection: true},
		{DropConnection: true, DropAfterProcessing: true},
		{Status: 500, RetryAfter: -time.Second},
	}
	for _, f := range bad {
		if f.Validate() == nil {
			t.Errorf("%+v: accepted", f)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("InjectFault accepted a fault without effect")
		}
	}()
	cloud.New().InjectFault(mockcloud.Fault{})
}

func TestFaultJSON(t *testing.T) {
	t.Parallel()
	var f mockcloud.Fault
	if err := json.Unmarshal([]byte(`{"status":429,"retry_after":2,"latency":"150ms","path_prefix":"/api/"}`), &f); err != nil {
		t.Fatal(err)
	}
	if f.RetryAfter != 2*time.Second || f.Latency != 150*time.Millisecond || f.Status != 429 {
		t.Errorf("decoded %+v", f)
	}
	raw, _ := json.Marshal(f)
	var back mockcloud.Fault
	if err := json.Unmarshal(raw, &back); err != nil || back != f {
		t.Errorf("round trip %s -> %+v (%v)", raw, back, err)
	}
	if err := json.Unmarshal([]byte(`{"retry_after":"soon"}`), &f); err == nil {
		t.Error("bad duration accepted")
	}
}

func TestCountersAndRequestLog(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t)
	o := e.CreateK8s("n")
	id := str(o["uuid"])
	e.GetOrder(id)
	e.GetOrder(id)
	e.Do("GET", "/api/marketplace-orders/nope/", nil).Want(t, 404)
	e.Do("GET", "/api/unknown/", nil).Want(t, 404)
	e.Do("GET", "/_mock/counters", nil).Want(t, 200) // not counted

	want := map[string]int{
		"POST /api/marketplace-orders/":       1,
		"GET /api/marketplace-orders/{uuid}/": 3,
		"GET (not found)":                     1,
	}
	got := e.srv.Counters()
	for k, n := range want {
		if got[k] != n {
			t.Errorf("counter %q = %d, want %d (all: %v)", k, got[k], n, got)
		}
	}
	if len(got) != len(want) {
		t.Errorf("counters %v", got)
	}
	log := e.srv.RequestLog()
	if len(log) != 5 {
		t.Fatalf("log has %d entries", len(log))
	}
	if l := log[0]; l.Method != "POST" || l.Route != "POST /api/marketplace-orders/" || l.Path != "/api/marketplace-orders/" || l.Status != 201 {
		t.Errorf("first entry %+v", l)
	}
	if l := log[3]; l.Status != 404 || l.Path != "/api/marketplace-orders/nope/" {
		t.Errorf("fourth entry %+v", l)
	}
	e.srv.ResetCounters()
	if len(e.srv.Counters()) != 0 || len(e.srv.RequestLog()) != 0 {
		t.Error("ResetCounters left data")
	}
}
