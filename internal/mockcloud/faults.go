package mockcloud

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Fault makes the next Count requests that match Method and PathPrefix
// misbehave. Faults apply to every mocked API, never to /_mock/.
type Fault struct {
	// Method to match, case-insensitive; empty matches any method.
	Method string `json:"method,omitempty"`
	// PathPrefix to match against the URL path; empty matches every path.
	PathPrefix string `json:"path_prefix,omitempty"`
	// BodyContains, when set, matches only requests whose body contains it,
	// e.g. `"submit"` to tell Hostway's submit from its validate action,
	// which share one path.
	BodyContains string `json:"body_contains,omitempty"`
	// Status to answer with instead of the real handler (e.g. 429, 500,
	// 502, 503, 504). Zero leaves the answer to the real handler.
	Status int `json:"status,omitempty"`
	// Count is how many matching requests the fault affects: 0 means once,
	// a negative value means until the faults are cleared.
	Count int `json:"count,omitempty"`
	// RetryAfter, when set, is sent as a Retry-After header (whole seconds,
	// rounded up) with Status.
	RetryAfter time.Duration `json:"retry_after,omitempty"`
	// Body replaces the default body of a Status answer. It is sent as
	// application/json when it is valid JSON, text/plain otherwise.
	Body string `json:"body,omitempty"`
	// DropConnection closes the connection without answering; the request
	// is not processed.
	DropConnection bool `json:"drop_connection,omitempty"`
	// DropAfterProcessing runs the real handler (the server acts, e.g. an
	// order is created) and then closes the connection without answering.
	DropAfterProcessing bool `json:"drop_after_processing,omitempty"`
	// Latency delays the request (in real time) before anything else. A
	// client that gives up during the delay is noticed: the request is then
	// not processed.
	Latency time.Duration `json:"latency,omitempty"`
	// LateAnswer runs the real handler at once (the server acts, e.g. an
	// order is created) and holds its answer for Latency: a client whose
	// timeout is shorter gives up without hearing that the server acted.
	LateAnswer bool `json:"late_answer,omitempty"`
}

func (f Fault) validate() error {
	if f.Status != 0 && (f.Status < 400 || f.Status > 599) {
		return fmt.Errorf("status %d: a fault answers 4xx or 5xx", f.Status)
	}
	if f.DropConnection && f.DropAfterProcessing {
		return errors.New("drop_connection and drop_after_processing exclude each other")
	}
	if f.Status != 0 && (f.DropConnection || f.DropAfterProcessing) {
		return errors.New("a dropped connection has no status")
	}
	if f.LateAnswer && (f.Latency <= 0 || f.Status != 0 || f.DropConnection || f.DropAfterProcessing) {
		return errors.New("late_answer needs a latency and excludes a status and drops")
	}
	if f.Status == 0 && !f.DropConnection && !f.DropAfterProcessing && f.Latency <= 0 {
		return errors.New("a fault needs a status, a drop or a latency")
	}
	if f.RetryAfter < 0 || f.Latency < 0 {
		return errors.New("durations must not be negative")
	}
	return nil
}

func (f Fault) kind() string {
	switch {
	case f.DropConnection:
		return "drop"
	case f.DropAfterProcessing:
		return "drop-after-processing"
	case f.LateAnswer:
		return "late-answer"
	case f.Status != 0:
		return "status-" + strconv.Itoa(f.Status)
	default:
		return "latency"
	}
}

// faultJSON is Fault on the wire: durations are Go duration strings ("2s"),
// and plain numbers are read as seconds, which is what people type in curl.
type faultJSON struct {
	Method              string          `json:"method,omitempty"`
	PathPrefix          string          `json:"path_prefix,omitempty"`
	BodyContains        string          `json:"body_contains,omitempty"`
	Status              int             `json:"status,omitempty"`
	Count               int             `json:"count,omitempty"`
	RetryAfter          json.RawMessage `json:"retry_after,omitempty"`
	Body                string          `json:"body,omitempty"`
	DropConnection      bool            `json:"drop_connection,omitempty"`
	DropAfterProcessing bool            `json:"drop_after_processing,omitempty"`
	Latency             json.RawMessage `json:"latency,omitempty"`
	LateAnswer          bool            `json:"late_answer,omitempty"`
}

// MarshalJSON writes durations as Go duration strings.
func (f Fault) MarshalJSON() ([]byte, error) {
	j := faultJSON{
		Method: f.Method, PathPrefix: f.PathPrefix, BodyContains: f.BodyContains, Status: f.Status, Count: f.Count,
		Body: f.Body, DropConnection: f.DropConnection, DropAfterProcessing: f.DropAfterProcessing, LateAnswer: f.LateAnswer,
	}
	if f.RetryAfter != 0 {
		j.RetryAfter, _ = json.Marshal(f.RetryAfter.String())
	}
	if f.Latency != 0 {
		j.Latency, _ = json.Marshal(f.Latency.String())
	}
	return json.Marshal(j)
}

