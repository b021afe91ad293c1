package api

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
)

// Issue 17, item 3: the client logs in on its first call, once for calls
// that come together, and a login that Awanio refused is not tried again:
// every call fails with Awanio's message, and the password is never shown.
func TestClientLogsInLazilyOnceAndRemembersARefusal(t *testing.T) {
	t.Parallel()
	var logins atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/v2/accounts/login" {
			logins.Add(1)
			writeEnv(w, 401, `{"error":"INVALID CREDENTIALS","error_code":"401-3","message":"WRONG USERNAME / PASSWORD","result":false}`)
			return
		}
		writeEnv(w, 200, `{"data":{"uuid":"o1","name":"x"},"result":true}`)
	}))
	t.Cleanup(srv.Close)
	c := testClient(t, srv.URL+"/v2", Config{Username: "alice", Password: "wrong-pass-123"})
	if n := logins.Load(); n != 0 {
		t.Fatalf("building the client logged in %d times", n)
	}
	var wg sync.WaitGroup
	errs := make([]error, 5)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = c.call(context.Background(), apiclient.Request{Method: http.MethodGet, Path: "organizations/o1"}, nil)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err == nil || !strings.Contains(err.Error(), "could not log in to Awanio") || !strings.Contains(err.Error(), "WRONG USERNAME / PASSWORD") {
			t.Fatalf("call error: %v", err)
		}
		if strings.Contains(err.Error(), "wrong-pass-123") {
			t.Fatalf("the password leaked: %v", err)
		}
	}
	if n := logins.Load(); n != 1 {
		t.Fatalf("%d logins for 5 calls with a refused password, want 1", n)
	}
}

// RegisterSecret and MaskFromNowOn are one path under the login lock: a
// secret registered while a login is under way never puts back the JWT
// that the login replaced.
func TestRegisterSecretKeepsTheNewestLogin(t *testing.T) {
	t.Parallel()
	_, endpoint := newFake(t)
	c := testClient(t, endpoint, Config{Token: "jwt-old"})
	c.loginMu.Lock() // a login is under way
	done := make(chan error)
	go func() { done <- c.RegisterSecret("vm-password-1") }()
	if err := c.setSession("jwt-new"); err != nil {
		t.Fatal(err)
	}
	c.loginMu.Unlock()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if tok := c.session().token; tok != "jwt-new" {
		t.Fatalf("the session holds %q after the login, want jwt-new", tok)
	}
	if !strings.Contains(c.maskSecrets("x vm-password-1 x"), "***") {
		t.Fatal("the registered secret is not masked")
	}
}
