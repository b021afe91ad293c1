package apiclient_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest/testutil"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waiter/waitertest"
)

// newClient starts a server running h and a client for it whose sleeps are
// virtual: with Rand fixed at 0.5 and MinBackoff 1s, retry n waits 0.5s·2^n.
func newClient(t testing.TB, h http.HandlerFunc, mutate ...func(*apiclient.Config)) (*apiclient.Client, *waitertest.FakeClock) {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	clock := waitertest.NewFakeClock()
	cfg := apiclient.Config{
		BaseURL:    srv.URL + "/api/",
		Backend:    "waldur",
		MaxRetries: 3,
		Sleep:      clock.Sleep,
		Rand:       func() float64 { return 0.5 },
		// The scheduler keeps the same virtual time as the retries.
		Scheduler: newScheduler(t, 0, clock),
	}
	for _, m := range mutate {
		m(&cfg)
	}
	c, err := apiclient.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c, clock
}

// sequence answers the i-th request with statuses[i] (the last one repeats)
// and counts requests.
func sequence(hits *atomic.Int32, statuses ...int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		n := int(hits.Add(1))
		status := statuses[min(n, len(statuses))-1]
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		fmt.Fprintf(w, `{"attempt": %d}`, n)
	}
}

func equalDurations(a, b []time.Duration) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestNew(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		cfg  apiclient.Config
		want string // error substring; "" = valid
	}{
		{"valid", apiclient.Config{BaseURL: "https://waldur.example.com/api/", Backend: "waldur"}, ""},
		{"no trailing slash", apiclient.Config{BaseURL: "http://127.0.0.1:8080/api", Backend: "waldur"}, ""},
		{"relative", apiclient.Config{BaseURL: "/api/", Backend: "waldur"}, "absolute http or https"},
		{"ftp", apiclient.Config{BaseURL: "ftp://example.com/", Backend: "waldur"}, "absolute http or https"},
		{"credentials", apiclient.Config{BaseURL: "https://u:p@example.com/", Backend: "waldur"}, "credentials"},
		{"query", apiclient.Config{BaseURL: "https://example.com/?a=b", Backend: "waldur"}, "query"},
		{"no backend", apiclient.Config{BaseURL: "https://example.com/"}, "Backend"},
		{"negative retries", apiclient.Config{BaseURL: "https://example.com/", Backend: "x", MaxRetries: -1}, "MaxRetries"},
		{"max below min", apiclient.Config{BaseURL: "https://example.com/", Backend: "x", MinBackoff: time.Minute, MaxBackoff: time.Second}, "MaxBackoff"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, err := apiclient.New(tc.cfg)
			if tc.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				if !strings.HasSuffix(c.BaseURL().Path, "/") {
					t.Errorf("BaseURL %s lacks the trailing slash", c.BaseURL())
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error = %v, want it to mention %q", err, tc.want)
			}
		})
	}
}

func TestDo_success(t *testing.T) {
	t.Parallel()
	var got *http.Request
	var gotBody []byte
	c, _ := newClient(t, func(w http.ResponseWriter, r *http.Request) {
		got, gotBody = r, must(io.ReadAll(r.Body))
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		io.WriteString(w, `{"uuid": "abc", "state": "pending-consumer"}`)
	}, func(cfg *apiclient.Config) {
		cfg.BaseURL = strings.TrimSuffix(cfg.BaseURL, "/") // resolution must still stay under /api/
		cfg.UserAgent = "terraform-provider-cloudorder/1.2.3"
	})

	var out struct{ UUID, State string }
	resp, err := c.Do(context.Background(), apiclient.Request{
		Method: http.MethodPost,
		Path:   "marketplace-orders/?o=name",
		Query:  url.Values{"project_uuid": {"p1"}},
		Body:   map[string]string{"offering": "o1"},
		Header: http.Header{"Idempotency-Key": {"k1"}},
	}, &out)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusCreated || out.UUID != "abc" || out.State != "pending-consumer" {
		t.Errorf("resp = %d, out = %+v", resp.StatusCode, out)
	}
	if got.URL.Path != "/api/marketplace-orders/" || got.URL.Query().Get("o") != "name" || got.URL.Query().Get("project_uuid") != "p1" {
		t.Errorf("request URL = %s", got.URL)
	}
	for k, want := range map[string]string{
		"User-Agent":      "terraform-provider-cloudorder/1.2.3",
		"Accept":          "application/json",
		"Content-Type":    "application/json",
		"Idempotency-Key": "k1",
	} {
		if v := got.Header.Get(k); v != want {
			t.Errorf("header %s = %q, want %q", k, v, want)
		}
	}
	if string(gotBody) != `{"offering":"o1"}` {
		t.Errorf("body = %s", gotBody)
	}
}

