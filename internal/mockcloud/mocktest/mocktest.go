// Package mocktest is the HTTP test support of the mock packages: it serves
// a mock behind an httptest server on a fake clock, sends requests to it and
// checks the answers.
//
// It is for the tests of internal/mockcloud and its API packages
// (internal/mockcloud/waldur, awanio, hostway) only; nothing else, and
// certainly not the provider binary, may import it. It is an exported,
// non-test package because _test.go files cannot be shared: the test files
// of several packages use it. It never reaches into a mock's internals: the
// caller builds the server and hands over its http.Handler.
package mocktest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
)

// Start is the fake clock's start: fixed, so timestamps are predictable.
var Start = time.Date(2026, 3, 10, 9, 30, 0, 0, time.UTC)

// Env is one mock behind an httptest server. Token, if set, is sent by Do
// and Try as Waldur's "Authorization: Token ...".
type Env struct {
	T     *testing.T
	TS    *httptest.Server
	Clock *mockcloud.FakeClock
	Token string
}

// NewEnv starts a mock for t: build gets opts behind a FakeClock at Start,
// builds and seeds the server and returns its handler, which NewEnv serves
// until t ends.
func NewEnv(t *testing.T, build func(opts ...mockcloud.Option) http.Handler, opts ...mockcloud.Option) *Env {
	t.Helper()
	clock := mockcloud.NewFakeClock(Start)
	h := build(append([]mockcloud.Option{mockcloud.WithClock(clock)}, opts...)...)
	return &Env{T: t, TS: Serve(t, h), Clock: clock}
}

// Serve serves h behind an httptest server closed when t ends.
func Serve(t *testing.T, h http.Handler) *httptest.Server {
	t.Helper()
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return ts
}

// Response is an answer read in full.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// noRedirects lets tests see Waldur's 301s.
var noRedirects = &http.Client{
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	Timeout:       30 * time.Second,
}

// Do sends a request with the env's token; body is JSON-encoded unless it
// is a string or []byte (sent as is) or nil.
func (e *Env) Do(method, path string, body any) Response {
	e.T.Helper()
	return e.DoWith(method, path, body, map[string]string{"Authorization": "Token " + e.Token})
}

// DoWith sends a request with these headers only; path is relative to the
// server unless it is a full URL. It fails the test on transport errors.
func (e *Env) DoWith(method, path string, body any, header map[string]string) Response {
	e.T.Helper()
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		r = strings.NewReader(b)
	case []byte:
		r = bytes.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			e.T.Fatal(err)
		}
		r = bytes.NewReader(raw)
	}
	target := path
	if !strings.HasPrefix(path, "http") {
		target = e.TS.URL + path
	}
	req, err := http.NewRequestWithContext(context.Background(), method, target, r)
	if err != nil {
		e.T.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := noRedirects.Do(req)
	if err != nil {
		e.T.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		e.T.Fatal(err)
	}
	return Response{Status: resp.StatusCode, Header: resp.Header, Body: raw}
}

