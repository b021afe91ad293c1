package mockcloud

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"
)

// Server is the whole mock: every mocked API plus the /_mock/ controls.
// It is safe for concurrent use.
type Server struct {
	clock         Clock
	waldurDelays  WaldurDelays
	awanioDelays  AwanioDelays
	hostwayDelays HostwayDelays
	autoSavePath  string
	errorLog      *log.Logger
	latency       time.Duration

	waldur  *Waldur
	awanio  *Awanio
	hostway *Hostway
	// mounts holds every mocked API under its own path prefix, longest
	// first, so that APIs whose paths collide (Awanio's /accounts/login and
	// Hostway's /accounts/{a}/products) can share one host. Waldur is
	// mounted at "/" because its paths all start with /api/.
	mounts []mount
	admin  *router

	faults  faultSet
	metrics metrics

	saveMu       sync.Mutex
	savedVersion uint64
}

// Option configures a Server.
type Option func(*Server)

// WithClock makes the mock read time from c (default: the real clock).
func WithClock(c Clock) Option {
	return func(s *Server) { s.clock = c }
}

// WithWaldurDelays sets how long Waldur orders stay in each state that moves
// on by itself. The zero value (the default) moves them on at once.
func WithWaldurDelays(d WaldurDelays) Option {
	return func(s *Server) { s.waldurDelays = d }
}

// WithAwanioDelays sets how long asynchronous Awanio objects (VMs,
// baremetal, clusters) take to change status. The zero value (the default)
// changes them at once.
func WithAwanioDelays(d AwanioDelays) Option {
	return func(s *Server) { s.awanioDelays = d }
}

// WithHostwayDelays sets how long Hostway products and services stay in
// each status that they leave by themselves. The zero value (the default)
// moves them on at once.
func WithHostwayDelays(d HostwayDelays) Option {
	return func(s *Server) { s.hostwayDelays = d }
}

// WithLatency delays every API request (not /_mock/) by d before it is
// handled, like a distant or busy server; benchmarks use it.
func WithLatency(d time.Duration) Option {
	return func(s *Server) { s.latency = d }
}

// WithAutoSave saves the state to path (atomically) after every request that
// changed it, before its answer leaves, so that a restarted mock finds its
// objects again, even after a SIGKILL: what a client was told about is
// always in the file.
func WithAutoSave(path string) Option {
	return func(s *Server) { s.autoSavePath = path }
}

// WithErrorLog sets where the mock reports its own failures (a failed
// autosave, a handler panic). Default: the standard logger.
func WithErrorLog(l *log.Logger) Option {
	return func(s *Server) { s.errorLog = l }
}

// New returns an empty mock; seed it through Waldur() or SeedDemo.
func New(opts ...Option) *Server {
	s := &Server{clock: realClock{}, errorLog: log.Default()}
	for _, opt := range opts {
		opt(s)
	}
	s.waldur = newWaldur(s.clock, s.waldurDelays)
	s.mountAPI(WaldurPrefix, s.waldur.router())
	s.awanio = newAwanio(s.clock, s.awanioDelays)
	s.mountAPI(AwanioPrefix, s.awanio.router())
	s.hostway = newHostway(s.clock, s.hostwayDelays, HostwayPrefix)
	s.mountAPI(HostwayPrefix, s.hostway.router())
	s.admin = s.adminRouter()
	return s
}

// Waldur returns the Waldur store, for seeding and assertions.
func (s *Server) Waldur() *Waldur { return s.waldur }

// Awanio returns the Awanio store, for seeding and assertions.
func (s *Server) Awanio() *Awanio { return s.awanio }

// Hostway returns the Hostway store, for seeding and assertions.
func (s *Server) Hostway() *Hostway { return s.hostway }

// Handler returns the mock as an http.Handler: all APIs and /_mock/.
func (s *Server) Handler() http.Handler { return http.HandlerFunc(s.serveHTTP) }

// Counters returns how many requests each route received, keyed like
// "GET /api/marketplace-orders/{uuid}/". Faulted requests count too;
// /_mock/ requests do not.
func (s *Server) Counters() map[string]int { return s.metrics.snapshotCounters() }

// RequestLog returns the last requests (at most 10,000) in arrival order.
func (s *Server) RequestLog() []LoggedRequest { return s.metrics.snapshotLog() }

// ResetCounters clears the counters and the request log.
func (s *Server) ResetCounters() { s.metrics.reset() }

// InjectFault queues f. It panics when f makes no sense (e.g. a 200 status,
// or a drop with a status), as that is a bug in the test.
func (s *Server) InjectFault(f Fault) {
	if err := f.validate(); err != nil {
		panic("mockcloud: InjectFault: " + err.Error())
	}
	s.faults.add(f)
}

// ClearFaults removes every pending fault.
func (s *Server) ClearFaults() { s.faults.clear() }

// Faults returns the pending faults; Count is what is left of each.
func (s *Server) Faults() []Fault { return s.faults.list() }

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	if s.autoSavePath == "" {
		s.serveRequest(w, r)
		return
	}
	// Commit before answering: the answer is held until the state it
	// reports is in the file (also when a handler aborts).
	cw := &commitWriter{w: w}
	defer func() {
		s.autoSave()
		cw.release()
	}()
	s.serveRequest(cw, r)
}

