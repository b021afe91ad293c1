package apiclient_test

import (
	"context"
	"errors"
	"math"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waiter/waitertest"
)

func newScheduler(t testing.TB, rate float64, clock *waitertest.FakeClock) *apiclient.Scheduler {
	t.Helper()
	s, err := apiclient.NewScheduler(apiclient.SchedulerConfig{Backend: "waldur", MaxRate: rate, Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func mustWait(t *testing.T, s *apiclient.Scheduler) time.Time {
	t.Helper()
	at, err := s.Wait(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return at
}

func TestScheduler_unlimitedAddsNoWait(t *testing.T) {
	clock := waitertest.NewFakeClock()
	s := newScheduler(t, 0, clock)
	start := clock.Now()
	for range 1000 {
		if at := mustWait(t, s); !at.Equal(start) {
			t.Fatalf("slot %s after start, want at once", at.Sub(start))
		}
	}
	if n := len(clock.Sleeps()); n != 0 {
		t.Errorf("%d sleeps, want none", n)
	}
	if r := s.Rate(); r != 0 {
		t.Errorf("Rate() = %v, want 0 (unlimited)", r)
	}
}

func TestScheduler_rateAndBurst(t *testing.T) {
	clock := waitertest.NewFakeClock()
	s := newScheduler(t, 10, clock)
	start := clock.Now()
	// A burst of one second's worth goes at once...
	for i := range 10 {
		if at := mustWait(t, s); !at.Equal(start) {
			t.Fatalf("request %d of the burst waited %s", i, at.Sub(start))
		}
	}
	// ...then one every 100 ms.
	for range 50 {
		mustWait(t, s)
	}
	sleeps := clock.Sleeps()
	if len(sleeps) != 50 {
		t.Fatalf("%d sleeps, want 50 after the burst", len(sleeps))
	}
	for i, d := range sleeps {
		if d != 100*time.Millisecond {
			t.Fatalf("sleep %d = %s, want 100ms", i, d)
		}
	}
	// 60 requests in 5 s: the burst plus 10 per second.
	if got := clock.Now().Sub(start); got != 5*time.Second {
		t.Errorf("60 requests took %s, want 5s", got)
	}
	// An idle second refills the burst.
	clock.Advance(time.Second)
	before := len(clock.Sleeps())
	for range 10 {
		mustWait(t, s)
	}
	if n := len(clock.Sleeps()) - before; n != 0 {
		t.Errorf("%d sleeps after an idle second, want a full burst", n)
	}
}

func TestScheduler_pauseHoldsEveryCaller(t *testing.T) {
	clock := waitertest.NewFakeClock()
	s := newScheduler(t, 0, clock)
	ctx := context.Background()
	sent := mustWait(t, s) // caller A's request is answered 429
	s.Throttled(ctx, sent, 5*time.Second, http.StatusTooManyRequests)
	// A concurrent 429 with a shorter Retry-After changes nothing...
	s.Throttled(ctx, sent, 2*time.Second, http.StatusTooManyRequests)
	clock.Advance(time.Second)
	// ...one with a longer one extends the pause to its end: 1 s + 6 s
	// from the first, not 5 s + 6 s.
	s.Throttled(ctx, sent, 6*time.Second, http.StatusServiceUnavailable)
	// Caller B, which got no 429, waits for the pause too.
	pauseEnd := clock.Now().Add(6 * time.Second)
	if at := mustWait(t, s); !at.Equal(pauseEnd) {
		t.Errorf("caller B sent %s after the pause end, want at it", at.Sub(pauseEnd))
	}
	if got := clock.Sleeps(); len(got) != 1 || got[0] != 6*time.Second {
		t.Errorf("sleeps = %v, want one of 6s", got)
	}
}

func TestScheduler_decreaseAndClimbBack(t *testing.T) {
	t.Run("configured limit", func(t *testing.T) {
		clock := waitertest.NewFakeClock()
		s := newScheduler(t, 10, clock)
		var sent time.Time
		for range 30 { // busy at the limit
			sent = mustWait(t, s)
		}
		s.Throttled(context.Background(), sent, time.Second, http.StatusTooManyRequests)
		clock.Advance(time.Second)
		checkRate(t, s, 7) // beta·10 at the pause end
		clock.Advance(time.Second)
		checkRate(t, s, 10-3*0.125) // concave: most of the way back after half the time
		clock.Advance(time.Second)
		checkRate(t, s, 10) // back at the limit, and it stays there
		clock.Advance(time.Minute)
		checkRate(t, s, 10)
	})
	t.Run("unlimited", func(t *testing.T) {
		clock := waitertest.NewFakeClock()
		s := newScheduler(t, 0, clock)
		var sent time.Time
		for range 20 { // 20 requests over the last second
			clock.Advance(50 * time.Millisecond)
			sent = mustWait(t, s)
		}
		s.Throttled(context.Background(), sent, 2*time.Second, http.StatusTooManyRequests)
		clock.Advance(2 * time.Second)
		checkRate(t, s, 14) // beta·20
		clock.Advance(2 * time.Second)
		checkRate(t, s, 20) // back at the rate that was throttled
		clock.Advance(6 * time.Second)
		checkRate(t, s, 20*(1+0.2*0.2*0.2)) // probing, slowly at first: (6 s / 30 s)³
		clock.Advance(9 * time.Second)
		checkRate(t, s, 20*(1+0.5*0.5*0.5)) // then faster: (15 s / 30 s)³
		clock.Advance(15 * time.Second)
		checkRate(t, s, 0) // at twice that rate the limit is lifted
	})
	t.Run("the ceiling is remembered", func(t *testing.T) {
		clock := waitertest.NewFakeClock()
		s := newScheduler(t, 0, clock)
		ctx := context.Background()
		var sent time.Time
		for range 20 { // 20/s over the last second
			clock.Advance(50 * time.Millisecond)
			sent = mustWait(t, s)
		}
		s.Throttled(ctx, sent, time.Second, http.StatusTooManyRequests)
		// After the pause, 100 requests at 10/s meet the quota again: the
		// server accepted 99 of them since the first throttle (the one
		// refused took no token), and that rate replaces the 20/s that
		// was only a send rate.
		start := clock.Now()
		clock.Advance(time.Second)
		for range 100 {
			clock.Advance(100 * time.Millisecond)
			sent = mustWait(t, s)
		}
		accepted := 99 / clock.Now().Sub(start).Seconds()
		s.Throttled(ctx, sent, time.Second, http.StatusTooManyRequests)
		clock.Advance(time.Second)
		checkRate(t, s, 0.7*accepted)
		// Probing well above it meets the quota once more while the
		// callers had less to send: this cycle measures less, but the
		// ceiling that held stays.
		clock.Advance(recoverTime + 20*time.Second)
		for range 10 {
			clock.Advance(200 * time.Millisecond)
			sent = mustWait(t, s)
		}
		s.Throttled(ctx, sent, time.Second, http.StatusTooManyRequests)
		start = clock.Now()
		clock.Advance(time.Second + recoverTime)
		checkRate(t, s, accepted)
		// Throttled on the flat part, at the ceiling itself: it was too
		// high, and this cycle's measurement replaces it.
		for range 30 {
			clock.Advance(125 * time.Millisecond)
			sent = mustWait(t, s)
		}
		accepted = 29 / clock.Now().Sub(start).Seconds()
		s.Throttled(ctx, sent, time.Second, http.StatusTooManyRequests)
		clock.Advance(time.Second + recoverTime)
		checkRate(t, s, accepted)
	})
	t.Run("a second 429 to an earlier request does not cut again", func(t *testing.T) {
		clock := waitertest.NewFakeClock()
		s := newScheduler(t, 10, clock)
		for range 28 {
			mustWait(t, s)
		}
		first := mustWait(t, s)
		second := mustWait(t, s)
		s.Throttled(context.Background(), second, time.Second, http.StatusTooManyRequests)
		s.Throttled(context.Background(), first, time.Second, http.StatusTooManyRequests)
		clock.Advance(time.Second)
		checkRate(t, s, 7)
	})
}

// recoverTime is the scheduler's climb from β·wMax back to wMax.
const recoverTime = 2 * time.Second

func checkRate(t *testing.T, s *apiclient.Scheduler, want float64) {
	t.Helper()
	if got := s.Rate(); math.Abs(got-want) > 1e-6 {
		t.Errorf("Rate() = %v, want %v", got, want)
	}
}

func TestScheduler_canceledWhileWaiting(t *testing.T) {
	clock := waitertest.NewFakeClock()
	s := newScheduler(t, 0, clock)
	s.Throttled(context.Background(), mustWait(t, s), time.Minute, http.StatusTooManyRequests)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := s.Wait(ctx)
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "waiting for the waldur API's rate limit") {
		t.Errorf("err = %v, want context.Canceled while waiting for the rate limit", err)
	}
}

func TestNewScheduler_rejectsBadRates(t *testing.T) {
	for _, r := range []float64{-1, math.NaN(), math.Inf(1)} {
		if _, err := apiclient.NewScheduler(apiclient.SchedulerConfig{Backend: "waldur", MaxRate: r}); err == nil {
			t.Errorf("MaxRate %v accepted", r)
		}
	}
}

// TestDo_throttlePausesOtherClients: two clients of one backend share a
// scheduler; a 429 to one holds back the other's next request, on
// another path, for the Retry-After.
func TestDo_throttlePausesOtherClients(t *testing.T) {
	var hits atomic.Int32
	handler := func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if strings.HasSuffix(r.URL.Path, "/a") {
			w.Header().Set("Retry-After", "3")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}
	clock := waitertest.NewFakeClock()
	sched := newScheduler(t, 0, clock)
	share := func(cfg *apiclient.Config) {
		cfg.Sleep, cfg.Scheduler, cfg.MaxRetries = clock.Sleep, sched, 0
	}
	a, _ := newClient(t, handler, share)
	b, _ := newClient(t, handler, share)
	ctx := context.Background()
	if _, err := a.Do(ctx, apiclient.Request{Path: "a"}, nil); !apiclient.IsStatus(err, 429) {
		t.Fatalf("client a: err = %v, want the 429", err)
	}
	if len(clock.Sleeps()) != 0 {
		t.Fatalf("sleeps = %v before client b", clock.Sleeps())
	}
	if _, err := b.Do(ctx, apiclient.Request{Path: "b"}, nil); err != nil {
		t.Fatal(err)
	}
	if got := clock.Sleeps(); len(got) != 1 || got[0] < 3*time.Second-50*time.Millisecond || got[0] > 3*time.Second {
		t.Errorf("client b slept %v, want about the 3s of Retry-After", got)
	}
	// While paused, a request whose context ends says what it waited for
	// and never reaches the server.
	if _, err := a.Do(ctx, apiclient.Request{Path: "a"}, nil); !apiclient.IsStatus(err, 429) { // a second pause
		t.Fatalf("client a: err = %v, want the 429", err)
	}
	before := hits.Load()
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	_, err := b.Do(cctx, apiclient.Request{Path: "b"}, nil)
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "waldur API: GET /api/b: waiting for the waldur API's rate limit") {
		t.Errorf("err = %v", err)
	}
	if hits.Load() != before {
		t.Error("the canceled request reached the server")
	}
}

// BenchmarkSchedulerWait is the cost the scheduler adds to every request
// when nothing limits it.
func BenchmarkSchedulerWait(b *testing.B) {
	s, _ := apiclient.NewScheduler(apiclient.SchedulerConfig{Backend: "waldur"})
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Wait(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSchedulerWaitParallel is the same with every CPU asking at once.
func BenchmarkSchedulerWaitParallel(b *testing.B) {
	s, _ := apiclient.NewScheduler(apiclient.SchedulerConfig{Backend: "waldur"})
	ctx := context.Background()
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := s.Wait(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
}
