package waiter_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest/testutil"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waiter"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waiter/waitertest"
)

var _ waiter.Clock = (*waitertest.FakeClock)(nil)

// step is one scripted refresh answer.
type step struct {
	state string
	err   error
}

var (
	notFound = step{err: fmt.Errorf("GET /orders/1/ returned 404: %w", waiter.ErrNotFound)}
	errBoom  = errors.New("GET /orders/1/ returned 500 Internal Server Error")
)

// script returns a refresh function answering steps in order, repeating the
// last one; the object is the 1-based call number.
func script(steps ...step) (waiter.RefreshFunc[int], func() int) {
	var mu sync.Mutex
	calls := 0
	refresh := func(context.Context) (int, string, error) {
		mu.Lock()
		defer mu.Unlock()
		calls++
		s := steps[min(calls, len(steps))-1]
		return calls, s.state, s.err
	}
	count := func() int {
		mu.Lock()
		defer mu.Unlock()
		return calls
	}
	return refresh, count
}

func states(names ...string) []step {
	out := make([]step, len(names))
	for i, n := range names {
		out[i] = step{state: n}
	}
	return out
}

func TestWait(t *testing.T) {
	t.Parallel()

	hint := func(_ int, state string) string {
		if state == "pending-provider" {
			return "waiting for the service provider to approve the order"
		}
		return ""
	}
	failure := func(int, string) string { return "Failed to connect to the backend." }

	tests := []struct {
		name           string
		steps          []step
		pending        []string
		target         []string
		timeout        time.Duration
		notFoundChecks int
		delay          time.Duration

		wantObj    int
		wantErr    string // exact message; "" means success
		wantErrIs  error
		wantSleeps []time.Duration
		check      func(t *testing.T, err error)
	}{
		{
			name:       "target reached",
			steps:      states("pending", "executing", "done"),
			wantObj:    3,
			wantSleeps: testutil.Secs(0.5, 1),
		},
		{
			name:    "target reached at once",
			steps:   states("done"),
			wantObj: 1,
		},
		{
			name:       "failed state carries the API message",
			steps:      states("pending", "erred"),
			wantObj:    2,
			wantErr:    `unexpected state "erred", wanted "done": Failed to connect to the backend.`,
			wantSleeps: testutil.Secs(0.5),
			check: func(t *testing.T, err error) {
				var use *waiter.UnexpectedStateError
				if !errors.As(err, &use) || use.State != "erred" || !slices.Equal(use.Expected, []string{"done"}) {
					t.Errorf("want *UnexpectedStateError for erred, got %#v", err)
				}
			},
		},
		{
			name:    "timeout with hint and last state",
			steps:   states("pending-provider"),
			pending: []string{"pending-provider"},
			timeout: 20 * time.Minute,
			wantErr: `timeout after 20m0s waiting for state "done" (last state "pending-provider": waiting for the service provider to approve the order)`,
			// 0.5+1+2+4+8 = 15.5s, then 10s steps up to 1195.5s, then the
			// rest (4.5s) exactly up to the timeout, never past it.
			wantSleeps: append(append(testutil.Secs(0.5, 1, 2, 4, 8), repeat(10*time.Second, 118)...), 4500*time.Millisecond),
			wantObj:    1 + 5 + 118 + 1,
			check: func(t *testing.T, err error) {
				var te *waiter.TimeoutError
				if !errors.As(err, &te) || te.Timeout != 20*time.Minute || te.LastState != "pending-provider" {
					t.Errorf("want *TimeoutError, got %#v", err)
				}
				if !waiter.IsTimeout(err) || !errors.Is(err, context.DeadlineExceeded) {
					t.Error("a timeout must satisfy IsTimeout and match context.DeadlineExceeded")
				}
			},
		},
		{
			name:       "final refresh at the deadline can still succeed",
			steps:      append(states("pending", "pending", "pending"), step{state: "done"}),
			timeout:    2 * time.Second,
			wantObj:    4,
			wantSleeps: testutil.Secs(0.5, 1, 0.5),
		},
		{
			name:           "not found tolerated then found",
			steps:          []step{notFound, notFound, {state: "pending"}, {state: "done"}},
			notFoundChecks: 2,
			wantObj:        4,
			wantSleeps:     testutil.Secs(0.5, 1, 2),
		},
		{
			name:           "not-found budget counts consecutive answers only",
			steps:          []step{notFound, {state: "pending"}, notFound, {state: "done"}},
			notFoundChecks: 1,
			wantObj:        4,
			wantSleeps:     testutil.Secs(0.5, 1, 2),
		},
		{
			name:           "not-found budget exhausted",
			steps:          []step{notFound},
			notFoundChecks: 2,
			wantErrIs:      waiter.ErrNotFound,
			wantErr:        `object not found after 3 consecutive checks: GET /orders/1/ returned 404: not found`,
			wantSleeps:     testutil.Secs(0.5, 1),
			check: func(t *testing.T, err error) {
				var nf *waiter.NotFoundError
				if !errors.As(err, &nf) || nf.Checks != 3 {
					t.Errorf("want *NotFoundError{Checks: 3}, got %#v", err)
				}
			},
		},
		{
			name:      "first not-found fails without a budget",
			steps:     []step{{err: waiter.ErrNotFound}},
			wantErr:   "object not found",
			wantErrIs: waiter.ErrNotFound,
		},
		{
			name:       "StateGone: not found is success",
			steps:      []step{{state: "terminating"}, {state: "terminating"}, notFound},
			pending:    []string{"terminating"},
			target:     []string{waiter.StateGone},
			wantObj:    2, // the last object seen
			wantSleeps: testutil.Secs(0.5, 1),
		},
		{
			name:       "StateGone timeout reads well",
			steps:      states("terminating"),
			pending:    []string{"terminating"},
			target:     []string{waiter.StateGone},
			timeout:    2 * time.Second,
			wantObj:    4,
			wantErr:    `timeout after 2s waiting for the object to be deleted (last state "terminating")`,
			wantSleeps: testutil.Secs(0.5, 1, 0.5),
		},
		{
			name:       "refresh error is returned at once with the last state",
			steps:      []step{{state: "executing"}, {err: errBoom}},
			pending:    []string{"executing"},
			wantObj:    1,
			wantErrIs:  errBoom,
			wantErr:    `waiting for state "done" (last state "executing"): GET /orders/1/ returned 500 Internal Server Error`,
			wantSleeps: testutil.Secs(0.5),
		},
		{
			name:    "several targets",
			steps:   states("weird"),
			target:  []string{"OK", "done"},
			wantErr: `unexpected state "weird", wanted "OK" or "done": Failed to connect to the backend.`,
			wantObj: 1,
		},
		{
			name:       "delay before the first refresh",
			steps:      states("pending", "done"),
			delay:      5 * time.Second,
			wantObj:    2,
			wantSleeps: testutil.Secs(5, 0.5),
		},
		{
			name:       "delay is cut at the timeout",
			steps:      states("pending"),
			delay:      time.Minute,
			timeout:    10 * time.Second,
			wantObj:    1,
			wantSleeps: testutil.Secs(10),
			wantErr:    `timeout after 10s waiting for state "done" (last state "pending")`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			clock := waitertest.NewFakeClock()
			refresh, _ := script(tt.steps...)
			cfg := waiter.Config[int]{
				Refresh:        refresh,
				Pending:        or(tt.pending, []string{"pending", "pending-provider", "executing"}),
				Target:         or(tt.target, []string{"done"}),
				Timeout:        tt.timeout,
				FailureMessage: failure,
				PendingHint:    hint,
				NotFoundChecks: tt.notFoundChecks,
				Options:        waiter.Options{Clock: clock, Jitter: -1, Delay: tt.delay},
			}
			obj, err := waiter.Wait(context.Background(), cfg)

			if obj != tt.wantObj {
				t.Errorf("obj = %d, want %d", obj, tt.wantObj)
			}
			switch {
			case tt.wantErr == "" && tt.wantErrIs == nil && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tt.wantErr != "" && (err == nil || err.Error() != tt.wantErr):
				t.Errorf("error = %v\n want %s", err, tt.wantErr)
			}
			if tt.wantErrIs != nil && !errors.Is(err, tt.wantErrIs) {
				t.Errorf("errors.Is(%v, %v) = false", err, tt.wantErrIs)
			}
			if got := clock.Sleeps(); !slices.Equal(got, tt.wantSleeps) && !(len(got) == 0 && len(tt.wantSleeps) == 0) {
				t.Errorf("sleeps = %v\n want %v", got, tt.wantSleeps)
			}
			if tt.check != nil {
				tt.check(t, err)
			}
		})
	}
}

