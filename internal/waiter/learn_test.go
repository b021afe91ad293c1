package waiter_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest/testutil"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waiter"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waiter/waitertest"
)

// pendingFor answers "pending" until the fake clock has moved d past the
// moment the function was built, then "done": an object that takes d.
func pendingFor(clock *waitertest.FakeClock, d time.Duration) waiter.RefreshFunc[int] {
	ready := clock.Now().Add(d)
	return func(context.Context) (int, string, error) {
		if clock.Now().Before(ready) {
			return 0, "pending", nil
		}
		return 1, "done", nil
	}
}

func TestWait_learnsTheTypicalDuration(t *testing.T) {
	t.Parallel()
	clock := waitertest.NewFakeClock()
	learner := waiter.NewLearner()
	opts := waiter.Options{Clock: clock, Jitter: -1, Multiplier: 1.5, Learner: learner}
	wait := func(takes time.Duration) []time.Duration {
		t.Helper()
		before := len(clock.Sleeps())
		_, err := waiter.Wait(context.Background(), waiter.Config[int]{
			Refresh: pendingFor(clock, takes), Pending: []string{"pending"}, Target: []string{"done"}, Options: opts,
		})
		if err != nil {
			t.Fatal(err)
		}
		return clock.Sleeps()[before:]
	}

	// Nothing learned yet: the usual schedule, 0.5s growing by 1.5.
	if got, want := wait(2*time.Second), testutil.Secs(0.5, 0.75, 1.125); !slices.Equal(got, want) {
		t.Fatalf("first wait slept %v, want %v", got, want)
	}
	est, ok := learner.Estimate("int:pending>done")
	if !ok || est != 2375*time.Millisecond {
		t.Fatalf("estimate = %v, %v; want 2.375s (when the wait saw done)", est, ok)
	}

	// Learned: one sleep to just before the estimate, which the object
	// beat, so the estimate falls.
	got := wait(2 * time.Second)
	if want := []time.Duration{time.Duration(0.95 * float64(est))}; !slices.Equal(got, want) {
		t.Errorf("second wait slept %v, want %v (95%% of the estimate)", got, want)
	}
	if lower, _ := learner.Estimate("int:pending>done"); lower >= est {
		t.Errorf("estimate %v did not fall below %v", lower, est)
	}

	// Slower than the new first poll: one short follow-up, no overshoot
	// by a grown interval.
	got = wait(2300 * time.Millisecond)
	if len(got) != 2 {
		t.Fatalf("third wait slept %v, want two sleeps", got)
	}
	if total := got[0] + got[1]; total < 2300*time.Millisecond || total > 2500*time.Millisecond {
		t.Errorf("third wait took %v in total, want just over the 2.3s the object takes", total)
	}

	// A different kind of wait learns apart.
	if _, ok := learner.Estimate("int:pending>gone"); ok {
		t.Error("an unrelated kind has an estimate")
	}
}

func TestWait_learnerNeverPollsInALoop(t *testing.T) {
	t.Parallel()
	clock := waitertest.NewFakeClock()
	learner := waiter.NewLearner()
	opts := waiter.Options{Clock: clock, Jitter: -1, Learner: learner, Delay: 0}
	// An object that is done at once teaches an estimate of zero.
	if _, err := waiter.Wait(context.Background(), waiter.Config[int]{
		Refresh: pendingFor(clock, 0), Pending: []string{"pending"}, Target: []string{"done"}, Options: opts,
	}); err != nil {
		t.Fatal(err)
	}
	// Then the cloud slows down: 10 minutes. Polls must still back off.
	calls := 0
	slow := pendingFor(clock, 10*time.Minute)
	if _, err := waiter.Wait(context.Background(), waiter.Config[int]{
		Refresh: func(ctx context.Context) (int, string, error) { calls++; return slow(ctx) },
		Pending: []string{"pending"}, Target: []string{"done"}, Options: opts,
	}); err != nil {
		t.Fatal(err)
	}
	// 0.1s growing ×2 to the 10s cap: ~9 polls to reach 10s, then 6 a minute.
	if calls > 75 {
		t.Errorf("%d refreshes in 10 minutes: a request storm", calls)
	}
	sleeps := clock.Sleeps()
	if first := sleeps[1]; first < 100*time.Millisecond {
		t.Errorf("first interval %v: want at least MinInterval/5", first)
	}
}

func TestWait_wokenWhenAnotherWaitOfTheKindEnds(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	learner := waiter.NewLearner()
	cfg := func(refresh waiter.RefreshFunc[int]) waiter.Config[int] {
		return waiter.Config[int]{
			Refresh: refresh, Pending: []string{"pending"}, Target: []string{"done"},
			// Without a wake-up, the second refresh would come in an hour.
			Options: waiter.Options{MinInterval: time.Hour, Learner: learner},
		}
	}

	firstPoll := make(chan struct{})
	calls := 0
	sleeper := make(chan error, 1)
	go func() {
		_, err := waiter.Wait(ctx, cfg(func(context.Context) (int, string, error) {
			calls++
			if calls == 1 {
				close(firstPoll)
				return 0, "pending", nil
			}
			return 1, "done", nil
		}))
		sleeper <- err
	}()
	<-firstPoll
	// Give the sleeper a moment to start sleeping, then end another wait.
	time.Sleep(20 * time.Millisecond)
	if _, err := waiter.Wait(ctx, cfg(func(context.Context) (int, string, error) { return 1, "done", nil })); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-sleeper:
		if err != nil {
			t.Fatalf("woken wait: %v", err)
		}
	case <-ctx.Done():
		t.Fatal("the sleeping wait was not woken")
	}
	if calls != 2 {
		t.Errorf("woken wait refreshed %d times, want 2", calls)
	}
}

func TestWait_wakeUpDoesNotEndTheWaitEarly(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	learner := waiter.NewLearner()
	opts := waiter.Options{MinInterval: 200 * time.Millisecond, Multiplier: 1, Jitter: -1, Learner: learner}
	firstPoll := make(chan struct{})
	var refreshes []time.Time
	sleeper := make(chan error, 1)
	go func() {
		_, err := waiter.Wait(ctx, waiter.Config[int]{
			Refresh: func(context.Context) (int, string, error) {
				refreshes = append(refreshes, time.Now())
				if len(refreshes) == 1 {
					close(firstPoll)
				}
				if len(refreshes) < 4 {
					return 0, "pending", nil
				}
				return 1, "done", nil
			},
			Pending: []string{"pending"}, Target: []string{"done"}, Options: opts,
		})
		sleeper <- err
	}()
	<-firstPoll
	time.Sleep(20 * time.Millisecond)
	if _, err := waiter.Wait(ctx, waiter.Config[int]{
		Refresh: func(context.Context) (int, string, error) { return 1, "done", nil },
		Pending: []string{"pending"}, Target: []string{"done"}, Options: opts,
	}); err != nil {
		t.Fatal(err)
	}
	if err := <-sleeper; err != nil && !errors.Is(err, context.Canceled) {
		t.Fatal(err)
	}
	if len(refreshes) != 4 {
		t.Fatalf("%d refreshes, want 4", len(refreshes))
	}
	// The extra refresh kept the schedule: the third came at about 200ms.
	if gap := refreshes[2].Sub(refreshes[0]); gap < 150*time.Millisecond || gap > 350*time.Millisecond {
		t.Errorf("the poll after the wake-up came %v after the first, want about 200ms", gap)
	}
}
