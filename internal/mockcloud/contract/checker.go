package contract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

// FaultHeader marks an answer that mockcloud's fault injection made up (a
// 429, a 503): it is no answer of the API, so it is not validated.
const FaultHeader = "X-Mockcloud-Fault"

// maxBody bounds what the checker buffers of one request or answer.
const maxBody = 8 << 20

// Violation is one way a request or an answer broke its contract.
type Violation struct {
	API       string
	Side      string // "request" (what the client sent) or "response" (what the mock answered)
	Method    string
	Path      string
	Status    int
	Operation string
	Problem   string
}

func (v Violation) String() string {
	op := v.Operation
	if op == "" {
		op = "no operation"
	}
	status := ""
	if v.Status != 0 {
		status = fmt.Sprintf(" -> %d", v.Status)
	}
	return fmt.Sprintf("%s %s: %s %s%s (%s): %s", v.API, v.Side, v.Method, v.Path, status, op, v.Problem)
}

// Stats is what a Checker saw of one API.
type Stats struct {
	Requests  int            `json:"requests"`  // requests validated
	Responses int            `json:"responses"` // answers validated
	Seen      map[string]int `json:"seen"`      // "operationId status" -> count
}

// Checker validates traffic against the contracts of every API that has
// one. It is safe for concurrent use; one Checker usually serves one test.
type Checker struct {
	contracts []*Contract

	mu         sync.Mutex
	violations []Violation
	stats      map[string]*Stats
}

// NewChecker loads every contract that exists. An API without a contract
// file is passed through unchecked; any other load error is returned.
func NewChecker() (*Checker, error) {
	c := &Checker{stats: map[string]*Stats{}}
	for _, api := range APIs {
		ct, err := Load(api)
		if errors.Is(err, ErrNoContract) {
			continue
		}
		if err != nil {
			return nil, err
		}
		c.contracts = append(c.contracts, ct)
	}
	return c, nil
}

// apiOf names the API that serves path on mockcloud's host: the one whose
// prefix it starts with, else Waldur (mounted at /, its paths under /api/).
func apiOf(path string) string {
	for _, api := range []string{Awanio, Hostway} {
		p := Prefix(api)
		if path == p || strings.HasPrefix(path, p+"/") {
			return api
		}
	}
	return Waldur
}

// Violations returns what was found so far.
func (c *Checker) Violations() []Violation {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]Violation(nil), c.violations...)
}

// Stats returns a copy of what was seen per API.
func (c *Checker) Stats() map[string]Stats {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := map[string]Stats{}
	for api, s := range c.stats {
		cp := Stats{Requests: s.Requests, Responses: s.Responses, Seen: map[string]int{}}
		for k, v := range s.Seen {
			cp.Seen[k] = v
		}
		out[api] = cp
	}
	return out
}

// contractFor returns the contract that owns path, or nil for paths of no
// API (mockcloud's /_mock/ controls) and APIs without a contract.
func (c *Checker) contractFor(path string) *Contract {
	if path == "/_mock" || strings.HasPrefix(path, "/_mock/") {
		return nil
	}
	api := apiOf(path)
	for _, ct := range c.contracts {
		if ct.API == api {
			return ct
		}
	}
	return nil
}

// Wrap returns next with every request and answer checked.
func (c *Checker) Wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ct := c.contractFor(r.URL.Path)
		if ct == nil {
			next.ServeHTTP(w, r)
			return
		}
		body, err := io.ReadAll(io.LimitReader(r.Body, maxBody))
		if err != nil {
			next.ServeHTTP(w, r)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))

		route, params, routeErr := ct.route(r)
		opID := ""
		if routeErr != nil {
			c.add(Violation{API: ct.API, Side: "request", Method: r.Method, Path: r.URL.RequestURI(),
				Problem: "the contract has no such operation: " + routeErr.Error()})
		} else {
			opID = route.Operation.OperationID
			c.checkRequest(ct, r, body, route, params)
		}

		rec := &capture{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		if routeErr != nil || rec.status == 0 || rec.Header().Get(FaultHeader) != "" {
			return // dropped, hijacked or made up by fault injection
		}
		c.checkResponse(ct, r, body, route, params, rec)
		c.mu.Lock()
		c.statsFor(ct.API).Seen[fmt.Sprintf("%s %d", opID, rec.status)]++
		c.mu.Unlock()
	})
}

// route finds the operation of r, with the API's prefix taken off the path.
func (ct *Contract) route(r *http.Request) (*routers.Route, map[string]string, error) {
	rr := r.Clone(r.Context())
	u := *r.URL
	u.Path = strings.TrimPrefix(u.Path, ct.Prefix)
	u.RawPath = strings.TrimPrefix(u.RawPath, ct.Prefix)
	rr.URL = &u
	return ct.router.FindRoute(rr)
}

