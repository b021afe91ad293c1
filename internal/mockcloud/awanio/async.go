package awanio

import "time"

// AsyncStatus is the status of an Awanio object that changes by itself: a
// VM that is provisioning and then running, a baremetal server that is
// Deploying and then Deployed, a cluster pending and then running, or an
// object being deleted. It stores when it started and its steps; the
// status at any time is derived from the injected clock, so nothing runs in
// the background and a test that owns the clock decides when it moves.
//
//	s := newAsyncStatus(now, "provisioning", AsyncStep{After: a.delays.Provision, Status: "running"})
//	s.At(now) // "provisioning" until the delay has passed, then "running"
type AsyncStatus struct {
	Since time.Time `json:"since"`
	// Initial is the status from Since until the first step.
	Initial string      `json:"initial"`
	Steps   []AsyncStep `json:"steps,omitempty"`
	// Fixed, when set, overrides everything (a test made the object fail
	// or stick): see Fix.
	Fixed string `json:"fixed,omitempty"`
}

// AsyncStep is reached After (counted from Since, not from the previous
// step). A step with Status AsyncGone means the object no longer exists.
type AsyncStep struct {
	After  time.Duration `json:"after"`
	Status string        `json:"status"`
}

// AsyncGone as a step's status means the object has disappeared (the end
// of an asynchronous delete): handlers answer 404 and may drop the record.
const AsyncGone = "__gone__"

func newAsyncStatus(now time.Time, initial string, steps ...AsyncStep) AsyncStatus {
	return AsyncStatus{Since: now, Initial: initial, Steps: steps}
}

// At is the status at time now.
func (s AsyncStatus) At(now time.Time) string {
	if s.Fixed != "" {
		return s.Fixed
	}
	status := s.Initial
	elapsed := now.Sub(s.Since)
	for _, step := range s.Steps {
		if elapsed >= step.After {
			status = step.Status
		}
	}
	return status
}

// ReachedAt reports when s reached status, if s is in it at now by one of
// its steps (not by Fix): the moment an object became final, for poll lag.
func (s AsyncStatus) ReachedAt(now time.Time, status string) (time.Time, bool) {
	if s.Fixed != "" || s.At(now) != status {
		return time.Time{}, false
	}
	for i := len(s.Steps) - 1; i >= 0; i-- {
		if s.Steps[i].Status == status && now.Sub(s.Since) >= s.Steps[i].After {
			return s.Since.Add(s.Steps[i].After), true
		}
	}
	return time.Time{}, false
}

// Gone reports whether the object has disappeared at time now.
func (s AsyncStatus) Gone(now time.Time) bool { return s.At(now) == AsyncGone }

// Settled reports whether the status will not change any more by itself.
func (s AsyncStatus) Settled(now time.Time) bool {
	if s.Fixed != "" || len(s.Steps) == 0 {
		return true
	}
	return now.Sub(s.Since) >= s.Steps[len(s.Steps)-1].After
}

// Restart begins a new sequence at now (e.g. a delete of a running VM:
// "deleting", then AsyncGone).
func (s *AsyncStatus) Restart(now time.Time, initial string, steps ...AsyncStep) {
	*s = newAsyncStatus(now, initial, steps...)
}

// Fix pins the status (e.g. "error" or "failed" for tests of failures, or a
// pending status to make an object stick); "" unpins it.
func (s *AsyncStatus) Fix(status string) { s.Fixed = status }
