package mockcloud

import (
	"bytes"
	"encoding/json"
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

// Server is the shared part of the mock: the host that every mocked API
// (an API, see Mount) is served on, with the /_mock/ controls, faults,
// counters, the request log and the state file. It is safe for concurrent
// use once its APIs are mounted.
type Server struct {
	clock        Clock
	autoSavePath string
	errorLog     *log.Logger
	latency      time.Duration
	// settings holds the options of the mocked APIs (their delays), for
	// them to read when they are mounted; see WithSetting.
	settings map[any]any

	// apis are the mounted APIs in the order they were mounted: the order
	// of their sections in the state file.
	apis []API
	// mounts holds every mocked API under its own path prefix, longest
	// first, so that APIs whose paths collide (Awanio's /accounts/login and
	// Hostway's /accounts/{a}/products) can share one host. Waldur is
	// mounted at "/" because its paths all start with /api/.
	mounts []mount
	admin  *Router

	faults  faultSet
	metrics metrics
	quota   quotaSet
	lag     lagLog

	saveMu       sync.Mutex
	savedVersion uint64
}

// Option configures a Server.
type Option func(*Server)

// WithClock makes the mock read time from c (default: the real clock).
func WithClock(c Clock) Option {
	return func(s *Server) { s.clock = c }
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

// WithSetting stores v under key for a mocked API to read when it is
// mounted (Setting); an API package's own options (its delays) use it.
func WithSetting(key, v any) Option {
	return func(s *Server) {
		if s.settings == nil {
			s.settings = map[any]any{}
		}
		s.settings[key] = v
	}
}

// Setting returns what WithSetting stored under key, or nil.
func (s *Server) Setting(key any) any { return s.settings[key] }

// Clock returns the clock the mock reads time from.
func (s *Server) Clock() Clock { return s.clock }

// New returns a mock without any API; Mount adds them (package
// internal/mockcloud/cloud assembles the whole mock).
func New(opts ...Option) *Server {
	s := &Server{clock: realClock{}, errorLog: log.Default()}
	for _, opt := range opts {
		opt(s)
	}
	s.admin = s.adminRouter()
	return s
}

// Handler returns the mock as an http.Handler: all APIs and /_mock/.
func (s *Server) Handler() http.Handler { return http.HandlerFunc(s.serveHTTP) }

// Counters returns how many requests each route received, keyed like
// "GET /api/marketplace-orders/{uuid}/". Faulted requests count too;
// /_mock/ requests do not.
func (s *Server) Counters() map[string]int { return s.metrics.snapshotCounters() }

// RequestLog returns the last requests (at most 10,000) in arrival order.
func (s *Server) RequestLog() []LoggedRequest { return s.metrics.snapshotLog() }

// ResetCounters clears the counters, the request log and the poll-lag log.
func (s *Server) ResetCounters() {
	s.metrics.reset()
	s.lag.reset(s.clock.Now())
}

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

	m := s.mountFor(r.URL.Path)
	key, h := m.rt.resolve(r)
	var body []byte
	if s.faults.needBody() {
		body = bufferBody(r)
	}
	entry := &LoggedRequest{
		Time: s.clock.Now(), Method: r.Method, Route: key,
		Path: r.URL.Path, Query: r.URL.RawQuery, Cookies: cookieNames(r),
	}
	// The quota comes first: a throttled request reaches neither the API
	// nor a fault (the fault stays queued for the next one).
	wait, allowed := s.quota.take(quotaCaller(r), entry.Time)
	throttled := !allowed
	var fault Fault
	var faulted bool
	if throttled {
		entry.Fault = quotaFaultKind
	} else if fault, faulted = s.faults.take(r.Method, r.URL.Path, body); faulted {
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
	if throttled {
		writeThrottled(rec, wait, m.api)
		return
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
	body, err := io.ReadAll(io.LimitReader(r.Body, MaxRequestBody+1))
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
		WriteJSON(w, http.StatusInternalServerError, map[string]string{
			"detail": fmt.Sprintf("mockcloud internal error: %v", v),
		})
	}()
	h.ServeHTTP(w, r)
}

type mount struct {
	prefix string // "/" or "/name" without a trailing slash
	rt     *Router
	api    API // nil for a Server without APIs
}

// API is one mocked API as the Server sees it. Its package makes one and
// mounts it; the Server routes its requests, saves and loads its state and
// serves its /_mock/ controls, and knows nothing else of it.
type API interface {
	// Name keys the API's section in the state file ("waldur").
	Name() string
	// Prefix is where the API is served: "/" or "/name" without a
	// trailing slash.
	Prefix() string
	// Router answers the API's requests; its patterns include Prefix, so
	// that logged routes name the full path.
	Router() *Router
	// AdminRoutes adds the API's /_mock/ controls to rt.
	AdminRoutes(rt *Router)

	// Lock and Unlock guard the API's state.
	sync.Locker
	// StateVersion grows whenever the API's state changes.
	StateVersion() uint64
	// State is what the state file holds under Name. It is called with the
	// lock held and encoded as JSON before the lock is released.
	State() any
	// DecodeState decodes the API's section of a state file (nil when the
	// file has none) and returns what replaces the API's state with it.
	// The Server calls the replacement with the lock held, once every
	// API's section has decoded.
	DecodeState(raw json.RawMessage) (replace func(), err error)
}

// Mount serves api on s under api.Prefix() and adds its /_mock/ controls.
// Mount every API before s serves its first request.
func (s *Server) Mount(api API) {
	s.apis = append(s.apis, api)
	s.mounts = append(s.mounts, mount{prefix: api.Prefix(), rt: api.Router(), api: api})
	sort.SliceStable(s.mounts, func(i, j int) bool { return len(s.mounts[i].prefix) > len(s.mounts[j].prefix) })
	api.AdminRoutes(s.admin)
}

// routerFor returns the router of the API that owns path.
func (s *Server) routerFor(path string) *Router { return s.mountFor(path).rt }

// mountFor returns the mount of the API that owns path: the longest
// prefix that matches at a segment boundary. The "/" mount takes the rest.
func (s *Server) mountFor(path string) mount {
	for _, m := range s.mounts {
		if m.prefix == "/" || path == m.prefix || strings.HasPrefix(path, m.prefix+"/") {
			return m
		}
	}
	if len(s.mounts) == 0 {
		return mount{prefix: "/", rt: noAPI}
	}
	return s.mounts[len(s.mounts)-1]
}

// noAPI answers every request of a Server without APIs.
var noAPI = &Router{NotFound: http.NotFoundHandler()}

// stateVersion changes whenever any store changes.
// Each store's version only grows, so their sum changes with any of them.
func (s *Server) stateVersion() uint64 {
	var v uint64
	for _, api := range s.apis {
		v += api.StateVersion()
	}
	return v
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