func (c *Checker) statsFor(api string) *Stats {
	s := c.stats[api]
	if s == nil {
		s = &Stats{Seen: map[string]int{}}
		c.stats[api] = s
	}
	return s
}

func (c *Checker) add(v Violation) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.violations = append(c.violations, v)
}

func (c *Checker) requestInput(ct *Contract, r *http.Request, body []byte, route *routers.Route, params map[string]string) *openapi3filter.RequestValidationInput {
	rr := r.Clone(context.Background())
	rr.Body = io.NopCloser(bytes.NewReader(body))
	return &openapi3filter.RequestValidationInput{
		Request: rr, PathParams: params, Route: route,
		Options: &openapi3filter.Options{
			MultiError:              true,
			AuthenticationFunc:      credentialsPresent,
			SchemaValidationOptions: ct.Doc.GetSchemaValidationOptions(),
		},
	}
}

func (c *Checker) checkRequest(ct *Contract, r *http.Request, body []byte, route *routers.Route, params map[string]string) {
	in := c.requestInput(ct, r, body, route, params)
	err := openapi3filter.ValidateRequest(context.Background(), in)
	c.mu.Lock()
	c.statsFor(ct.API).Requests++
	c.mu.Unlock()
	if err != nil {
		c.add(Violation{API: ct.API, Side: "request", Method: r.Method, Path: r.URL.RequestURI(),
			Operation: route.Operation.OperationID, Problem: shorten(err)})
	}
}

func (c *Checker) checkResponse(ct *Contract, r *http.Request, reqBody []byte, route *routers.Route, params map[string]string, rec *capture) {
	c.mu.Lock()
	c.statsFor(ct.API).Responses++
	c.mu.Unlock()
	v := Violation{API: ct.API, Side: "response", Method: r.Method, Path: r.URL.RequestURI(),
		Status: rec.status, Operation: route.Operation.OperationID}
	if rec.status >= 400 && ct.checkError != nil {
		if err := ct.checkError(rec.status, rec.Header(), rec.body.Bytes()); err != nil {
			v.Problem = err.Error()
			c.add(v)
		}
		return
	}
	if rec.body.Len() > 0 && rec.status < 300 && ct.checkError != nil &&
		!strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
		v.Problem = fmt.Sprintf("Content-Type %q", rec.Header().Get("Content-Type"))
		c.add(v)
	}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: c.requestInput(ct, r, reqBody, route, params),
		Status:                 rec.status,
		Header:                 rec.Header(),
		Options: &openapi3filter.Options{
			IncludeResponseStatus:   true, // a status the contract does not list is a bug
			MultiError:              true,
			SchemaValidationOptions: ct.Doc.GetSchemaValidationOptions(),
		},
	}
	in.SetBodyBytes(rec.body.Bytes())
	if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
		v.Problem = shorten(err)
		c.add(v)
	}
}

// credentialsPresent checks that a request carries the credentials one of
// its security schemes names. Whether they are right is the mock's job (it
// answers 401); that they are sent at all is the client's.
func credentialsPresent(_ context.Context, in *openapi3filter.AuthenticationInput) error {
	s := in.SecurityScheme
	r := in.RequestValidationInput.Request
	switch {
	case s.Type == "apiKey" && s.In == "header":
		if r.Header.Get(s.Name) == "" {
			return fmt.Errorf("header %s missing", s.Name)
		}
	case s.Type == "apiKey" && s.In == "cookie":
		if _, err := r.Cookie(s.Name); err != nil {
			return fmt.Errorf("cookie %s missing", s.Name)
		}
	case s.Type == "apiKey" && s.In == "query":
		if !r.URL.Query().Has(s.Name) {
			return fmt.Errorf("query parameter %s missing", s.Name)
		}
	case s.Type == "http":
		scheme := strings.ToLower(s.Scheme)
		auth := strings.ToLower(r.Header.Get("Authorization"))
		if !strings.HasPrefix(auth, scheme+" ") {
			return fmt.Errorf("no %s Authorization header", s.Scheme)
		}
	default:
		return fmt.Errorf("security scheme type %q is not checked", s.Type)
	}
	return nil
}

// capture passes an answer through and keeps a copy of it.
type capture struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
}

func (w *capture) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *capture) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	if w.body.Len() < maxBody {
		w.body.Write(b)
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection (mockcloud
// hijacks it to drop a connection).
func (w *capture) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w *capture) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func shorten(err error) string {
	s := err.Error()
	if len(s) > 2000 {
		s = s[:2000] + "..."
	}
	return s
}