func (s *Server) serveRequest(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/_mock" || strings.HasPrefix(r.URL.Path, "/_mock/") {
		_, h := s.admin.resolve(r)
		s.safely(w, r, h)
		return
	}

	key, h := s.routerFor(r.URL.Path).resolve(r)
	var body []byte
	if s.faults.needBody() {
		body = bufferBody(r)
	}
	fault, faulted := s.faults.take(r.Method, r.URL.Path, body)
	entry := &LoggedRequest{
		Time: s.clock.Now(), Method: r.Method, Route: key,
		Path: r.URL.Path, Query: r.URL.RawQuery, Cookies: cookieNames(r),
	}
	if faulted {
		entry.Fault = fault.kind()
	}
	// Counted on arrival, and the status is stored before it reaches the
	// wire, so a test that has its answer also sees it counted.
	s.metrics.begin(entry)
	rec := &statusRecorder{ResponseWriter: w, onStatus: func(code int) {
		s.metrics.setStatus(entry, code)
		// The Date header comes from the server's clock, the one that
		// stamps "created" (RFC 9110 §6.6.1); net/http would use the
		// machine's, which differs from a test's clock.
		w.Header().Set("Date", s.clock.Now().UTC().Format(http.TimeFormat))
	}}
	if err := sleepContext(r.Context(), s.latency); err != nil {
		return // the client gave up
	}
	if !faulted {
		s.safely(rec, r, h)
		return
	}
	if fault.LateAnswer {
		lateAnswer(rec, r, fault.Latency, func(w http.ResponseWriter) {
			s.safely(w, r, h)
			s.autoSave() // the server acted: commit before holding the answer
		})
		return
	}
	if fault.Latency > 0 && body == nil {
		// Read the body first: only then does net/http watch the
		// connection and cancel the request when the client gives up, so
		// that a request the client abandoned is never processed.
		bufferBody(r)
	}
	if err := sleepContext(r.Context(), fault.Latency); err != nil {
		return // the client gave up
	}
	switch {
	case fault.DropConnection:
		dropConnection(w)
	case fault.DropAfterProcessing:
		s.safely(&discardWriter{}, r, h)
		s.autoSave() // the server acted and committed; only the answer is lost
		dropConnection(w)
	case fault.Status != 0:
		writeFaultStatus(rec, fault)
	default:
		s.safely(rec, r, h)
	}
}

// bufferBody reads the request body so that faults can match it, and puts
// it back for the handler.
func bufferBody(r *http.Request) []byte {
	body, err := io.ReadAll(io.LimitReader(r.Body, maxRequestBody+1))
	if err != nil {
		body = nil
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	return body
}

// cookieNames lists the names of the request's cookies, for the log.
func cookieNames(r *http.Request) []string {
	var names []string
	for _, c := range r.Cookies() {
		names = append(names, c.Name)
	}
	return names
}

// safely runs h and turns a panic into a 500, so that one bad request cannot
// take the mock down. net/http's own abort panic passes through.
func (s *Server) safely(w http.ResponseWriter, r *http.Request, h http.Handler) {
	defer func() {
		v := recover()
		if v == nil {
			return
		}
		if err, ok := v.(error); ok && errors.Is(err, http.ErrAbortHandler) {
			panic(v)
		}
		s.errorLog.Printf("mockcloud: panic serving %s %s: %v", r.Method, r.URL.Path, v)
		writeJSON(w, http.StatusInternalServerError, map[string]string{
			"detail": fmt.Sprintf("mockcloud internal error: %v", v),
		})
	}()
	h.ServeHTTP(w, r)
}

// Path prefixes of the mocked APIs on the mock's host. A provider block's
// endpoint is the mock's URL followed by the prefix, e.g.
// http://127.0.0.1:8080/awanio/v2.
const (
	WaldurPrefix  = "/"
	AwanioPrefix  = "/awanio/v2"
	HostwayPrefix = "/hostway"
)

type mount struct {
	prefix string // "/" or "/name" without a trailing slash
	rt     *router
}

// mountAPI serves rt for every path under prefix. rt's patterns include the
// prefix, so logged routes name the full path.
func (s *Server) mountAPI(prefix string, rt *router) {
	s.mounts = append(s.mounts, mount{prefix: prefix, rt: rt})
	sort.SliceStable(s.mounts, func(i, j int) bool { return len(s.mounts[i].prefix) > len(s.mounts[j].prefix) })
}

// routerFor returns the router of the API that owns path: the longest
// prefix that matches at a segment boundary. The "/" mount takes the rest.
func (s *Server) routerFor(path string) *router {
	for _, m := range s.mounts {
		if m.prefix == "/" || path == m.prefix || strings.HasPrefix(path, m.prefix+"/") {
			return m.rt
		}
	}
	return s.mounts[len(s.mounts)-1].rt
}

// stateVersion changes whenever any store changes.
// Each store's version only grows, so their sum changes with any of them.
func (s *Server) stateVersion() uint64 {
	return s.waldur.stateVersion() + s.awanio.stateVersion() + s.hostway.stateVersion()
}

func (s *Server) autoSave() {
	if s.autoSavePath == "" {
		return
	}
	s.saveMu.Lock()
	defer s.saveMu.Unlock()
	v := s.stateVersion()
	if v == s.savedVersion {
		return
	}
	if err := s.saveState(s.autoSavePath); err != nil {
		s.errorLog.Printf("mockcloud: autosave: %v", err)
		return
	}
	s.savedVersion = v
}
