package awanio

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
)

// testStart is the fake clock's start: fixed, so timestamps are predictable.
var testStart = time.Date(2026, 3, 10, 9, 30, 0, 0, time.UTC)

// testEnv is a mock serving Awanio alone behind an httptest server,
// seeded with its demo data.
type testEnv struct {
	t     *testing.T
	srv   *mockcloud.Server
	store *Awanio
	ts    *httptest.Server
	clock *mockcloud.FakeClock
	demo  AwanioDemoSeed
	token string
}

func newTestEnv(t *testing.T, opts ...mockcloud.Option) *testEnv {
	t.Helper()
	clock := mockcloud.NewFakeClock(testStart)
	srv := mockcloud.New(append([]mockcloud.Option{mockcloud.WithClock(clock)}, opts...)...)
	store := Mount(srv)
	demo := SeedAwanioDemo(store)
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return &testEnv{t: t, srv: srv, store: store, ts: ts, clock: clock, demo: demo, token: ""}
}

type testResponse struct {
	status int
	header http.Header
	body   []byte
}

// noRedirects lets tests see Waldur's 301s.
var noRedirects = &http.Client{
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	Timeout:       30 * time.Second,
}

func (e *testEnv) doWith(method, path string, body any, header map[string]string) testResponse {
	e.t.Helper()
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
			e.t.Fatal(err)
		}
		r = bytes.NewReader(raw)
	}
	target := path
	if !strings.HasPrefix(path, "http") {
		target = e.ts.URL + path
	}
	req, err := http.NewRequest(method, target, r)
	if err != nil {
		e.t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := noRedirects.Do(req)
	if err != nil {
		e.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	return testResponse{status: resp.StatusCode, header: resp.Header, body: raw}
}

// want fails unless the response has status.
func (r testResponse) want(t *testing.T, status int) testResponse {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d; body: %s", r.status, status, r.body)
	}
	return r
}

func (r testResponse) object(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		t.Fatalf("body is not a JSON object: %v: %s", err, r.body)
	}
	return m
}

// wantJSON fails unless the body is exactly this JSON (order of keys aside).
func (r testResponse) wantJSON(t *testing.T, want string) {
	t.Helper()
	var got, exp any
	if err := json.Unmarshal(r.body, &got); err != nil {
		t.Fatalf("body is not JSON: %s", r.body)
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

func str(v any) string {
	s, _ := v.(string)
	return s
}