func TestDo_outVariants(t *testing.T) {
	t.Parallel()
	c, _ := newClient(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/api/empty/":
			w.WriteHeader(http.StatusNoContent)
		case "/api/raw/":
			io.WriteString(w, "apiVersion: v1\nkind: Config\n")
		case "/api/bad/":
			io.WriteString(w, "not json")
		}
	})
	ctx := context.Background()

	var out map[string]any
	if _, err := c.Do(ctx, apiclient.Request{Method: http.MethodDelete, Path: "empty/"}, &out); err != nil || out != nil {
		t.Errorf("204: err = %v, out = %v", err, out)
	}
	var raw []byte
	if _, err := c.Do(ctx, apiclient.Request{Path: "raw/"}, &raw); err != nil || string(raw) != "apiVersion: v1\nkind: Config\n" {
		t.Errorf("raw: err = %v, raw = %q", err, raw)
	}
	if _, err := c.Do(ctx, apiclient.Request{Path: "bad/"}, &out); err == nil || !strings.Contains(err.Error(), "decoding") {
		t.Errorf("bad JSON: err = %v", err)
	}
	if resp, err := c.Do(ctx, apiclient.Request{Path: "bad/"}, nil); err != nil || string(resp.Body) != "not json" {
		t.Errorf("nil out: err = %v", err)
	}
}

func TestDo_retriesRetryableStatus(t *testing.T) {
	t.Parallel()
	for _, status := range []int{429, 502, 503, 504} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			t.Parallel()
			var hits atomic.Int32
			c, clock := newClient(t, sequence(&hits, status, status, 200))
			var out struct{ Attempt int }
			if _, err := c.Do(context.Background(), apiclient.Request{Path: "orders/"}, &out); err != nil {
				t.Fatal(err)
			}
			if hits.Load() != 3 || out.Attempt != 3 {
				t.Errorf("hits = %d, attempt = %d", hits.Load(), out.Attempt)
			}
			if got, want := clock.Sleeps(), testutil.Secs(0.5, 1); !equalDurations(got, want) {
				t.Errorf("sleeps = %v, want %v", got, want)
			}
		})
	}
}

func TestDo_notRetried(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		method string
		status int
		maybe  bool // MayHaveBeenProcessed
	}{
		{http.MethodGet, 400, false},
		{http.MethodGet, 404, false},
		{http.MethodGet, 500, false},
		{http.MethodPut, 409, false},
		{http.MethodPost, 400, false},
		{http.MethodPost, 500, true},
		{http.MethodPost, 501, false},
		{http.MethodPost, 502, true},
		{http.MethodPost, 503, true},
		{http.MethodPost, 504, true},
		{http.MethodPatch, 502, true},
	} {
		t.Run(fmt.Sprint(tc.method, tc.status), func(t *testing.T) {
			t.Parallel()
			var hits atomic.Int32
			c, clock := newClient(t, sequence(&hits, tc.status, 200))
			resp, err := c.Do(context.Background(), apiclient.Request{Method: tc.method, Path: "orders/", Body: map[string]int{"a": 1}}, nil)
			if !apiclient.IsStatus(err, tc.status) {
				t.Fatalf("err = %v, want an APIError %d", err, tc.status)
			}
			if resp == nil || resp.StatusCode != tc.status {
				t.Errorf("resp = %+v, want the %d response", resp, tc.status)
			}
			if hits.Load() != 1 || len(clock.Sleeps()) != 0 {
				t.Errorf("hits = %d, sleeps = %v: want one attempt", hits.Load(), clock.Sleeps())
			}
			if got := apiclient.MayHaveBeenProcessed(err); got != tc.maybe {
				t.Errorf("MayHaveBeenProcessed = %v, want %v", got, tc.maybe)
			}
		})
	}
}

