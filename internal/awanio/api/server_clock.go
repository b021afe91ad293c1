package api

import (
	"net/http"
	"sync"
	"time"
)

// The server's clock, read from the Date header of every answer (RFC 9110
// §6.6.1: an origin server with a clock sends it). It bounds the lookup of
// an object whose create answer was lost: Awanio stamps created_at with
// that clock, and ours may be minutes off. The same reasoning as Waldur's
// (internal/waldur/api/server_clock.go), for Awanio's envelope client.

// serverClockTolerance widens every bound: Date and created_at are
// truncated to the second, and several API servers behind a balancer
// agree only to within NTP's milliseconds.
const serverClockTolerance = time.Second

// dateObservation is a Date header and the local (monotonic) time at
// which its answer was read.
type dateObservation struct {
	date     time.Time
	received time.Time
}

func (o dateObservation) known() bool { return !o.date.IsZero() }

// serverClock keeps the latest observation.
type serverClock struct {
	mu   sync.Mutex
	last dateObservation
}

// observe records the Date of an answer read at received; an answer
// without one (a proxy may drop it) changes nothing.
func (s *serverClock) observe(h http.Header, received time.Time) {
	d, err := http.ParseTime(h.Get("Date"))
	if err != nil || d.IsZero() {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.last.known() || received.After(s.last.received) {
		s.last = dateObservation{date: d, received: received}
	}
}

func (s *serverClock) latest() dateObservation {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.last
}

// notBefore is a server time not after the moment a request sent at local
// time sent reached the server. A Date read before sending had passed
// already; a Date read at local time r after sending is at most the
// server's time at r, so date-(r-sent) is not after the server's time at
// sending. The later bound is the closer one; ok is false without any.
func notBefore(sent time.Time, obs ...dateObservation) (bound time.Time, ok bool) {
	for _, o := range obs {
		if !o.known() {
			continue
		}
		b := o.date
		if o.received.After(sent) {
			b = b.Add(-o.received.Sub(sent))
		}
		if !ok || b.After(bound) {
			bound, ok = b, true
		}
	}
	return bound.Add(-serverClockTolerance), ok
}
