package api

import (
	"net/http"
	"sync"
	"time"
)

// serverClockTolerance widens every bound taken from the server's Date
// header. Date is truncated to the second (which only makes a bound
// earlier), but Waldur behind a load balancer runs on several machines
// whose clocks NTP keeps within milliseconds, not exactly together; and
// NTP may slew a clock a little faster than ours. A second covers both
// and costs little: an older order of the same request that falls into
// that second is still told apart by the checks after the time bound.
const serverClockTolerance = time.Second

// serverClock remembers the last Date header Waldur sent and when it
// arrived here, so that the creation time of an order can be bounded by
// the server's own clock: the orders' "created" timestamps come from that
// clock, and ours may be skewed by minutes.
type serverClock struct {
	mu   sync.Mutex
	last dateObservation
}

// dateObservation is a Date header and the local (monotonic) time at which
// its response was read.
type dateObservation struct {
	date     time.Time // server time, truncated to the second
	received time.Time // local time, with its monotonic reading
}

func (o dateObservation) known() bool { return !o.date.IsZero() }

// observe records the Date header of a response; responses without one
// (a proxy may drop it) are ignored.
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

// notBefore returns a server time that is certainly not after the moment a
// request sent locally at sent reached the server, from observations taken
// before and after it; ok is false when there is none.
//
//   - A Date read before sending is a server time that had passed already:
//     the request reached the server later.
//   - A Date read after sending, at local time r, is at most the server's
//     time at r; the server's clock moved on by no more than r-sent since
//     the request was sent (it does not run faster than ours), so
//     date-(r-sent) is not after the server's time at sending, and so not
//     after the request's arrival.
//
// Both bounds hold; the later one is the closer, and the tolerance makes
// up for several servers' clocks and slewing.
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
