package mockcloud_test

import (
	"testing"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
)

// The quota is a token bucket per caller on the mock's clock: a burst of
// B, then R per second; beyond it 429 with Retry-After in whole seconds,
// at least 1. Other callers and /_mock/ are not limited.
func TestQuotaPerCaller(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t, mockcloud.WithQuota(mockcloud.Quota{RPS: 2, Burst: 3}))
	for range 3 {
		e.Do("GET", "/api/projects/", nil).Want(t, 200)
	}
	resp := e.Do("GET", "/api/projects/", nil).Want(t, 429)
	if got := resp.Header.Get("Retry-After"); got != "1" {
		t.Errorf("Retry-After %q, want 1 (0.5 s rounded up)", got)
	}
	if got := resp.Header.Get(mockcloud.FaultHeader); got != "quota" {
		t.Errorf("%s %q, want quota", mockcloud.FaultHeader, got)
	}
	resp.WantJSON(t, `{"detail":"Request was throttled. Expected available in 1 seconds."}`)
	// Another caller has its own bucket; /_mock/ is never limited.
	e.DoWith("GET", "/api/projects/", nil, map[string]string{"Authorization": "Token other"}).Want(t, 401)
	for range 5 {
		e.DoWith("GET", "/_mock/health", nil, nil).Want(t, 200)
	}
	// Half a second frees one token (R = 2/s), and only one.
	e.Clock.Advance(500 * time.Millisecond)
	e.Do("GET", "/api/projects/", nil).Want(t, 200)
	e.Do("GET", "/api/projects/", nil).Want(t, 429)
	// The bucket refills to B, not beyond.
	e.Clock.Advance(time.Hour)
	for range 3 {
		e.Do("GET", "/api/projects/", nil).Want(t, 200)
	}
	e.Do("GET", "/api/projects/", nil).Want(t, 429)

	statuses := e.srv.StatusCounters()
	if statuses["429"] != 3 || statuses["200"] != 7 || statuses["401"] != 1 {
		t.Errorf("status counters %v", statuses)
	}
	throttled := 0
	for _, r := range e.srv.RequestLog() {
		if r.Fault == "quota" {
			throttled++
		}
	}
	if throttled != 3 {
		t.Errorf("%d requests logged as throttled, want 3", throttled)
	}
}

// A slow rate gives a longer Retry-After: the time until a token is free,
// rounded up.
func TestQuotaRetryAfterRoundsUp(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t, mockcloud.WithQuota(mockcloud.Quota{RPS: 0.4, Burst: 1}))
	e.Do("GET", "/api/projects/", nil).Want(t, 200)
	if got := e.Do("GET", "/api/projects/", nil).Want(t, 429).Header.Get("Retry-After"); got != "3" {
		t.Errorf("Retry-After %q, want 3 (2.5 s rounded up)", got)
	}
	e.Clock.Advance(2 * time.Second)
	if got := e.Do("GET", "/api/projects/", nil).Want(t, 429).Header.Get("Retry-After"); got != "1" {
		t.Errorf("Retry-After %q, want 1 (0.5 s rounded up)", got)
	}
}

// A throttled request reaches neither the API nor a queued fault.
func TestQuotaComesBeforeFaults(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t, mockcloud.WithQuota(mockcloud.Quota{RPS: 1, Burst: 1}))
	e.Do("GET", "/api/projects/", nil).Want(t, 200)
	e.srv.InjectFault(mockcloud.Fault{Status: 503})
	e.Do("GET", "/api/projects/", nil).Want(t, 429)
	if n := len(e.srv.Faults()); n != 1 {
		t.Fatalf("%d faults queued, want the one the throttled request left", n)
	}
	e.Clock.Advance(time.Second)
	e.Do("GET", "/api/projects/", nil).Want(t, 503)
}

// The quota over /_mock/quota: set, read, lifted; nonsense is refused.
func TestQuotaAdmin(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t)
	admin := func(method string, body any) testResponse {
		t.Helper()
		return e.DoWith(method, "/_mock/quota", body, nil)
	}
	admin("GET", nil).Want(t, 200).WantJSON(t, `{"rps":0,"burst":0}`)
	admin("PUT", map[string]any{"rps": 1, "burst": 1}).Want(t, 200)
	e.Do("GET", "/api/projects/", nil).Want(t, 200)
	e.Do("GET", "/api/projects/", nil).Want(t, 429)
	admin("GET", nil).Want(t, 200).WantJSON(t, `{"rps":1,"burst":1}`)
	admin("PUT", map[string]any{"rps": 5}).Want(t, 400)
	admin("PUT", map[string]any{"rps": -1, "burst": 1}).Want(t, 400)
	admin("PUT", map[string]any{"rps": 0, "burst": 0}).Want(t, 200)
	for range 3 {
		e.Do("GET", "/api/projects/", nil).Want(t, 200)
	}
}

// Each API words the quota's 429 in its own error shape (Waldur: DRF's
// throttling message, tested above).
func TestQuotaBodyPerAPI(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t, mockcloud.WithQuota(mockcloud.Quota{RPS: 1, Burst: 1}))
	e.DoWith("GET", "/_mock/health", nil, nil).Want(t, 200)
	e.Do("GET", "/api/projects/", nil).Want(t, 200) // the bucket is empty now
	e.Do("GET", "/awanio/v2/organizations", nil).Want(t, 429).
		WantJSON(t, `{"error":"TOO MANY REQUESTS","error_code":"429-1","message":"TOO MANY REQUESTS, TRY AGAIN IN 1 SECONDS","result":false}`)
	hw := e.Do("GET", "/hostway/accounts", nil).Want(t, 429).Object(t)["tooManyRequests"].(map[string]any)
	if hw["message"] != "Too many requests, try again in 1 seconds." || hw["code"] != 429.0 {
		t.Errorf("Hostway's 429: %v", hw)
	}
}