func TestWait_backoffGrowth(t *testing.T) {
	t.Parallel()
	clock := waitertest.NewFakeClock()
	refresh, _ := script(append(states(repeatString("pending", 9)...), step{state: "done"})...)
	var polls []int
	_, err := waiter.Wait(context.Background(), waiter.Config[int]{
		Refresh: refresh, Pending: []string{"pending"}, Target: []string{"done"},
		Options: waiter.Options{Clock: clock, Jitter: -1, OnPoll: func(attempt int, state string, next time.Duration) {
			if state != "pending" {
				t.Errorf("OnPoll state = %q", state)
			}
			polls = append(polls, attempt)
		}},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := testutil.Secs(0.5, 1, 2, 4, 8, 10, 10, 10, 10)
	if got := clock.Sleeps(); !slices.Equal(got, want) {
		t.Errorf("sleeps = %v, want %v", got, want)
	}
	if !slices.Equal(polls, []int{1, 2, 3, 4, 5, 6, 7, 8, 9}) {
		t.Errorf("OnPoll attempts = %v", polls)
	}
}

func TestWait_customIntervals(t *testing.T) {
	t.Parallel()
	clock := waitertest.NewFakeClock()
	refresh, _ := script(append(states(repeatString("pending", 5)...), step{state: "done"})...)
	_, err := waiter.Wait(context.Background(), waiter.Config[int]{
		Refresh: refresh, Pending: []string{"pending"}, Target: []string{"done"},
		Options: waiter.Options{Clock: clock, Jitter: -1, MinInterval: time.Second, MaxInterval: 5 * time.Second, Multiplier: 1.5},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := testutil.Secs(1, 1.5, 2.25, 3.375, 5)
	if got := clock.Sleeps(); !slices.Equal(got, want) {
		t.Errorf("sleeps = %v, want %v", got, want)
	}
}

func TestWait_jitterBounds(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		rand func() float64
		want time.Duration
	}{
		{"lowest", func() float64 { return 0 }, 450 * time.Millisecond},
		{"middle", func() float64 { return 0.5 }, 500 * time.Millisecond},
		{"highest", func() float64 { return 1 }, 550 * time.Millisecond},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			clock := waitertest.NewFakeClock()
			refresh, _ := script(step{state: "pending"}, step{state: "done"})
			_, err := waiter.Wait(context.Background(), waiter.Config[int]{
				Refresh: refresh, Pending: []string{"pending"}, Target: []string{"done"},
				Options: waiter.Options{Clock: clock, Rand: tc.rand}, // default jitter 10%
			})
			if err != nil {
				t.Fatal(err)
			}
			if got := clock.Sleeps(); len(got) != 1 || got[0] != tc.want {
				t.Errorf("sleeps = %v, want [%v]", got, tc.want)
			}
		})
	}

	t.Run("random stays within ±20%", func(t *testing.T) {
		t.Parallel()
		clock := waitertest.NewFakeClock()
		refresh, _ := script(append(states(repeatString("pending", 200)...), step{state: "done"})...)
		_, err := waiter.Wait(context.Background(), waiter.Config[int]{
			Refresh: refresh, Pending: []string{"pending"}, Target: []string{"done"},
			Options: waiter.Options{Clock: clock, Jitter: 0.2},
		})
		if err != nil {
			t.Fatal(err)
		}
		base := 500 * time.Millisecond
		for i, d := range clock.Sleeps() {
			lo, hi := time.Duration(float64(base)*0.8), time.Duration(float64(base)*1.2)
			if d < lo || d > hi {
				t.Fatalf("sleep %d = %v, outside [%v, %v]", i, d, lo, hi)
			}
			base = min(2*base, 10*time.Second)
		}
	})
}

func TestWait_contextDeadline(t *testing.T) {
	t.Parallel()
	clock := waitertest.NewFakeClock()
	ctx, cancel := context.WithDeadline(context.Background(), clock.Now().Add(time.Minute))
	defer cancel()
	refresh, calls := script(states("pending")...)
	_, err := waiter.Wait(ctx, waiter.Config[int]{
		Refresh: refresh, Pending: []string{"pending"}, Target: []string{"done"},
		Options: waiter.Options{Clock: clock, Jitter: -1},
	})
	var te *waiter.TimeoutError
	if !errors.As(err, &te) {
		t.Fatalf("want *TimeoutError, got %v", err)
	}
	if te.Timeout < 59*time.Second || te.Timeout > time.Minute {
		t.Errorf("Timeout = %v, want about 1m", te.Timeout)
	}
	var total time.Duration
	for _, d := range clock.Sleeps() {
		total += d
	}
	// The final refresh needs time under the same context: stop 2s early.
	if want := time.Minute - 2*time.Second; total > want || total < want-time.Second {
		t.Errorf("slept %v in total, want just under %v", total, want)
	}
	if calls() < 2 {
		t.Errorf("refresh called %d times", calls())
	}
}

func TestWait_contextDeadlineDuringFinalRefresh(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	calls := 0
	refresh := func(ctx context.Context) (int, string, error) {
		calls++
		if calls == 1 {
			return 1, "pending-provider", nil
		}
		// A slow API: the call ends with the context, as an HTTP call would.
		<-ctx.Done()
		return 0, "", fmt.Errorf("GET /orders/1/: %w", ctx.Err())
	}
	_, err := waiter.Wait(ctx, waiter.Config[int]{
		Refresh: refresh, Pending: []string{"pending-provider"}, Target: []string{"done"},
		PendingHint: func(int, string) string { return "waiting for approval" },
		Options:     waiter.Options{MinInterval: time.Hour},
	})
	var te *waiter.TimeoutError
	if !errors.As(err, &te) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("want *TimeoutError wrapping DeadlineExceeded, got %v", err)
	}
	if te.LastState != "pending-provider" || te.Hint != "waiting for approval" || calls != 2 {
		t.Errorf("TimeoutError = %#v after %d calls", te, calls)
	}
}

