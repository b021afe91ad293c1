package api

import (
	"net/http"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/serverclock"
)

// serverClock remembers the last Date header Waldur sent, so that the
// creation time of an order can be bounded by the server's own clock: the
// orders' "created" timestamps come from that clock, and ours may be
// skewed by minutes (internal/serverclock).
type serverClock struct{ clock serverclock.Clock }

// serverClockTolerance widens every bound taken from the Date header.
const serverClockTolerance = serverclock.Tolerance

// dateObservation is a Date header and the local time it was read.
type dateObservation = serverclock.Observation

func (s *serverClock) observe(h http.Header, received time.Time) { s.clock.Observe(h, received) }

func (s *serverClock) latest() dateObservation { return s.clock.Latest() }

// notBefore is serverclock.NotBefore: a server time not after the moment
// a request sent at sent reached Waldur.
func notBefore(sent time.Time, obs ...dateObservation) (time.Time, bool) {
	return serverclock.NotBefore(sent, obs...)
}
