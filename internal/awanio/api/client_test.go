package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
)

// fakeAwanio is a scripted Awanio server for client tests; the mock cloud
// is used by the acceptance tests.
type fakeAwanio struct {
	mu     sync.Mutex
	logins atomic.Int32
	token  string // the JWT currently valid
	routes map[string]http.HandlerFunc
}

func newFake(t *testing.T) (*fakeAwanio, string) {
	t.Helper()
	f := &fakeAwanio{token: "jwt-1", routes: map[string]http.HandlerFunc{}}
	srv := httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(srv.Close)
	return f, srv.URL + "/v2"
}

func (f *fakeAwanio) handle(pattern string, h http.HandlerFunc) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.routes[pattern] = h
}

func (f *fakeAwanio) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method == "POST" && r.URL.Path == "/v2/accounts/login" {
		var in loginRequest
		_ = json.NewDecoder(r.Body).Decode(&in)
		if in.Username != "alice" || in.Password != "s3cret-pass" {
			writeEnv(w, 401, `{"error":"INVALID CREDENTIALS","error_code":"401-3","message":"WRONG USERNAME / PASSWORD","result":false}`)
			return
		}
		n := f.logins.Add(1)
		f.mu.Lock()
		f.token = fmt.Sprintf("jwt-%d", n+1)
		tok := f.token
		f.mu.Unlock()
		writeEnv(w, 200, `{"data":{"id":1,"username":"alice","token":"`+tok+`"},"result":true}`)
		return
	}
	f.mu.Lock()
	valid := r.Header.Get("Authorization") == "Bearer "+f.token
	h := f.routes[r.Method+" "+r.URL.Path]
	f.mu.Unlock()
	if !valid {
		writeEnv(w, 401, `{"error":"UNAUTHORIZED","error_code":"401-2","message":"INVALID OR EXPIRED JWT","result":false}`)
		return
	}
	if h == nil {
		writeEnv(w, 404, `{"error":"NOT FOUND","error_code":"404-0","message":"ROUTE NOT FOUND","result":false}`)
		return
	}
	h(w, r)
}

func writeEnv(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body))
}

