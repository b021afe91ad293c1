package mockcloud

import (
	"errors"
	"math"
	"net/http"
	"sync"
	"time"
)

// Quota is a request quota per caller, a test control for benchmarks of
// rate-limited APIs: each caller may send RPS requests per second with
// bursts of up to Burst; beyond that the mock answers 429 with a
// Retry-After. It is not a claim about the real APIs: none of their
// quotas are documented (the contract marks them inferred). /_mock/ is
// never limited. The zero Quota (RPS 0) means no quota.
//
// A caller is what its request authenticates with: the Authorization
// header (Waldur's token, Awanio's JWT, Hostway's Basic credentials) or,
// without one, the Cookie header (Hostway's OwnerId); requests with
// neither share one anonymous quota, like a per-address limit on loopback.
type Quota struct {
	RPS   float64 `json:"rps"`
	Burst int     `json:"burst"`
}

func (q Quota) validate() error {
	if q.RPS < 0 || q.Burst < 0 || math.IsNaN(q.RPS) || math.IsInf(q.RPS, 0) {
		return errors.New("quota: rps and burst must not be negative")
	}
	if q.RPS > 0 && q.Burst < 1 {
		return errors.New("quota: a quota needs a burst of at least 1")
	}
	return nil
}

// WithQuota limits every caller to q (see Quota); it panics when q makes
// no sense, as that is a bug in the test.
func WithQuota(q Quota) Option {
	if err := q.validate(); err != nil {
		panic("mockcloud: WithQuota: " + err.Error())
	}
	return func(s *Server) { s.quota.set(q) }
}

// SetQuota replaces the quota (RPS 0 lifts it); every caller starts with a
// full bucket.
func (s *Server) SetQuota(q Quota) error {
	if err := q.validate(); err != nil {
		return err
	}
	s.quota.set(q)
	return nil
}

// CurrentQuota returns the quota in force.
func (s *Server) CurrentQuota() Quota { return s.quota.get() }

// quotaSet is a token bucket per caller.
type quotaSet struct {
	mu      sync.Mutex
	q       Quota
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	last   time.Time
}

func (qs *quotaSet) set(q Quota) {
	qs.mu.Lock()
	defer qs.mu.Unlock()
	qs.q = q
	qs.buckets = nil
}

func (qs *quotaSet) get() Quota {
	qs.mu.Lock()
	defer qs.mu.Unlock()
	return qs.q
}

// take spends one token of caller's bucket at now. When the bucket is
// empty it spends nothing and returns how long until a token is free.
func (qs *quotaSet) take(caller string, now time.Time) (wait time.Duration, ok bool) {
	qs.mu.Lock()
	defer qs.mu.Unlock()
	if qs.q.RPS <= 0 {
		return 0, true
	}
	if qs.buckets == nil {
		qs.buckets = map[string]*bucket{}
	}
	b := qs.buckets[caller]
	if b == nil {
		b = &bucket{tokens: float64(qs.q.Burst), last: now}
		qs.buckets[caller] = b
	}
	if elapsed := now.Sub(b.last); elapsed > 0 {
		b.tokens = math.Min(float64(qs.q.Burst), b.tokens+elapsed.Seconds()*qs.q.RPS)
		b.last = now
	}
	if b.tokens >= 1 {
		b.tokens--
		return 0, true
	}
	return time.Duration((1 - b.tokens) / qs.q.RPS * float64(time.Second)), false
}

// quotaCaller names the caller of r for the quota.
func quotaCaller(r *http.Request) string {
	if a := r.Header.Get("Authorization"); a != "" {
		return "authorization:" + a
	}
	if c := r.Header.Get("Cookie"); c != "" {
		return "cookie:" + c
	}
	return "anonymous"
}

// quotaFaultKind marks a 429 of the quota in the request log and in the
// FaultHeader: the mock made it up, it is no answer of the API.
const quotaFaultKind = "quota"

// Throttler is implemented by a mounted API that words the quota's 429
// answers in its own error shape; without it they carry DRF's throttling
// message, as the faults do (Waldur's own).
type Throttler interface {
	// ThrottledBody is the body of a 429 whose Retry-After is seconds; it
	// is sent as JSON when it is valid JSON, as plain text otherwise.
	ThrottledBody(seconds int) string
}

// writeThrottled answers 429 for the quota: Retry-After in whole seconds
// (RFC 9110 §10.2.3), rounded up and at least 1, with api's throttling body.
func writeThrottled(w http.ResponseWriter, wait time.Duration, api API) {
	secs := max(1, int(math.Ceil(wait.Seconds())))
	body := ""
	if t, ok := api.(Throttler); ok {
		body = t.ThrottledBody(secs)
	}
	writeStatus(w, http.StatusTooManyRequests, time.Duration(secs)*time.Second, body, quotaFaultKind)
}