func TestDo_retriesExhausted(t *testing.T) {
	t.Parallel()
	var hits atomic.Int32
	c, clock := newClient(t, sequence(&hits, 503), func(cfg *apiclient.Config) {
		cfg.MaxRetries = 4
		cfg.MaxBackoff = 3 * time.Second
		cfg.Rand = func() float64 { return 1 }
	})
	_, err := c.Do(context.Background(), apiclient.Request{Path: "orders/"}, nil)
	if !apiclient.IsStatus(err, 503) || !strings.Contains(err.Error(), "gave up after 5 attempts") {
		t.Fatalf("err = %v", err)
	}
	// Capped exponential: 1, 2, 4→3, 8→3.
	if got, want := clock.Sleeps(), testutil.Secs(1, 2, 3, 3); !equalDurations(got, want) {
		t.Errorf("sleeps = %v, want %v", got, want)
	}
	if hits.Load() != 5 {
		t.Errorf("hits = %d", hits.Load())
	}
}

func TestDo_noRetriesConfigured(t *testing.T) {
	t.Parallel()
	var hits atomic.Int32
	c, _ := newClient(t, sequence(&hits, 503, 200), func(cfg *apiclient.Config) { cfg.MaxRetries = 0 })
	if _, err := c.Do(context.Background(), apiclient.Request{Path: "x/"}, nil); !apiclient.IsStatus(err, 503) || hits.Load() != 1 {
		t.Errorf("err = %v, hits = %d", err, hits.Load())
	}
}

func TestDo_retryAfter(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name     string
		status   int
		header   func() string
		min, max time.Duration
	}{
		{"seconds on 429", 429, func() string { return "7" }, 7 * time.Second, 7 * time.Second},
		{"seconds beyond MaxBackoff are honoured", 503, func() string { return "120" }, 2 * time.Minute, 2 * time.Minute},
		{"HTTP-date", 503, func() string { return time.Now().Add(10 * time.Second).UTC().Format(http.TimeFormat) }, 8 * time.Second, 10 * time.Second},
		{"date in the past", 429, func() string { return "Mon, 02 Jan 2006 15:04:05 GMT" }, 0, 0},
		{"garbage falls back to backoff", 429, func() string { return "soon" }, 500 * time.Millisecond, 500 * time.Millisecond},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var hits atomic.Int32
			c, clock := newClient(t, func(w http.ResponseWriter, r *http.Request) {
				if hits.Add(1) == 1 {
					w.Header().Set("Retry-After", tc.header())
					w.WriteHeader(tc.status)
					return
				}
				io.WriteString(w, "{}")
			})
			if _, err := c.Do(context.Background(), apiclient.Request{Path: "x/"}, nil); err != nil {
				t.Fatal(err)
			}
			s := clock.Sleeps()
			if len(s) != 1 || s[0] < tc.min || s[0] > tc.max {
				t.Errorf("sleeps = %v, want one in [%v, %v]", s, tc.min, tc.max)
			}
		})
	}
}

func TestDo_deadlinePreventsRetry(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		h     func(w http.ResponseWriter)
		minBo time.Duration
	}{
		{"Retry-After past the deadline", func(w http.ResponseWriter) {
			w.Header().Set("Retry-After", "60")
			w.WriteHeader(503)
		}, time.Second},
		{"backoff past the deadline", func(w http.ResponseWriter) { w.WriteHeader(502) }, time.Minute},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var hits atomic.Int32
			c, clock := newClient(t, func(w http.ResponseWriter, r *http.Request) {
				hits.Add(1)
				tc.h(w)
			}, func(cfg *apiclient.Config) {
				cfg.MinBackoff = tc.minBo
				cfg.MaxBackoff = 2 * tc.minBo
			})
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			start := time.Now()
			_, err := c.Do(ctx, apiclient.Request{Path: "x/"}, nil)
			if !apiclient.IsStatus(err, 502, 503) || !strings.Contains(err.Error(), "would pass the context deadline") {
				t.Fatalf("err = %v", err)
			}
			if len(clock.Sleeps()) != 0 || hits.Load() != 1 {
				t.Errorf("sleeps = %v, hits = %d: want no retry", clock.Sleeps(), hits.Load())
			}
			if time.Since(start) > 5*time.Second {
				t.Error("waited for the deadline")
			}
		})
	}
}

