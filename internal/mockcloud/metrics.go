package mockcloud

import (
	"maps"
	"net/http"
	"sync"
	"time"
)

// requestLogSize bounds the request log; older entries are dropped.
const requestLogSize = 10000

// LoggedRequest is one request the mock answered (or dropped), in arrival order.
type LoggedRequest struct {
	Time   time.Time `json:"time"`
	Method string    `json:"method"`
	// Route is the counter key, e.g. "GET /api/marketplace-orders/{uuid}/".
	Route string `json:"route"`
	Path  string `json:"path"`
	Query string `json:"query,omitempty"`
	// Status is 0 when the connection was closed without an answer.
	Status int `json:"status"`
	// Fault names the injected fault that shaped the answer, if any.
	Fault string `json:"fault,omitempty"`
	// Cookies are the names (never the values) of the cookies the request
	// carried, e.g. Hostway's OwnerId.
	Cookies []string `json:"cookies,omitempty"`
}

// metrics holds per-route counters and a bounded request log.
type metrics struct {
	mu       sync.Mutex
	counters map[string]int
	statuses map[int]int      // answers by status code
	log      []*LoggedRequest // ring buffer of at most requestLogSize
	next     int              // where the next entry goes once log is full
	conns    int              // connections opened, see Server.ConnState
}

func (m *metrics) connOpened() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.conns++
}

func (m *metrics) connections() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.conns
}

// begin counts a request as it arrives and logs it; its status is filled in
// later through setStatus.
func (m *metrics) begin(e *LoggedRequest) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.counters == nil {
		m.counters = map[string]int{}
	}
	m.counters[e.Route]++
	if len(m.log) < requestLogSize {
		m.log = append(m.log, e)
		return
	}
	m.log[m.next] = e
	m.next = (m.next + 1) % requestLogSize
}

func (m *metrics) setStatus(e *LoggedRequest, status int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	e.Status = status
	if m.statuses == nil {
		m.statuses = map[int]int{}
	}
	m.statuses[status]++
}

func (m *metrics) snapshotStatuses() map[int]int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return cloneCounts(m.statuses)
}

func (m *metrics) snapshotCounters() map[string]int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return cloneCounts(m.counters)
}

// cloneCounts copies a counter map; never nil, so it encodes as {}.
func cloneCounts[K comparable](m map[K]int) map[K]int {
	out := make(map[K]int, len(m))
	maps.Copy(out, m)
	return out
}

func (m *metrics) snapshotLog() []LoggedRequest {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]LoggedRequest, 0, len(m.log))
	for _, e := range m.log[m.next:] {
		out = append(out, *e)
	}
	for _, e := range m.log[:m.next] {
		out = append(out, *e)
	}
	return out
}

func (m *metrics) reset() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.counters = nil
	m.statuses = nil
	m.log = nil
	m.next = 0
	m.conns = 0
}

// statusRecorder reports the status a handler writes, for the request log,
// before the status reaches the client.
type statusRecorder struct {
	http.ResponseWriter
	onStatus func(int)
	wrote    bool
}

func (r *statusRecorder) WriteHeader(code int) {
	r.note(code)
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	r.note(http.StatusOK)
	return r.ResponseWriter.Write(b)
}

func (r *statusRecorder) note(code int) {
	if r.wrote || code < 200 {
		return
	}
	r.wrote = true
	r.onStatus(code)
}

// Unwrap lets http.ResponseController reach Flush and Hijack underneath.
func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// discardWriter swallows an answer: DropAfterProcessing runs the real handler
// so that the server acts, but the client never hears about it.
type discardWriter struct {
	header http.Header
	status int
}

func (d *discardWriter) Header() http.Header {
	if d.header == nil {
		d.header = http.Header{}
	}
	return d.header
}

func (d *discardWriter) Write(b []byte) (int, error) {
	if d.status == 0 {
		d.status = http.StatusOK
	}
	return len(b), nil
}

func (d *discardWriter) WriteHeader(code int) {
	if d.status == 0 {
		d.status = code
	}
}
