// Package serverclock bounds the creation time of an object by the API
// server's own clock, read from the Date header of its answers (RFC 9110
// §6.6.1: an origin server with a clock sends it). A client whose create
// answer was lost looks for the object the request made; an object
// created before the request reached the server is not it, and only the
// server's clock, which also stamps the objects' creation times, can say
// so: ours may be minutes off. Waldur's order lookup and Awanio's
// createOnce use it.
package serverclock

import (
	"net/http"
	"sync"
	"time"
)

// Tolerance widens every bound taken from the server's Date header. Date
// is truncated to the second (which only makes a bound earlier), but an
// API behind a load balancer runs on several machines whose clocks NTP
// keeps within milliseconds, not exactly together; and NTP may slew a
// clock a little faster than ours. A second covers both and costs little:
// an older object of the same request that falls into that second is
// still told apart by the checks after the time bound, or named in an
// error.
const Tolerance = time.Second

// Observation is a Date header and the local (monotonic) time at which
// its answer was read.
type Observation struct {
	Date     time.Time // server time, truncated to the second
	Received time.Time // local time, with its monotonic reading
}

// Known reports whether o holds a Date.
func (o Observation) Known() bool { return !o.Date.IsZero() }

// Clock remembers the last Date header a server sent and when it arrived.
// The zero value is ready; it is safe for concurrent use.
type Clock struct {
	mu   sync.Mutex
	last Observation
}

// Observe records the Date header of an answer read at received; answers
// without one (a proxy may drop it) are ignored.
func (c *Clock) Observe(h http.Header, received time.Time) {
	d, err := http.ParseTime(h.Get("Date"))
	if err != nil || d.IsZero() {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.last.Known() || received.After(c.last.Received) {
		c.last = Observation{Date: d, Received: received}
	}
}

// Latest is the last observation; not Known before any.
func (c *Clock) Latest() Observation {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.last
}

// NotBefore returns a server time that is certainly not after the moment a
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
// Both bounds hold; the later one is the closer, and Tolerance makes up
// for several servers' clocks and slewing.
func NotBefore(sent time.Time, obs ...Observation) (bound time.Time, ok bool) {
	for _, o := range obs {
		if !o.Known() {
			continue
		}
		b := o.Date
		if o.Received.After(sent) {
			b = b.Add(-o.Received.Sub(sent))
		}
		if !ok || b.After(bound) {
			bound, ok = b, true
		}
	}
	return bound.Add(-Tolerance), ok
}