func TestWait_contextCanceled(t *testing.T) {
	t.Parallel()

	t.Run("during refresh", func(t *testing.T) {
		t.Parallel()
		ctx, cancel := context.WithCancel(context.Background())
		calls := 0
		refresh := func(ctx context.Context) (int, string, error) {
			calls++
			if calls == 2 {
				cancel()
				return 0, "", fmt.Errorf("GET /x: %w", ctx.Err())
			}
			return calls, "pending", nil
		}
		obj, err := waiter.Wait(ctx, waiter.Config[int]{
			Refresh: refresh, Pending: []string{"pending"}, Target: []string{"done"},
			Options: waiter.Options{Clock: waitertest.NewFakeClock()},
		})
		if !errors.Is(err, context.Canceled) || waiter.IsTimeout(err) {
			t.Fatalf("want a cancellation, got %v", err)
		}
		if want := `waiting for state "done" stopped (last state "pending"): context canceled`; err.Error() != want {
			t.Errorf("error = %q, want %q", err, want)
		}
		if obj != 1 || calls != 2 {
			t.Errorf("obj = %d, calls = %d", obj, calls)
		}
	})

	t.Run("during sleep with the real clock", func(t *testing.T) {
		t.Parallel()
		ctx, cancel := context.WithCancel(context.Background())
		refresh, _ := script(states("pending")...)
		go func() {
			time.Sleep(20 * time.Millisecond)
			cancel()
		}()
		start := time.Now()
		_, err := waiter.Wait(ctx, waiter.Config[int]{
			Refresh: refresh, Pending: []string{"pending"}, Target: []string{"done"},
			Options: waiter.Options{MinInterval: time.Hour},
		})
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("want context.Canceled, got %v", err)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("returned after %v, want promptly", d)
		}
	})

	t.Run("before start", func(t *testing.T) {
		t.Parallel()
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		refresh := func(ctx context.Context) (int, string, error) { return 0, "", ctx.Err() }
		_, err := waiter.Wait(ctx, waiter.Config[int]{Refresh: refresh, Target: []string{"done"}})
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("want context.Canceled, got %v", err)
		}
	})
}