func testClient(t *testing.T, endpoint string, cfg Config) *Client {
	t.Helper()
	cfg.Endpoint = endpoint
	cfg.MaxRetries = 1
	cfg.MinBackoff, cfg.MaxBackoff = time.Millisecond, 2*time.Millisecond
	c, err := NewClient(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestClientUnwrapsTheEnvelopeAndDecodesLenientFields(t *testing.T) {
	f, endpoint := newFake(t)
	f.handle("GET /v2/organizations/o1", func(w http.ResponseWriter, _ *http.Request) {
		// Numbers and booleans as strings with stray commas, as documented.
		writeEnv(w, 200, `{"data":{"uuid":"o1","name":"root","member_count":"2,","balance":1000000,
			"organization_member":{"user_level":"1,","is_default":"true,"},"tax_percent":null},"result":true}`)
	})
	c := testClient(t, endpoint, Config{Username: "alice", Password: "s3cret-pass"})
	if err := c.Authenticate(t.Context()); err != nil {
		t.Fatal(err)
	}
	org, err := c.GetOrganization(t.Context(), "o1")
	if err != nil {
		t.Fatal(err)
	}
	if org.Name != "root" || org.MemberCount != 2 || org.Balance != 1000000 || org.OrganizationMember.UserLevel != 1 || !bool(org.OrganizationMember.IsDefault) {
		t.Fatalf("decoded %+v %+v", org, org.OrganizationMember)
	}
}

func TestClientDecodesAwanioErrors(t *testing.T) {
	f, endpoint := newFake(t)
	f.handle("GET /v2/organizations/gone", func(w http.ResponseWriter, _ *http.Request) {
		writeEnv(w, 404, `{"error":"NOT FOUND","error_code":"404-1","message":"ORGANIZATION NOT FOUND","result":false}`)
	})
	f.handle("GET /v2/organizations/soft", func(w http.ResponseWriter, _ *http.Request) {
		// A 200 that says result false is an error too; its code decides.
		writeEnv(w, 200, `{"error":"NOT FOUND","error_code":"404-7","message":"ORGANIZATION WAS DELETED","result":false}`)
	})
	f.handle("PUT /v2/organizations/bad", func(w http.ResponseWriter, _ *http.Request) {
		writeEnv(w, 200, `{"error":"BAD REQUEST","message":"NAME IS TAKEN","result":false}`)
	})
	c := testClient(t, endpoint, Config{Token: "jwt-1"})
	ctx := t.Context()

	_, err := c.GetOrganization(ctx, "gone")
	var ae *apiclient.APIError
	if !errors.As(err, &ae) || ae.StatusCode != 404 || ae.Code != "404-1" || ae.Message != "ORGANIZATION NOT FOUND" || !apiclient.IsNotFound(err) {
		t.Fatalf("404: %#v", err)
	}
	_, err = c.GetOrganization(ctx, "soft")
	if !apiclient.IsNotFound(err) || !strings.Contains(err.Error(), "ORGANIZATION WAS DELETED") || !strings.Contains(err.Error(), "404-7") {
		t.Fatalf("result false with a 404 code: %v", err)
	}
	_, err = c.UpdateOrganization(ctx, "bad", OrganizationUpdateRequest{Name: "x"})
	if !errors.As(err, &ae) || ae.StatusCode != 200 || ae.Message != "NAME IS TAKEN" {
		t.Fatalf("result false without a code: %#v", err)
	}
}

func TestClientFollowsPagination(t *testing.T) {
	f, endpoint := newFake(t)
	var pages []string
	f.handle("GET /v2/organizations", func(w http.ResponseWriter, r *http.Request) {
		page := r.URL.Query().Get("page")
		pages = append(pages, page+"/"+r.URL.Query().Get("per_page"))
		switch page {
		case "1":
			writeEnv(w, 200, `{"data":[{"uuid":"a"},{"uuid":"b"}],"meta":{"pagination":{"page":1,"per_page":2,"total":3,"last_page":2}},"result":true}`)
		default:
			// Page numbers as strings, as the documentation shows them.
			writeEnv(w, 200, `{"data":[{"uuid":"c"}],"meta":{"pagination":{"page":"2,","per_page":2,"total":3,"last_page":"2"}},"result":true}`)
		}
	})
	f.handle("GET /v2/catalogues", func(w http.ResponseWriter, _ *http.Request) {
		// Without meta, the answer is the whole list.
		writeEnv(w, 200, `{"data":[{"uuid":"x"}],"result":true}`)
	})
	c := testClient(t, endpoint, Config{Token: "jwt-1"})
	orgs, err := c.ListOrganizations(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(orgs) != 3 || orgs[2].UUID != "c" || strings.Join(pages, ",") != "1/100,2/100" {
		t.Fatalf("orgs %+v after pages %v", orgs, pages)
	}
	cats, err := list[struct{ UUID string }](t.Context(), c, pathCatalogues, nil)
	if err != nil || len(cats) != 1 {
		t.Fatalf("list without meta: %v %v", cats, err)
	}
}

func TestClientLogsInAgainOnceOn401(t *testing.T) {
	f, endpoint := newFake(t)
	f.handle("GET /v2/organizations/o1", func(w http.ResponseWriter, _ *http.Request) {
		writeEnv(w, 200, `{"data":{"uuid":"o1"},"result":true}`)
	})
	c := testClient(t, endpoint, Config{Username: "alice", Password: "s3cret-pass"})
	ctx := t.Context()
	if err := c.Authenticate(ctx); err != nil {
		t.Fatal(err)
	}
	// The JWT expires: many requests at once see 401, but only one of
	// them logs in again and all succeed.
	f.mu.Lock()
	f.token = "expired-elsewhere"
	f.mu.Unlock()
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := c.GetOrganization(ctx, "o1")
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if n := f.logins.Load(); n != 2 {
		t.Fatalf("%d logins, want 2 (configure and one re-login)", n)
	}
}

func TestClientWithTokenDoesNotLogIn(t *testing.T) {
	f, endpoint := newFake(t)
	c := testClient(t, endpoint, Config{Token: "stale"})
	if err := c.Authenticate(t.Context()); err != nil {
		t.Fatal(err)
	}
	_, err := c.GetOrganization(t.Context(), "o1")
	if !apiclient.IsUnauthorized(err) || !strings.Contains(err.Error(), "Set a fresh token") {
		t.Fatalf("want a 401 with a hint, got %v", err)
	}
	if strings.Contains(err.Error(), "stale") {
		t.Fatalf("the token leaked into the error: %v", err)
	}
	if f.logins.Load() != 0 {
		t.Fatal("a token-only client logged in")
	}
}

func TestClientBadLoginShowsAwaniosMessageNotThePassword(t *testing.T) {
	_, endpoint := newFake(t)
	c := testClient(t, endpoint, Config{Username: "alice", Password: "wrong-pass-123"})
	err := c.Authenticate(t.Context())
	if err == nil || !strings.Contains(err.Error(), "WRONG USERNAME / PASSWORD") || !strings.Contains(err.Error(), "401-3") {
		t.Fatalf("login error: %v", err)
	}
	if strings.Contains(err.Error(), "wrong-pass-123") {
		t.Fatalf("the password leaked: %v", err)
	}
}

func TestClientMasksSecretsTheAPIEchoes(t *testing.T) {
	f, endpoint := newFake(t)
	f.handle("GET /v2/organizations/echo", func(w http.ResponseWriter, r *http.Request) {
		tok := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		writeEnv(w, 200, `{"error":"X","error_code":"400-9","message":"token `+tok+` and s3cret-pass are odd","result":false}`)
	})
	c := testClient(t, endpoint, Config{Username: "alice", Password: "s3cret-pass"})
	_, err := c.GetOrganization(t.Context(), "echo")
	if err == nil {
		t.Fatal("want an error")
	}
	if msg := err.Error(); strings.Contains(msg, "jwt-2") || strings.Contains(msg, "s3cret-pass") || !strings.Contains(msg, "***") {
		t.Fatalf("secrets not masked: %v", msg)
	}
}

func TestNewClientRequiresEndpointAndCredentials(t *testing.T) {
	for name, cfg := range map[string]Config{
		"no endpoint":        {Token: "t"},
		"relative endpoint":  {Endpoint: "api.example.com/v2", Token: "t"},
		"no credentials":     {Endpoint: "https://api.example.com/v2"},
		"username only":      {Endpoint: "https://api.example.com/v2", Username: "u"},
		"token and password": {Endpoint: "https://api.example.com/v2", Token: "t", Username: "u", Password: "p"},
	} {
		if _, err := NewClient(cfg); err == nil {
			t.Errorf("%s: NewClient accepted %+v", name, cfg)
		}
	}
}

func TestPathTableExpandsCompletely(t *testing.T) {
	for _, tmpl := range allPaths {
		if strings.HasPrefix(tmpl, "/") || strings.HasSuffix(tmpl, "/") {
			t.Errorf("%q must be relative and have no trailing slash", tmpl)
		}
		var pairs []string
		for _, ph := range placeholder.FindAllString(tmpl, -1) {
			pairs = append(pairs, ph[1:len(ph)-1], "v")
		}
		if got := expand(tmpl, pairs...); strings.ContainsAny(got, "{}") {
			t.Errorf("expand(%q) = %q", tmpl, got)
		}
	}
	if got := OrganizationGroup("a b").path(pathGroupVolume, "volume_uuid", "v/1"); got != "organizations/a%20b/volumes/v%2F1" {
		t.Errorf("values are not path-escaped: %q", got)
	}
}

func TestExpandPanicsOnAMissingValue(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("expand with a missing value did not panic")
		}
	}()
	expand(pathOrganizationMember, "uuid", "o")
}

func TestOneOrMany(t *testing.T) {
	type v struct{ UUID string }
	for raw, want := range map[string]int{`{"UUID":"a"}`: 1, `[{"UUID":"a"},{"UUID":"b"}]`: 2, `null`: 0} {
		got, err := oneOrMany[v](json.RawMessage(raw))
		if err != nil || len(got) != want {
			t.Errorf("oneOrMany(%s) = %v, %v", raw, got, err)
		}
	}
}

func TestLenientScalars(t *testing.T) {
	var s struct {
		A Int    `json:"a"`
		B Float  `json:"b"`
		C Bool   `json:"c"`
		D String `json:"d"`
		E Bool   `json:"e"`
		F Int    `json:"f"`
	}
	if err := json.Unmarshal([]byte(`{"a":"12,","b":"0.5","c":"true,","d":1.23,"e":null,"f":null}`), &s); err != nil {
		t.Fatal(err)
	}
	if s.A != 12 || s.B != 0.5 || !bool(s.C) || s.D != "1.23" || bool(s.E) || s.F != 0 {
		t.Fatalf("%+v", s)
	}
	if err := json.Unmarshal([]byte(`{"a":"twelve"}`), &s); err == nil {
		t.Fatal("a word is not a number")
	}
}

// maybeProcessedErr is a real "answer lost" error from apiclient: a POST
// whose connection dropped after it was sent.
func maybeProcessedErr() error {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		hj, _ := w.(http.Hijacker)
		conn, _, _ := hj.Hijack()
		_ = conn.Close()
	}))
	defer srv.Close()
	api, _ := apiclient.New(apiclient.Config{BaseURL: srv.URL, Backend: "awanio"})
	_, err := api.Do(context.Background(), apiclient.Request{Method: "POST", Path: "x", Body: map[string]string{}}, nil)
	return err
}
