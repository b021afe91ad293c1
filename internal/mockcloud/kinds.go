package mockcloud

import (
	"net"
	"net/http"
	"strconv"
	"strings"
)

// Request kinds, for benchmarks that count what a provider costs the API
// per resource (GET /_mock/counters?by=kind).
const (
	// KindCreate is a POST to a collection: an object (or an order, a
	// cart item) is created.
	KindCreate = "create"
	// KindGet is a GET of one object: a poll while waiting, or a read on
	// refresh.
	KindGet = "get"
	// KindOther is everything else: lists, actions, updates, deletes, logins.
	KindOther = "other"
)

// RouteKind classifies a counter key such as
// "GET /api/marketplace-orders/{uuid}/". Collections in the mocked APIs
// are plural nouns (marketplace-orders, vms, products), while actions are
// verbs or snake_case (approve_by_consumer, action, login, update_limits).
func RouteKind(route string) string {
	method, pattern, ok := strings.Cut(route, " ")
	if !ok {
		return KindOther
	}
	segs := strings.Split(strings.Trim(pattern, "/"), "/")
	last := segs[len(segs)-1]
	isParam := strings.HasPrefix(last, "{")
	switch method {
	case "GET":
		if isParam {
			return KindGet
		}
	case "POST":
		if !isParam && strings.HasSuffix(last, "s") && !strings.Contains(last, "_") {
			return KindCreate
		}
	}
	return KindOther
}

// KindCounters sums Counters by RouteKind.
func (s *Server) KindCounters() map[string]int {
	out := map[string]int{KindCreate: 0, KindGet: 0, KindOther: 0}
	for route, n := range s.Counters() {
		out[RouteKind(route)] += n
	}
	return out
}

// StatusCounters counts the answers by status code ("200", "429"), /_mock/
// excluded; a dropped connection has no status and is not counted.
func (s *Server) StatusCounters() map[string]int {
	out := map[string]int{}
	for code, n := range s.metrics.snapshotStatuses() {
		out[strconv.Itoa(code)] = n
	}
	return out
}

// ConnState counts the TCP connections clients open, for http.Server's
// ConnState hook: a client that keeps connections alive opens few, however
// many requests it sends.
func (s *Server) ConnState(_ net.Conn, state http.ConnState) {
	if state == http.StateNew {
		s.metrics.connOpened()
	}
}

// Connections is how many connections were opened since the counters were
// last reset (only counted when ConnState is hooked up).
func (s *Server) Connections() int { return s.metrics.connections() }
