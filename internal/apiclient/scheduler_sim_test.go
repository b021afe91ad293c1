package apiclient

import (
	"context"
	"math"
	"testing"
	"time"
)

// simClock is a clock the simulation sets by hand; nothing sleeps on it.
type simClock struct{ now time.Time }

func (c *simClock) Now() time.Time                                 { return c.now }
func (c *simClock) Sleep(_ context.Context, d time.Duration) error { c.now = c.now.Add(d); return nil }

// quotaServer is a server-side token bucket: R per second, burst B, and a
// 429 with Retry-After (whole seconds, rounded up, at least 1) beyond it.
type quotaServer struct {
	rate, burst, tokens float64
	last                time.Time
}

func (q *quotaServer) admit(t time.Time) (ok bool, retryAfter time.Duration) {
	q.tokens = math.Min(q.burst, q.tokens+t.Sub(q.last).Seconds()*q.rate)
	q.last = t
	if q.tokens >= 1 {
		q.tokens--
		return true, 0
	}
	secs := math.Max(1, math.Ceil((1-q.tokens)/q.rate))
	return false, time.Duration(secs) * time.Second
}

type simResult struct {
	requests, throttled, served int
	duration                    time.Duration
}

func (r simResult) rate() float64 { return float64(r.served) / r.duration.Seconds() }

// simulate runs callers busy callers against the quota through one
// scheduler for d of virtual time: each caller sends its next request as
// soon as the last one is answered (after latency), and after a 429
// waits its Retry-After, as Client.Do does.
func simulate(t *testing.T, limit float64, callers int, quotaRate, quotaBurst float64, latency, d time.Duration) simResult {
	t.Helper()
	clock := &simClock{now: time.Unix(1_700_000_000, 0)}
	s, err := NewScheduler(SchedulerConfig{Backend: "sim", MaxRate: limit, Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	start := clock.now
	srv := &quotaServer{rate: quotaRate, burst: quotaBurst, tokens: quotaBurst, last: start}
	const (
		want   = iota // ask the scheduler for a slot
		send          // the slot has come
		answer        // the answer arrives
	)
	type caller struct {
		at         time.Time
		kind       int
		epoch      uint64
		sent       time.Time
		ok         bool
		retryAfter time.Duration
	}
	cs := make([]caller, callers)
	for i := range cs {
		cs[i] = caller{at: start, kind: want}
	}
	var res simResult
	ctx := context.Background()
	for {
		i := 0
		for j := range cs {
			if cs[j].at.Before(cs[i].at) {
				i = j
			}
		}
		c := &cs[i]
		if c.at.Sub(start) >= d {
			break
		}
		clock.now = c.at
		switch c.kind {
		case want:
			s.mu.Lock()
			c.at, c.epoch = s.reserve(clock.now), s.epoch
			s.mu.Unlock()
			c.kind = send
		case send:
			s.mu.Lock()
			moved := s.epoch != c.epoch
			if !moved {
				s.sent(clock.now)
			}
			s.mu.Unlock()
			if moved {
				c.kind = want
				continue
			}
			res.requests++
			c.sent = clock.now
			c.ok, c.retryAfter = srv.admit(clock.now)
			c.at, c.kind = clock.now.Add(latency), answer
		case answer:
			c.kind = want
			if c.ok {
				res.served++
				continue
			}
			res.throttled++
			s.Throttled(ctx, c.sent, c.retryAfter, 429)
			c.at = clock.now.Add(c.retryAfter)
		}
	}
	res.duration = d
	return res
}

// TestSchedulerQuotaSimulation is issue 15's quota scenario on a virtual
// clock: a server quota of R = 10/s with a burst of 20 and 20 busy callers.
func TestSchedulerQuotaSimulation(t *testing.T) {
	const quotaRate, quotaBurst, callers = 10.0, 20.0, 20
	for _, tc := range []struct {
		name    string
		limit   float64
		latency time.Duration
	}{
		{"unlimited, 1ms", 0, time.Millisecond},
		{"unlimited, 50ms", 0, 50 * time.Millisecond},
		{"limit R, 1ms", quotaRate, time.Millisecond},
		{"limit R, 50ms", quotaRate, 50 * time.Millisecond},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := simulate(t, tc.limit, callers, quotaRate, quotaBurst, tc.latency, 10*time.Minute)
			share := float64(r.throttled) / float64(r.requests)
			t.Logf("requests %d, 429s %d (%.2f%%), served %d in %s: %.2f/s = %.3f R",
				r.requests, r.throttled, 100*share, r.served, r.duration, r.rate(), r.rate()/quotaRate)
			if tc.limit > 0 && r.throttled != 0 {
				t.Errorf("with max_requests_per_second = R: %d 429s, want 0", r.throttled)
			}
			if share > 0.02 {
				t.Errorf("429s are %.2f%% of requests, want ≤ 2%%", 100*share)
			}
			if r.rate() < 0.9*quotaRate {
				t.Errorf("served %.2f/s, want ≥ 0.9 R = %.1f/s", r.rate(), 0.9*quotaRate)
			}
		})
	}
}