// Try is Do without failing on transport errors (dropped connections).
func (e *Env) Try(method, path string, body any) (Response, error) {
	e.T.Helper()
	var r io.Reader
	if body != nil {
		raw, _ := json.Marshal(body)
		r = bytes.NewReader(raw)
	}
	req, err := http.NewRequestWithContext(context.Background(), method, e.TS.URL+path, r)
	if err != nil {
		return Response{}, err
	}
	req.Header.Set("Authorization", "Token "+e.Token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := noRedirects.Do(req)
	if err != nil {
		return Response{}, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	return Response{Status: resp.StatusCode, Header: resp.Header, Body: raw}, err
}

// Want fails unless the response has status.
func (r Response) Want(t *testing.T, status int) Response {
	t.Helper()
	if r.Status != status {
		t.Fatalf("status %d, want %d; body: %s", r.Status, status, r.Body)
	}
	return r
}

// Object is the body as a JSON object.
func (r Response) Object(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.Body, &m); err != nil {
		t.Fatalf("body is not a JSON object: %v: %s", err, r.Body)
	}
	return m
}

// Array is the body as a JSON array of objects.
func (r Response) Array(t *testing.T) []map[string]any {
	t.Helper()
	var a []map[string]any
	if err := json.Unmarshal(r.Body, &a); err != nil {
		t.Fatalf("body is not a JSON array: %v: %s", err, r.Body)
	}
	return a
}

// WantJSON fails unless the body is exactly this JSON (order of keys aside).
func (r Response) WantJSON(t *testing.T, want string) {
	t.Helper()
	var got, exp any
	if err := json.Unmarshal(r.Body, &got); err != nil {
		t.Fatalf("body is not JSON: %s", r.Body)
	}
	if err := json.Unmarshal([]byte(want), &exp); err != nil {
		t.Fatalf("bad expectation %s: %v", want, err)
	}
	g, _ := json.Marshal(got)
	x, _ := json.Marshal(exp)
	if !bytes.Equal(g, x) {
		t.Fatalf("body %s, want %s", g, x)
	}
}

// Str is v if it is a string, else "".
func Str(v any) string {
	s, _ := v.(string)
	return s
}

// Waldur adds Waldur's order helpers to an Env, for the mocks that serve
// Waldur (package waldur alone, or the whole mock of package cloud). The
// UUIDs are the demo seed's.
type Waldur struct {
	*Env
	ProjectUUID  string
	OfferingUUID string // the demo Kubernetes offering
	PlanUUID     string // its plan
}

// ProjectURL is the demo project's URL.
func (w *Waldur) ProjectURL() string {
	return fmt.Sprintf("%s/api/projects/%s/", w.TS.URL, w.ProjectUUID)
}

// OfferingURL is a public offering's URL.
func (w *Waldur) OfferingURL(offering string) string {
	return fmt.Sprintf("%s/api/marketplace-public-offerings/%s/", w.TS.URL, offering)
}

// PlanURL is a plan's URL.
func (w *Waldur) PlanURL(offering, plan string) string {
	return fmt.Sprintf("%s/api/marketplace-public-offerings/%s/plans/%s/", w.TS.URL, offering, plan)
}

// OrderBody is a valid create request for offering and plan ("" for none).
func (w *Waldur) OrderBody(offering, plan, name string) map[string]any {
	body := map[string]any{
		"project":    w.ProjectURL(),
		"offering":   w.OfferingURL(offering),
		"attributes": map[string]any{"name": name},
	}
	if plan != "" {
		body["plan"] = w.PlanURL(offering, plan)
	}
	return body
}

// CreateOrder places an order and returns the 201's body.
func (w *Waldur) CreateOrder(offering, plan, name string) map[string]any {
	w.T.Helper()
	return w.Do("POST", "/api/marketplace-orders/", w.OrderBody(offering, plan, name)).Want(w.T, 201).Object(w.T)
}

// CreateK8s orders a cluster from the demo Kubernetes offering.
func (w *Waldur) CreateK8s(name string) map[string]any {
	w.T.Helper()
	return w.CreateOrder(w.OfferingUUID, w.PlanUUID, name)
}

// GetOrder is an order's body.
func (w *Waldur) GetOrder(id string) map[string]any {
	w.T.Helper()
	return w.Do("GET", "/api/marketplace-orders/"+id+"/", nil).Want(w.T, 200).Object(w.T)
}

// GetResource is a resource's body.
func (w *Waldur) GetResource(id string) map[string]any {
	w.T.Helper()
	return w.Do("GET", "/api/marketplace-resources/"+id+"/", nil).Want(w.T, 200).Object(w.T)
}

// API is a mock serving one API alone (Awanio, Hostway, ...) behind an
// httptest server: the Env, the shared server, the API's store and its demo
// seed.
type API[S, D any] struct {
	*Env
	Server *mockcloud.Server
	Store  S
	Demo   D
}

// NewAPI starts a mock for t with mount's API alone on it, seeded by seed.
func NewAPI[S, D any](t *testing.T, mount func(*mockcloud.Server) S, seed func(S) D, opts ...mockcloud.Option) *API[S, D] {
	t.Helper()
	a := &API[S, D]{}
	a.Env = NewEnv(t, func(opts ...mockcloud.Option) http.Handler {
		a.Server = mockcloud.New(opts...)
		a.Store = mount(a.Server)
		a.Demo = seed(a.Store)
		return a.Server.Handler()
	}, opts...)
	return a
}