func TestDo_postRetriedOn429(t *testing.T) {
	t.Parallel()
	var hits atomic.Int32
	c, _ := newClient(t, sequence(&hits, 429, 429, 201))
	if _, err := c.Do(context.Background(), apiclient.Request{Method: http.MethodPost, Path: "orders/", Body: map[string]string{}}, nil); err != nil {
		t.Fatal(err)
	}
	if hits.Load() != 3 {
		t.Errorf("hits = %d, want 3", hits.Load())
	}

	var hits2 atomic.Int32
	c2, _ := newClient(t, sequence(&hits2, 429), func(cfg *apiclient.Config) { cfg.MaxRetries = 1 })
	_, err := c2.Do(context.Background(), apiclient.Request{Method: http.MethodPost, Path: "orders/"}, nil)
	if !apiclient.IsStatus(err, 429) || apiclient.MayHaveBeenProcessed(err) {
		t.Errorf("err = %v, MayHaveBeenProcessed = %v: a 429 was not processed", err, apiclient.MayHaveBeenProcessed(err))
	}
}

func TestDo_retryNonIdempotentResendsSameBody(t *testing.T) {
	t.Parallel()
	var (
		mu     sync.Mutex
		bodies []string
		auths  []string
	)
	var hits atomic.Int32
	c, clock := newClient(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		bodies = append(bodies, string(must(io.ReadAll(r.Body))))
		auths = append(auths, r.Header.Get("Authorization"))
		mu.Unlock()
		sequence(&hits, 502, 503, 201)(w, r)
	}, func(cfg *apiclient.Config) {
		n := 0
		cfg.Authorize = func(req *http.Request) error {
			n++
			req.Header.Set("Authorization", fmt.Sprintf("Token t%d", n))
			return nil
		}
	})
	body := strings.NewReader(`{"name":"vm-1","idempotency_key":"k1"}`)
	_, err := c.Do(context.Background(), apiclient.Request{
		Method: http.MethodPost, Path: "orders/", Body: body, ContentType: "application/json", RetryNonIdempotent: true,
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(bodies) != 3 || bodies[0] != bodies[1] || bodies[1] != bodies[2] || bodies[0] != `{"name":"vm-1","idempotency_key":"k1"}` {
		t.Errorf("bodies = %q: want the same body on every attempt", bodies)
	}
	if strings.Join(auths, ",") != "Token t1,Token t2,Token t3" {
		t.Errorf("Authorization per attempt = %v: want Authorize called each time", auths)
	}
	if len(clock.Sleeps()) != 2 {
		t.Errorf("sleeps = %v", clock.Sleeps())
	}

	// Exhausted: still unknown whether the server created it.
	var hits2 atomic.Int32
	c2, _ := newClient(t, sequence(&hits2, 502), func(cfg *apiclient.Config) { cfg.MaxRetries = 1 })
	_, err = c2.Do(context.Background(), apiclient.Request{Method: http.MethodPost, Path: "orders/", Body: []byte("{}"), RetryNonIdempotent: true}, nil)
	if hits2.Load() != 2 || !apiclient.MayHaveBeenProcessed(err) {
		t.Errorf("hits = %d, MayHaveBeenProcessed = %v", hits2.Load(), apiclient.MayHaveBeenProcessed(err))
	}
}

// closeConn answers nothing: it hijacks the connection and closes it, with
// an RST when reset is set.
func closeConn(t testing.TB, w http.ResponseWriter, reset bool) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err != nil {
		t.Error(err)
		return
	}
	if tcp, ok := conn.(*net.TCPConn); ok && reset {
		_ = tcp.SetLinger(0)
	}
	conn.Close()
}

func TestDo_connectionDropped(t *testing.T) {
	t.Parallel()
	for _, reset := range []bool{false, true} {
		t.Run(fmt.Sprintf("GET retried reset=%v", reset), func(t *testing.T) {
			t.Parallel()
			var hits atomic.Int32
			c, clock := newClient(t, func(w http.ResponseWriter, r *http.Request) {
				if hits.Add(1) <= 2 {
					closeConn(t, w, reset)
					return
				}
				io.WriteString(w, `{"ok": true}`)
			})
			var out struct{ OK bool }
			if _, err := c.Do(context.Background(), apiclient.Request{Path: "orders/1/"}, &out); err != nil || !out.OK {
				t.Fatalf("err = %v, out = %+v", err, out)
			}
			if len(clock.Sleeps()) != 2 {
				t.Errorf("sleeps = %v, want 2 retries", clock.Sleeps())
			}
		})
		t.Run(fmt.Sprintf("POST not retried reset=%v", reset), func(t *testing.T) {
			t.Parallel()
			var hits atomic.Int32
			c, clock := newClient(t, func(w http.ResponseWriter, r *http.Request) {
				hits.Add(1)
				io.Copy(io.Discard, r.Body)
				closeConn(t, w, reset)
			})
			resp, err := c.Do(context.Background(), apiclient.Request{Method: http.MethodPost, Path: "orders/", Body: map[string]string{"a": "b"}}, nil)
			if err == nil || resp != nil {
				t.Fatalf("err = %v, resp = %v", err, resp)
			}
			if !apiclient.MayHaveBeenProcessed(err) || !strings.Contains(err.Error(), "may have processed") {
				t.Errorf("MayHaveBeenProcessed = false for %v", err)
			}
			if hits.Load() != 1 || len(clock.Sleeps()) != 0 {
				t.Errorf("hits = %d, sleeps = %v", hits.Load(), clock.Sleeps())
			}
			if !strings.HasPrefix(err.Error(), "waldur API: POST /api/orders/: ") {
				t.Errorf("error = %q", err)
			}
		})
	}
}

