// Package waiter polls an API object until it reaches a target state: the
// context-aware counterpart of the AWS provider's retry.StateChangeConf,
// shared by every backend.
package waiter

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// ErrNotFound is what refresh functions return (or wrap) when the object is
// missing.
var ErrNotFound = errors.New("not found")

// StateGone in Target makes "not found" the success of a delete wait.
const StateGone = "__gone__"

const (
	defaultMinInterval = 500 * time.Millisecond
	defaultMaxInterval = 10 * time.Second
	defaultMultiplier  = 2
	defaultJitter      = 0.1

	// finalRefreshReserve is kept free before a context deadline so that the
	// last refresh, an HTTP call under that same context, can still finish.
	// A Timeout of our own needs none: the context outlives it.
	finalRefreshReserve = 2 * time.Second
)

// RefreshFunc fetches the object and reports its state. It returns an error
// wrapping ErrNotFound when the object does not exist.
type RefreshFunc[T any] func(ctx context.Context) (obj T, state string, err error)

// Config describes one wait.
type Config[T any] struct {
	Refresh RefreshFunc[T]
	Pending []string // states that mean "keep waiting"
	Target  []string // states that mean success; may include StateGone
	// Timeout bounds the wait; 0 leaves only the context's deadline. It does
	// not shorten the context given to Refresh, so a final refresh at the
	// timeout still works.
	Timeout time.Duration
	// FailureMessage returns the API's own explanation of a failed object
	// (e.g. order.error_message) for *UnexpectedStateError.
	FailureMessage func(obj T, state string) string
	// PendingHint says why the object is still pending (e.g. "waiting for
	// the service provider to approve the order"), for *TimeoutError.
	PendingHint func(obj T, state string) string
	// NotFoundChecks is how many consecutive not-found refreshes to tolerate,
	// for APIs that are eventually consistent right after a create.
	NotFoundChecks int
	// Kind names the sort of wait for Options.Learner; the default is the
	// object's Go type with the pending and target states.
	Kind string
	// Failed, when set, lists the states that end the wait as failed, and
	// every other state that is neither a target nor failed keeps it
	// going: for APIs that may show states no document lists (the
	// WAYSCloud page shows an order "Creating"). Such a state is told to
	// OnUnknownState, if set, each time it is seen.
	Failed         []string
	OnUnknownState func(state string)
	Options
}

// Options tune polling; zero values take the defaults.
type Options struct {
	Delay       time.Duration // before the first refresh; default 0
	MinInterval time.Duration // first poll interval; default 500ms
	MaxInterval time.Duration // interval cap before jitter; default 10s
	Multiplier  float64       // growth per poll; default 2
	Jitter      float64       // ±fraction of each interval; default 0.1, negative disables
	Clock       Clock         // default: real time
	Rand        func() float64
	// OnPoll observes each decision to keep waiting: the 1-based refresh
	// count, the state seen ("" while not found) and the coming sleep.
	OnPoll func(attempt int, state string, next time.Duration)
	// Learner, when set, learns how long waits of each kind take: the
	// first poll then comes just before that time (but never before
	// Delay) and later ones closely after it, and a wait that ends wakes
	// the others of its kind. Nil polls on the fixed schedule above.
	Learner *Learner
	// Solo tells the backend clients that each wait reads its own object
	// instead of sharing one list per group with the waits polling at the
	// same moment (internal/watch). Only the bench's upstream-like
	// baseline sets it; the waiter itself ignores it.
	Solo bool
}

// Clock is the time source; tests use waitertest.FakeClock.
type Clock interface {
	Now() time.Time
	Sleep(ctx context.Context, d time.Duration) error
}

// RealClock is the wall clock. Its Sleep returns early with ctx.Err() when
// the context ends; the HTTP layer and backend clients use it too.
type RealClock struct{}

// Now returns the current time.
func (RealClock) Now() time.Time { return time.Now() }

// Sleep waits for d or until ctx ends.
func (RealClock) Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

func (o Options) withDefaults() Options {
	if o.MinInterval <= 0 {
		o.MinInterval = defaultMinInterval
	}
	if o.MaxInterval <= 0 {
		o.MaxInterval = defaultMaxInterval
	}
	o.MaxInterval = max(o.MaxInterval, o.MinInterval)
	if o.Multiplier == 0 {
		o.Multiplier = defaultMultiplier
	}
	o.Multiplier = max(o.Multiplier, 1)
	switch {
	case o.Jitter == 0:
		o.Jitter = defaultJitter
	case o.Jitter < 0:
		o.Jitter = 0
	}
	o.Jitter = min(o.Jitter, 1)
	if o.Clock == nil {
		o.Clock = RealClock{}
	}
	if o.Rand == nil {
		o.Rand = rand.Float64
	}
	return o
}