// UnmarshalJSON reads durations as Go duration strings or as seconds.
func (f *Fault) UnmarshalJSON(b []byte) error {
	var j faultJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	retryAfter, err := parseJSONDuration(j.RetryAfter)
	if err != nil {
		return fmt.Errorf("retry_after: %w", err)
	}
	latency, err := parseJSONDuration(j.Latency)
	if err != nil {
		return fmt.Errorf("latency: %w", err)
	}
	*f = Fault{
		Method: j.Method, PathPrefix: j.PathPrefix, BodyContains: j.BodyContains, Status: j.Status, Count: j.Count,
		RetryAfter: retryAfter, Body: j.Body, DropConnection: j.DropConnection,
		DropAfterProcessing: j.DropAfterProcessing, Latency: latency, LateAnswer: j.LateAnswer,
	}
	return nil
}

func parseJSONDuration(raw json.RawMessage) (time.Duration, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return 0, nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return time.ParseDuration(s)
	}
	var secs float64
	if err := json.Unmarshal(raw, &secs); err != nil {
		return 0, errors.New("want a duration string like \"2s\" or a number of seconds")
	}
	return time.Duration(secs * float64(time.Second)), nil
}

// faultSet holds the pending faults in the order they were injected.
type faultSet struct {
	mu     sync.Mutex
	faults []*pendingFault
}

type pendingFault struct {
	Fault
	left int // < 0: unlimited
}

func (s *faultSet) add(f Fault) {
	left := f.Count
	if left == 0 {
		left = 1
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &pendingFault{Fault: f, left: left})
}

func (s *faultSet) clear() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = nil
}

func (s *faultSet) list() []Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Fault, 0, len(s.faults))
	for _, p := range s.faults {
		f := p.Fault
		f.Count = p.left
		out = append(out, f)
	}
	return out
}

// needBody reports whether a pending fault matches on the request body.
func (s *faultSet) needBody() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range s.faults {
		if p.BodyContains != "" {
			return true
		}
	}
	return false
}

// take consumes one use of the first fault matching the request.
func (s *faultSet) take(method, path string, body []byte) (Fault, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, p := range s.faults {
		if p.Method != "" && !strings.EqualFold(p.Method, method) {
			continue
		}
		if !strings.HasPrefix(path, p.PathPrefix) {
			continue
		}
		if p.BodyContains != "" && !bytes.Contains(body, []byte(p.BodyContains)) {
			continue
		}
		if p.left > 0 {
			p.left--
			if p.left == 0 {
				s.faults = append(s.faults[:i:i], s.faults[i+1:]...)
			}
		}
		return p.Fault, true
	}
	return Fault{}, false
}

// sleepContext waits d or until ctx ends, whichever comes first.
func sleepContext(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// FaultHeader marks an answer that fault injection made up; its value is
// the fault's kind. internal/mockcloud/contract has the same constant.
const FaultHeader = "X-Mockcloud-Fault"

// writeFaultStatus answers with the fault's status. The default bodies are
// what the real servers say: DRF's throttling message for 429, a JSON detail
// otherwise.
func writeFaultStatus(w http.ResponseWriter, f Fault) {
	writeStatus(w, f.Status, f.RetryAfter, f.Body, f.kind())
}

// writeStatus answers status with body (or the default body for status)
// and, when retryAfter is set, a Retry-After; kind goes in FaultHeader.
func writeStatus(w http.ResponseWriter, status int, retryAfter time.Duration, body, kind string) {
	if retryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(retryAfter.Seconds()))))
	}
	if body == "" {
		detail := fmt.Sprintf("Injected fault: %d %s.", status, http.StatusText(status))
		if status == http.StatusTooManyRequests {
			detail = "Request was throttled."
			if retryAfter > 0 {
				detail = fmt.Sprintf("Request was throttled. Expected available in %d seconds.", int(math.Ceil(retryAfter.Seconds())))
			}
		}
		b, _ := json.Marshal(map[string]string{"detail": detail})
		body = string(b)
	}
	// Contract checkers skip answers marked so: they are made up here,
	// not the API's.
	w.Header().Set(FaultHeader, kind)
	if json.Valid([]byte(body)) {
		w.Header().Set("Content-Type", ContentTypeJSON)
	} else {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	}
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body))
}

// dropConnection closes the client connection without an answer. Hijacking
// works for HTTP/1.x; elsewhere net/http's abort panic resets the stream.
func dropConnection(w http.ResponseWriter) {
	if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
		_ = conn.Close()
		return
	}
	panic(http.ErrAbortHandler)
}

// lateAnswer runs h at once, holds its answer for the fault's latency and
// then sends it, unless the client gave up meanwhile.
func lateAnswer(w http.ResponseWriter, r *http.Request, latency time.Duration, run func(http.ResponseWriter)) {
	held := &heldWriter{header: http.Header{}}
	run(held)
	if err := sleepContext(r.Context(), latency); err != nil {
		return // the client gave up; the server acted all the same
	}
	for k, vs := range held.header {
		w.Header()[k] = vs
	}
	if held.status == 0 {
		held.status = http.StatusOK
	}
	w.WriteHeader(held.status)
	_, _ = w.Write(held.body.Bytes())
}

// heldWriter keeps an answer to send later.
type heldWriter struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (h *heldWriter) Header() http.Header { return h.header }

func (h *heldWriter) Write(b []byte) (int, error) {
	if h.status == 0 {
		h.status = http.StatusOK
	}
	return h.body.Write(b)
}

func (h *heldWriter) WriteHeader(code int) {
	if h.status == 0 {
		h.status = code
	}
}