func TestDo_connectionRefusedRetriesPost(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	clock := waitertest.NewFakeClock()
	c, err := apiclient.New(apiclient.Config{
		BaseURL: "http://" + addr + "/api/", Backend: "awanio", MaxRetries: 2,
		Sleep: clock.Sleep, Rand: func() float64 { return 0.5 },
	})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Do(context.Background(), apiclient.Request{Method: http.MethodPost, Path: "vms", Body: map[string]string{}}, nil)
	if !errors.Is(err, syscall.ECONNREFUSED) {
		t.Fatalf("err = %v, want ECONNREFUSED", err)
	}
	if apiclient.MayHaveBeenProcessed(err) {
		t.Error("MayHaveBeenProcessed = true, but nothing was sent")
	}
	if len(clock.Sleeps()) != 2 || !strings.Contains(err.Error(), "gave up after 3 attempts") {
		t.Errorf("sleeps = %v, err = %v", clock.Sleeps(), err)
	}
}

func TestDo_contextCanceled(t *testing.T) {
	t.Parallel()

	t.Run("while waiting to retry", func(t *testing.T) {
		t.Parallel()
		var hits atomic.Int32
		ctx, cancel := context.WithCancel(context.Background())
		c, _ := newClient(t, sequence(&hits, 503), func(cfg *apiclient.Config) {
			cfg.Sleep = func(ctx context.Context, d time.Duration) error {
				cancel()
				<-ctx.Done()
				return ctx.Err()
			}
		})
		_, err := c.Do(ctx, apiclient.Request{Path: "x/"}, nil)
		if !errors.Is(err, context.Canceled) || hits.Load() != 1 {
			t.Fatalf("err = %v, hits = %d", err, hits.Load())
		}
		if !strings.Contains(err.Error(), "returned 503") {
			t.Errorf("error %q does not say what was being retried", err)
		}
	})

	t.Run("during a POST", func(t *testing.T) {
		t.Parallel()
		ctx, cancel := context.WithCancel(context.Background())
		c, _ := newClient(t, func(w http.ResponseWriter, r *http.Request) {
			io.Copy(io.Discard, r.Body)
			cancel()
			<-r.Context().Done()
		})
		start := time.Now()
		_, err := c.Do(ctx, apiclient.Request{Method: http.MethodPost, Path: "x/", Body: map[string]int{}}, nil)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v", err)
		}
		if !apiclient.MayHaveBeenProcessed(err) {
			t.Error("a POST canceled after it was sent may have been processed")
		}
		if time.Since(start) > 5*time.Second {
			t.Error("did not return promptly")
		}
	})
}

func TestDo_authorizeError(t *testing.T) {
	t.Parallel()
	var hits atomic.Int32
	c, _ := newClient(t, sequence(&hits, 200), func(cfg *apiclient.Config) {
		cfg.Authorize = func(*http.Request) error { return errors.New("login failed") }
	})
	_, err := c.Do(context.Background(), apiclient.Request{Path: "x/"}, nil)
	if err == nil || !strings.Contains(err.Error(), "login failed") || hits.Load() != 0 {
		t.Errorf("err = %v, hits = %d", err, hits.Load())
	}
}

