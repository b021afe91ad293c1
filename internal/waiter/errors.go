package waiter

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// TimeoutError means the deadline passed while the object was still pending.
type TimeoutError struct {
	LastState string
	Expected  []string
	Timeout   time.Duration
	Hint      string // PendingHint for the last state
	LastErr   error  // the final refresh's error, if it failed
}

func (e *TimeoutError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "timeout after %s %s", roundTimeout(e.Timeout), waitingFor(e.Expected))
	if e.LastState != "" {
		fmt.Fprintf(&b, " (last state %q", e.LastState)
		if e.Hint != "" {
			b.WriteString(": " + e.Hint)
		}
		b.WriteString(")")
	}
	if e.LastErr != nil {
		fmt.Fprintf(&b, ": %v", e.LastErr)
	}
	return b.String()
}

func (e *TimeoutError) Unwrap() error { return e.LastErr }

// Is makes every timeout match context.DeadlineExceeded, whether the
// deadline was Config.Timeout or the context's.
func (e *TimeoutError) Is(target error) bool { return target == context.DeadlineExceeded }

// UnexpectedStateError means the object reached a state that is neither
// pending nor a target, usually a failure reported by the API.
type UnexpectedStateError struct {
	State    string
	Expected []string
	Message  string // the API's own explanation, from FailureMessage
}

func (e *UnexpectedStateError) Error() string {
	msg := fmt.Sprintf("unexpected state %q, wanted %s", e.State, quoteStates(e.Expected))
	if e.Message != "" {
		msg += ": " + e.Message
	}
	return msg
}

// NotFound is what a refresh function returns when the API answered that
// the object does not exist: it is ErrNotFound for the waiter, and keeps
// the API's error (which names the backend, the request and the API's own
// message) for the NotFoundError that ends the wait.
func NotFound(apiErr error) error {
	if apiErr == nil {
		return ErrNotFound
	}
	return fmt.Errorf("%w: %w", ErrNotFound, apiErr)
}

// NotFoundError means the object was missing more often in a row than
// NotFoundChecks allows.
type NotFoundError struct {
	Checks  int   // consecutive not-found refreshes, including the last
	LastErr error // the refresh error that reported it
}

func (e *NotFoundError) Error() string {
	msg := "object not found"
	if e.Checks > 1 {
		msg += " after " + strconv.Itoa(e.Checks) + " consecutive checks"
	}
	// Identity, not errors.Is: only the bare sentinel adds nothing; an
	// error that wraps it carries the API's message.
	if e.LastErr != nil && e.LastErr != ErrNotFound { //nolint:errorlint // see above
		msg += ": " + e.LastErr.Error()
	}
	return msg
}

// Unwrap makes errors.Is(err, ErrNotFound) hold even when LastErr is nil.
func (e *NotFoundError) Unwrap() []error {
	if e.LastErr == nil {
		return []error{ErrNotFound}
	}
	return []error{ErrNotFound, e.LastErr}
}

// IsTimeout reports whether err is, or wraps, a *TimeoutError.
func IsTimeout(err error) bool {
	var e *TimeoutError
	return errors.As(err, &e)
}

func waitingFor(states []string) string {
	if len(states) == 1 && states[0] == StateGone {
		return "waiting for the object to be deleted"
	}
	return "waiting for state " + quoteStates(states)
}

func quoteStates(states []string) string {
	q := make([]string, len(states))
	for i, s := range states {
		if s == StateGone {
			q[i] = "deleted"
			continue
		}
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, " or ")
}

func describeStates(states []string) string { return strings.Join(states, ",") }

func roundTimeout(d time.Duration) time.Duration {
	if d >= time.Second {
		return d.Round(time.Second)
	}
	return d.Round(time.Millisecond)
}