func TestWait_realClockShortTimeout(t *testing.T) {
	t.Parallel()
	refresh, calls := script(states("pending")...)
	start := time.Now()
	_, err := waiter.Wait(context.Background(), waiter.Config[int]{
		Refresh: refresh, Pending: []string{"pending"}, Target: []string{"done"},
		Timeout: 50 * time.Millisecond,
		Options: waiter.Options{MinInterval: 10 * time.Millisecond},
	})
	if !waiter.IsTimeout(err) {
		t.Fatalf("want timeout, got %v", err)
	}
	if d := time.Since(start); d < 50*time.Millisecond || d > 5*time.Second {
		t.Errorf("took %v", d)
	}
	if calls() < 3 {
		t.Errorf("refresh called %d times", calls())
	}
}

func TestWait_invalidConfig(t *testing.T) {
	t.Parallel()
	refresh, _ := script(states("done")...)
	if _, err := waiter.Wait(context.Background(), waiter.Config[int]{Target: []string{"done"}}); err == nil {
		t.Error("no error without Refresh")
	}
	if _, err := waiter.Wait(context.Background(), waiter.Config[int]{Refresh: refresh}); err == nil {
		t.Error("no error without Target")
	}
}

func TestErrorMessages(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		err  error
		want string
	}{
		{&waiter.TimeoutError{Expected: []string{"done"}, Timeout: 90 * time.Second}, `timeout after 1m30s waiting for state "done"`},
		{&waiter.TimeoutError{Expected: []string{"done"}, Timeout: 1500 * time.Millisecond, LastState: "creating", LastErr: errBoom},
			`timeout after 2s waiting for state "done" (last state "creating"): GET /orders/1/ returned 500 Internal Server Error`},
		{&waiter.UnexpectedStateError{State: "erred", Expected: []string{"done"}}, `unexpected state "erred", wanted "done"`},
		{&waiter.UnexpectedStateError{State: "x", Expected: []string{"a", waiter.StateGone}}, `unexpected state "x", wanted "a" or deleted`},
		{&waiter.NotFoundError{Checks: 1}, "object not found"},
	} {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("Error() = %q, want %q", got, tc.want)
		}
	}
	if !errors.Is(&waiter.NotFoundError{Checks: 1}, waiter.ErrNotFound) {
		t.Error("NotFoundError does not match ErrNotFound")
	}
}

func or(v, def []string) []string {
	if v == nil {
		return def
	}
	return v
}

func repeat(d time.Duration, n int) []time.Duration {
	out := make([]time.Duration, n)
	for i := range out {
		out[i] = d
	}
	return out
}

func repeatString(s string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = s
	}
	return out
}