func TestDo_absoluteURLs(t *testing.T) {
	t.Parallel()
	var authorized atomic.Int32
	var gotPath atomic.Value
	c, _ := newClient(t, func(w http.ResponseWriter, r *http.Request) {
		gotPath.Store(r.URL.RequestURI())
		io.WriteString(w, "[]")
	}, func(cfg *apiclient.Config) {
		cfg.Authorize = func(*http.Request) error { authorized.Add(1); return nil }
	})
	next := c.BaseURL().String() + "marketplace-orders/?page=2&page_size=50"
	if _, err := c.Do(context.Background(), apiclient.Request{Path: next}, nil); err != nil {
		t.Fatal(err)
	}
	if gotPath.Load() != "/api/marketplace-orders/?page=2&page_size=50" {
		t.Errorf("requested %v", gotPath.Load())
	}
	if _, err := c.Do(context.Background(), apiclient.Request{Path: "/api/other/"}, nil); err != nil || gotPath.Load() != "/api/other/" {
		t.Errorf("absolute path: err = %v, requested %v", err, gotPath.Load())
	}
	_, err := c.Do(context.Background(), apiclient.Request{Path: "https://evil.example.com/api/x/"}, nil)
	if err == nil || !strings.Contains(err.Error(), "not the API host") || authorized.Load() != 2 {
		t.Errorf("foreign host: err = %v, Authorize calls = %d", err, authorized.Load())
	}
}

func TestDo_redirects(t *testing.T) {
	t.Parallel()
	var hits atomic.Int32
	c, _ := newClient(t, func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.URL.Path == "/api/old/" {
			http.Redirect(w, r, "/api/new/", http.StatusFound)
			return
		}
		io.WriteString(w, `{"method": "`+r.Method+`"}`)
	})
	var out struct{ Method string }
	if _, err := c.Do(context.Background(), apiclient.Request{Path: "old/"}, &out); err != nil || out.Method != "GET" {
		t.Errorf("GET: err = %v, out = %+v", err, out)
	}
	_, err := c.Do(context.Background(), apiclient.Request{Method: http.MethodPost, Path: "old/", Body: map[string]int{}}, &out)
	if !apiclient.IsStatus(err, http.StatusFound) {
		t.Errorf("POST: err = %v, want the 302 as an APIError rather than a GET", err)
	}
}

func TestAPIError(t *testing.T) {
	t.Parallel()
	c, _ := newClient(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Request-ID", "abc")
		w.WriteHeader(http.StatusBadRequest)
		io.WriteString(w, `{"offering": ["Invalid hyperlink - No URL match."]}`)
	})
	_, err := c.Do(context.Background(), apiclient.Request{Method: http.MethodPost, Path: "marketplace-orders/", Body: map[string]string{"offering": "x"}}, nil)
	var ae *apiclient.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("err = %v", err)
	}
	want := `waldur API: POST /api/marketplace-orders/ returned 400 Bad Request: offering: Invalid hyperlink - No URL match. (request id abc)`
	if err.Error() != want {
		t.Errorf("Error() = %q\nwant      %q", err, want)
	}
	if ae.Backend != "waldur" || ae.Method != "POST" || ae.URL != "/api/marketplace-orders/" || ae.StatusCode != 400 ||
		ae.RequestID != "abc" || ae.Body != `{"offering": ["Invalid hyperlink - No URL match."]}` {
		t.Errorf("APIError = %#v", ae)
	}
}

func TestAPIError_customDecoderAndRequestIDs(t *testing.T) {
	t.Parallel()
	c, _ := newClient(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Request-Id", "req-7")
		w.WriteHeader(http.StatusUnauthorized)
		io.WriteString(w, `{"status": "error", "code": "401-3", "msg": "Token expired"}`)
	}, func(cfg *apiclient.Config) {
		cfg.Backend = "hostway"
		cfg.DecodeError = func(status int, h http.Header, body []byte) *apiclient.APIError {
			var b struct{ Code, Msg string }
			if json.Unmarshal(body, &b) != nil {
				return nil //nolint:nilerr // nil falls back to the default decoder
			}
			return &apiclient.APIError{Code: b.Code, Message: b.Msg}
		}
	})
	_, err := c.Do(context.Background(), apiclient.Request{Path: "orders"}, nil)
	want := "hostway API: GET /api/orders returned 401 Unauthorized: Token expired (code 401-3, request id req-7)"
	if err == nil || err.Error() != want {
		t.Errorf("Error() = %v\nwant      %s", err, want)
	}
	if !apiclient.IsUnauthorized(err) {
		t.Error("IsUnauthorized = false")
	}
}