// Wait polls cfg.Refresh until the state is in cfg.Target and returns the
// last object seen, also alongside an error. The errors are *TimeoutError,
// *UnexpectedStateError, *NotFoundError, a refresh error wrapped with the
// last state, or the context's error.
func Wait[T any](ctx context.Context, cfg Config[T]) (T, error) {
	var zero T
	if cfg.Refresh == nil {
		return zero, errors.New("waiter: Refresh is required")
	}
	if len(cfg.Target) == 0 {
		return zero, errors.New("waiter: Target is required")
	}
	w := &run[T]{cfg: cfg, opts: cfg.Options.withDefaults()}
	if w.opts.Learner != nil {
		w.kind = kindOf(cfg)
	}
	w.start = w.opts.Clock.Now()
	w.setDeadline(ctx)
	return w.wait(ctx)
}

type run[T any] struct {
	cfg  Config[T]
	opts Options
	kind string // for opts.Learner

	start       time.Time
	deadline    time.Time // zero: none
	sleepLimit  time.Time // deadline less the reserve for the final refresh
	fromTimeout bool      // the deadline is cfg.Timeout rather than ctx's

	last      T
	lastState string
	notFound  int

	wakeups int // polls moved earlier because other waits of the kind ended
}

func (w *run[T]) setDeadline(ctx context.Context) {
	if w.cfg.Timeout > 0 {
		w.deadline, w.fromTimeout = w.start.Add(w.cfg.Timeout), true
		w.sleepLimit = w.deadline
	}
	if d, ok := ctx.Deadline(); ok && (w.deadline.IsZero() || d.Before(w.deadline)) {
		w.deadline, w.fromTimeout = d, false
		reserve := max(min(finalRefreshReserve, d.Sub(w.start)/10), 0)
		w.sleepLimit = d.Add(-reserve)
	}
}

// wait runs the refresh loop. owed is the sleep still due before the next
// planned refresh: all of it normally, the rest of it after a wake-up,
// which adds a refresh without moving the schedule.
func (w *run[T]) wait(ctx context.Context) (T, error) {
	owed, interval := w.plan()
	final := false
	var err error
	if owed > 0 {
		if owed, final, err = w.sleep(ctx, owed); err != nil {
			return w.last, err
		}
	}
	for attempt := 1; ; attempt++ {
		at := w.elapsed()
		done, err := w.refresh(ctx)
		if done || err != nil {
			if err == nil {
				w.learn(at)
			}
			return w.last, err
		}
		if final {
			return w.last, w.timeoutError(nil)
		}
		if owed <= 0 {
			owed = w.jitter(interval)
			interval = w.grow(interval)
		}
		w.observe(ctx, attempt, owed)
		if owed, final, err = w.sleep(ctx, owed); err != nil {
			return w.last, err
		}
	}
}

// plan returns the sleep before the first refresh and the first interval:
// Delay and MinInterval, or with a Learner that knows the kind, just
// before the learned duration and a fraction of it.
func (w *run[T]) plan() (first, interval time.Duration) {
	first, interval = w.opts.Delay, w.opts.MinInterval
	if w.opts.Learner == nil {
		return first, interval
	}
	est, ok := w.opts.Learner.Estimate(w.kind)
	if !ok {
		if w.opts.Jitter > 0 { // not disabled
			w.opts.Jitter = max(w.opts.Jitter, unknownKindJitter)
		}
		return first, interval
	}
	first = max(first, time.Duration(firstPollFraction*float64(est)))
	// The floor keeps a kind learned as instant from polling in a loop.
	interval = max(time.Duration(followUpFraction*float64(est)), w.opts.MinInterval/5)
	return first, min(interval, w.opts.MaxInterval)
}

func (w *run[T]) elapsed() time.Duration { return w.opts.Clock.Now().Sub(w.start) }

// learn tells the Learner that the wait reached its target at the refresh
// that started at.
func (w *run[T]) learn(at time.Duration) {
	if w.opts.Learner != nil {
		w.opts.Learner.ended(w.kind, at)
	}
}

// refresh calls Refresh once; done means the wait is over, with err nil
// on success.
func (w *run[T]) refresh(ctx context.Context) (done bool, err error) {
	obj, state, err := w.cfg.Refresh(ctx)
	switch {
	case err == nil:
	case errors.Is(err, ErrNotFound) && ctx.Err() == nil:
		if slices.Contains(w.cfg.Target, StateGone) {
			return true, nil
		}
		w.notFound++
		if w.notFound > w.cfg.NotFoundChecks {
			return true, &NotFoundError{Checks: w.notFound, LastErr: err}
		}
		return false, nil
	case ctx.Err() != nil:
		return true, w.contextError(ctx, err)
	default:
		return true, fmt.Errorf("%s%s: %w", waitingFor(w.cfg.Target), w.lastStateNote(), err)
	}

	w.last, w.lastState, w.notFound = obj, state, 0
	switch {
	case slices.Contains(w.cfg.Target, state):
		return true, nil
	case slices.Contains(w.cfg.Pending, state):
		return false, nil
	case w.cfg.Failed != nil && !slices.Contains(w.cfg.Failed, state):
		if w.cfg.OnUnknownState != nil {
			w.cfg.OnUnknownState(state)
		}
		return false, nil
	}
	msg := ""
	if w.cfg.FailureMessage != nil {
		msg = w.cfg.FailureMessage(obj, state)
	}
	return true, &UnexpectedStateError{State: state, Expected: w.cfg.Target, Message: msg}
}