func TestDefaultDecodeError(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, ctype, body string
		code, msg         string
	}{
		{"detail", "application/json", `{"detail": "Not found."}`, "", "Not found."},
		{"message and code", "application/json", `{"message": "VM quota exceeded", "code": "quota_exceeded"}`, "quota_exceeded", "VM quota exceeded"},
		{"error string", "application/json", `{"error": "invalid_grant", "error_description": "bad"}`, "", "invalid_grant"},
		{"error object", "application/json", `{"error": {"code": 409, "message": "already exists"}}`, "409", "already exists"},
		{"openstack style", "application/json", `{"itemNotFound": {"message": "Instance could not be found", "code": 404}}`, "itemNotFound", "Instance could not be found"},
		{"nested drf field error", "application/json", `{"attributes": {"name": ["Too long."]}}`, "", "attributes: name: Too long."},
		{"drf non-field errors", "application/json", `{"non_field_errors": ["Plan is not available."]}`, "", "Plan is not available."},
		{"list", "application/json", `["Order is not in pending state."]`, "", "Order is not in pending state."},
		{"string", "application/json", `"Bad state"`, "", "Bad state"},
		{"DRF fields", "application/json", `{"name": ["This field is required."], "non_field_errors": ["Limit reached."], "attributes": {"size": ["Too big."]}}`,
			"", "attributes: size: Too big.; name: This field is required.; Limit reached."},
		{"echoed secret not used as message", "application/json", `{"password": "hunter2"}`, "", ""},
		{"plain text", "text/plain", "  upstream\n  timed out  ", "", "upstream timed out"},
		{"html page", "text/html", "<html><title>502 Bad Gateway</title></html>", "", ""},
		{"empty", "", "", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := apiclient.DefaultDecodeError(400, http.Header{"Content-Type": {tc.ctype}}, []byte(tc.body))
			if e.Code != tc.code || e.Message != tc.msg {
				t.Errorf("got code %q message %q, want %q %q", e.Code, e.Message, tc.code, tc.msg)
			}
		})
	}
}

func TestIsHelpers(t *testing.T) {
	t.Parallel()
	wrap := func(status int) error {
		return fmt.Errorf("reading order: %w", &apiclient.APIError{StatusCode: status})
	}
	for _, tc := range []struct {
		name string
		fn   func(error) bool
		yes  []int
		no   []int
	}{
		{"IsNotFound", apiclient.IsNotFound, []int{404, 410}, []int{400, 403, 500}},
		{"IsConflict", apiclient.IsConflict, []int{409}, []int{400, 404}},
		{"IsUnauthorized", apiclient.IsUnauthorized, []int{401}, []int{403}},
		{"IsForbidden", apiclient.IsForbidden, []int{403}, []int{401}},
	} {
		for _, s := range tc.yes {
			if !tc.fn(wrap(s)) {
				t.Errorf("%s(%d) = false", tc.name, s)
			}
		}
		for _, s := range tc.no {
			if tc.fn(wrap(s)) {
				t.Errorf("%s(%d) = true", tc.name, s)
			}
		}
		if tc.fn(nil) || tc.fn(errors.New("404")) {
			t.Errorf("%s true for a non-APIError", tc.name)
		}
	}
	if !apiclient.IsStatus(wrap(422), 400, 422) || apiclient.IsStatus(wrap(422)) {
		t.Error("IsStatus")
	}
	if apiclient.MayHaveBeenProcessed(nil) || apiclient.MayHaveBeenProcessed(wrap(502)) {
		t.Error("MayHaveBeenProcessed is only set by the client")
	}
}

// TestDo_logsAreMasked captures the tflog output of a request that carries
// a token, a password and cookies and checks they never appear.
func TestDo_logsAreMasked(t *testing.T) {
	t.Parallel()
	const (
		token    = "tok-9f8e7d6c5b4a"
		password = "hunter2-Sup3r<&>"
		cookie   = "sessionid=c00k1e-value"
		respKey  = "AKIA-response-secret-key"
	)
	c, _ := newClient(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Set-Cookie", cookie)
		if r.URL.Path == "/api/fail/" {
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprintf(w, `{"detail": "Invalid token %s."}`, token)
			return
		}
		fmt.Fprintf(w, `{"uuid": "u1", "secret_key": %q, "kubeconfig": "apiVersion: v1", "note": "echo %s"}`, respKey, token)
	}, func(cfg *apiclient.Config) {
		cfg.Secrets = []string{token, password, ""}
		cfg.MaxRetries = 0
		cfg.Authorize = func(req *http.Request) error {
			req.Header.Set("Authorization", "Token "+token)
			req.Header.Set("Cookie", cookie)
			return nil
		}
	})

	var logs bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &logs)
	body := map[string]any{
		"name":       "vm-1",
		"attributes": map[string]any{"admin_password": password, "ssh": []any{map[string]any{"privateKey": "-----BEGIN"}}},
		"comment":    "the password is " + password,
	}
	if _, err := c.Do(ctx, apiclient.Request{Method: http.MethodPost, Path: "vms/", Query: url.Values{"access_token": {token}}, Body: body}, nil); err != nil {
		t.Fatal(err)
	}
	_, err := c.Do(ctx, apiclient.Request{Path: "fail/"}, nil)
	if err == nil {
		t.Fatal("want an error")
	}

	out := logs.String()
	for _, must := range []string{"sending API request", "received API response", "API request finished", `"@module":"provider.waldur"`, "vm-1", "/api/vms/", `"status_code":200`, `"status_code":401`} {
		if !strings.Contains(out, must) {
			t.Errorf("log lacks %q", must)
		}
	}
	for _, secret := range []string{token, password, "hunter2", "c00k1e", respKey, "BEGIN", "apiVersion: v1"} {
		// hclog writes JSON, so look for the escaped form too.
		escaped := string(must(json.Marshal(secret)))
		if strings.Contains(out, secret) || strings.Contains(out, escaped[1:len(escaped)-1]) {
			t.Errorf("log contains secret %q", secret)
		}
		if strings.Contains(err.Error(), secret) {
			t.Errorf("error contains secret %q: %v", secret, err)
		}
	}
	var ae *apiclient.APIError
	if !errors.As(err, &ae) || strings.Contains(ae.Body, token) || ae.Message != "Invalid token ***." {
		t.Errorf("APIError = %#v", ae)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func TestDo_realSleep(t *testing.T) {
	t.Parallel()
	var hits atomic.Int32
	srv := httptest.NewServer(sequence(&hits, 503, 200))
	t.Cleanup(srv.Close)
	c, err := apiclient.New(apiclient.Config{BaseURL: srv.URL, Backend: "awanio", MaxRetries: 2, MinBackoff: time.Millisecond, MaxBackoff: 2 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Do(context.Background(), apiclient.Request{Path: "x"}, nil); err != nil || hits.Load() != 2 {
		t.Fatalf("err = %v, hits = %d", err, hits.Load())
	}

	// A long real backoff ends as soon as the context does.
	var hits2 atomic.Int32
	srv2 := httptest.NewServer(sequence(&hits2, 503))
	t.Cleanup(srv2.Close)
	c2, err := apiclient.New(apiclient.Config{BaseURL: srv2.URL, Backend: "awanio", MaxRetries: 2, MinBackoff: time.Hour, MaxBackoff: time.Hour, Rand: func() float64 { return 1 }})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(20*time.Millisecond, cancel)
	start := time.Now()
	if _, err := c2.Do(ctx, apiclient.Request{Path: "x"}, nil); !errors.Is(err, context.Canceled) || time.Since(start) > 5*time.Second {
		t.Errorf("err = %v after %v", err, time.Since(start))
	}
}

func TestDo_untrustedCertificateNotRetried(t *testing.T) {
	t.Parallel()
	var hits atomic.Int32
	srv := httptest.NewTLSServer(sequence(&hits, 200))
	t.Cleanup(srv.Close)
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the failed handshake is expected
	clock := waitertest.NewFakeClock()
	c, err := apiclient.New(apiclient.Config{BaseURL: srv.URL, Backend: "hostway", MaxRetries: 3, Sleep: clock.Sleep})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Do(context.Background(), apiclient.Request{Path: "x"}, nil)
	if err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Fatalf("err = %v", err)
	}
	if len(clock.Sleeps()) != 0 || hits.Load() != 0 {
		t.Errorf("sleeps = %v, hits = %d: a certificate error must not be retried", clock.Sleeps(), hits.Load())
	}
}

func TestAPIError_bodyTruncated(t *testing.T) {
	t.Parallel()
	c, _ := newClient(t, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadRequest)
		io.WriteString(w, strings.Repeat("x", 10_000))
	})
	_, err := c.Do(context.Background(), apiclient.Request{Path: "x/"}, nil)
	var ae *apiclient.APIError
	if !errors.As(err, &ae) || len(ae.Body) > 2100 || !strings.HasSuffix(ae.Body, "more bytes]") || len(ae.Message) > 1100 {
		t.Errorf("Body has %d bytes, Message %d", len(ae.Body), len(ae.Message))
	}
}