// sleep waits d, or only until the deadline, in which case final is set:
// one last refresh follows and then the wait times out. When other waits
// of the kind end meanwhile, the sleep may end early; left is then the
// part of d not slept, to sleep after the extra refresh.
func (w *run[T]) sleep(ctx context.Context, d time.Duration) (left time.Duration, final bool, err error) {
	if !w.deadline.IsZero() {
		if limit := w.sleepLimit.Sub(w.opts.Clock.Now()); limit <= d {
			d, final = max(limit, 0), true
		}
	}
	left, err = w.sleepOrWake(ctx, d)
	if err != nil {
		return 0, false, w.contextError(ctx, err)
	}
	if left > 0 {
		return left, false, nil
	}
	return 0, final, nil
}

// sleepOrWake sleeps d. Each time another wait of the kind ends, having
// waited h, the sleep is cut short to end when this wait has waited h
// too, if that is sooner: equal objects started together end together.
// left is what remains of d when the sleep was cut short.
func (w *run[T]) sleepOrWake(ctx context.Context, d time.Duration) (left time.Duration, err error) {
	if w.opts.Learner == nil || w.wakeups >= maxWakeups || d <= 0 {
		return 0, w.opts.Clock.Sleep(ctx, d)
	}
	planned := w.opts.Clock.Now().Add(d)
	end := planned
	for {
		wake := w.opts.Learner.wakeup(w.kind)
		err := w.sleepUntil(ctx, end, wake)
		switch {
		case err == nil && end.Equal(planned):
			return 0, nil
		case err == nil: // cut short
			w.wakeups++
			return max(planned.Sub(w.opts.Clock.Now()), time.Nanosecond), nil
		case ctx.Err() != nil:
			return 0, err
		}
		// Woken: poll when as old as the wait that just ended.
		if at := w.start.Add(w.opts.Learner.endedAfter(w.kind)); at.Before(end) {
			end = at
		}
	}
}

// sleepUntil sleeps until end, returning errWoken when wake closes first.
func (w *run[T]) sleepUntil(ctx context.Context, end time.Time, wake <-chan struct{}) error {
	d := end.Sub(w.opts.Clock.Now())
	if d <= 0 {
		return nil
	}
	sctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	go func() {
		select {
		case <-wake:
			cancel(errWoken)
		case <-sctx.Done():
		}
	}()
	if err := w.opts.Clock.Sleep(sctx, d); err != nil {
		if ctx.Err() == nil && errors.Is(context.Cause(sctx), errWoken) {
			return errWoken
		}
		return err
	}
	return nil
}

var errWoken = errors.New("woken")

// grow computes in float64 so a large Multiplier cannot overflow Duration.
func (w *run[T]) grow(d time.Duration) time.Duration {
	if next := float64(d) * w.opts.Multiplier; next < float64(w.opts.MaxInterval) {
		return time.Duration(next)
	}
	return w.opts.MaxInterval
}

func (w *run[T]) jitter(d time.Duration) time.Duration {
	if w.opts.Jitter == 0 {
		return d
	}
	return time.Duration(float64(d) * (1 + w.opts.Jitter*(2*w.opts.Rand()-1)))
}

func (w *run[T]) observe(ctx context.Context, attempt int, next time.Duration) {
	if w.opts.OnPoll != nil {
		w.opts.OnPoll(attempt, w.lastState, next)
	}
	tflog.Debug(ctx, "waiting for state", map[string]any{
		"target":     describeStates(w.cfg.Target),
		"state":      w.lastState,
		"not_found":  w.notFound,
		"attempt":    attempt,
		"next_check": next.String(),
	})
}

// contextError turns the end of ctx into a *TimeoutError when its deadline
// passed, so the user sees the last state rather than a bare "context
// deadline exceeded"; cancellation stays a cancellation.
func (w *run[T]) contextError(ctx context.Context, err error) error {
	if err == ctx.Err() { //nolint:errorlint // identity: only the bare context error adds nothing
		err = nil // the bare context error adds nothing to the message
	}
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return w.timeoutError(err)
	}
	stopped := fmt.Errorf("%s stopped%s: %w", waitingFor(w.cfg.Target), w.lastStateNote(), ctx.Err())
	if err == nil || errors.Is(err, ctx.Err()) {
		return stopped
	}
	return fmt.Errorf("%w (last refresh: %w)", stopped, err)
}

func (w *run[T]) lastStateNote() string {
	if w.lastState == "" {
		return ""
	}
	return fmt.Sprintf(" (last state %q)", w.lastState)
}

func (w *run[T]) timeoutError(lastErr error) *TimeoutError {
	e := &TimeoutError{LastState: w.lastState, Expected: w.cfg.Target, Timeout: w.cfg.Timeout, LastErr: lastErr}
	if !w.fromTimeout {
		e.Timeout = w.deadline.Sub(w.start)
	}
	if w.cfg.PendingHint != nil && w.lastState != "" {
		e.Hint = w.cfg.PendingHint(w.last, w.lastState)
	}
	return e
}
