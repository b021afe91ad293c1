// Package badinput holds the bad-input tables of the reliability suite:
// answers a broken or surprising API may give (this file) and invalid
// configurations that must fail at plan time (config_acc_test.go).
package badinput

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
	awanioapi "github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
	hostway "github.com/cloudorder/terraform-provider-cloudorder/internal/hostway/api"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waiter"
	waldurapi "github.com/cloudorder/terraform-provider-cloudorder/internal/waldur/api"
)

// answer is what a broken server sends back.
type answer struct {
	name        string
	status      int
	contentType string
	body        string
}

// brokenAnswers are the failures every backend client must turn into a
// clear error: one that names the backend and says what was wrong, with
// no panic and no hang.
var brokenAnswers = []answer{
	{"HTML error page", http.StatusBadGateway, "text/html", "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>nginx</p></body></html>"},
	{"HTML page with 200", http.StatusOK, "text/html", "<html><body>Please log in</body></html>"},
	{"truncated JSON", http.StatusOK, "application/json", `{"uuid":"5f2b3c4d5e6f40718293a4b5c6d7e8f9","state":"exec`},
	{"empty body", http.StatusOK, "application/json", ""},
	{"JSON of the wrong shape", http.StatusOK, "application/json", `[1,2,3]`},
	{"empty 500", http.StatusInternalServerError, "", ""},
}

// fixedServer answers every request with a.
func fixedServer(t *testing.T, a answer) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		if a.contentType != "" {
			w.Header().Set("Content-Type", a.contentType)
		}
		w.WriteHeader(a.status)
		_, _ = w.Write([]byte(a.body))
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// fastTransport keeps waits and retries short: each test bounds its
// context anyway.
var fastTransport = apiclient.Transport{
	MinBackoff: time.Millisecond, MaxBackoff: 2 * time.Millisecond,
	Poll: waiter.Options{MinInterval: time.Millisecond, MaxInterval: 5 * time.Millisecond, Multiplier: 2},
}

// backendCall is one client call of a backend against a server URL.
type backendCall struct {
	backend string
	name    string
	call    func(ctx context.Context, t *testing.T, url string) error
}

func waldurClient(t *testing.T, url string) *waldurapi.Client {
	t.Helper()
	c, err := waldurapi.NewClient(waldurapi.Config{Endpoint: url, Token: "tok-bad-answers", Transport: fastTransport})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func awanioClient(t *testing.T, url string) *awanioapi.Client {
	t.Helper()
	c, err := awanioapi.NewClient(awanioapi.Config{Endpoint: url + "/v2", Token: "eyJhbGciOiJIUzI1NiJ9.e30.bad-answers", Transport: fastTransport})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func hostwayClient(t *testing.T, url string) *hostway.Client {
	t.Helper()
	c, err := hostway.NewClient(hostway.Config{
		Endpoint: url, Username: "u@p", Password: "bad-answers-password",
		Account: hostway.AccountSettings{AccountNumber: "acct1"}, Transport: fastTransport,
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

const someUUID = "5f2b3c4d5e6f40718293a4b5c6d7e8f9"

var calls = []backendCall{
	{"waldur", "GetOrder", func(ctx context.Context, t *testing.T, url string) error {
		_, err := waldurClient(t, url).GetOrder(ctx, someUUID)
		return err
	}},
	{"waldur", "ListOrders", func(ctx context.Context, t *testing.T, url string) error {
		_, err := waldurClient(t, url).ListOrders(ctx, waldurapi.OrderListFilter{})
		return err
	}},
	{"waldur", "GetOrderOffering", func(ctx context.Context, t *testing.T, url string) error {
		_, err := waldurClient(t, url).GetOrderOffering(ctx, someUUID)
		return err
	}},
	{"waldur", "WaitForOrder", func(ctx context.Context, t *testing.T, url string) error {
		_, err := waldurClient(t, url).WaitForOrder(ctx, someUUID, waldurapi.OrderWait{Timeout: 2 * time.Second})
		return err
	}},
	{"awanio", "GetOrganization", func(ctx context.Context, t *testing.T, url string) error {
		_, err := awanioClient(t, url).GetOrganization(ctx, someUUID)
		return err
	}},
	{"awanio", "ListProjects", func(ctx context.Context, t *testing.T, url string) error {
		_, err := awanioClient(t, url).ListProjects(ctx)
		return err
	}},
	{"awanio", "WaitForVM", func(ctx context.Context, t *testing.T, url string) error {
		_, err := awanioClient(t, url).WaitForVM(ctx, awanioapi.ProjectGroup(someUUID), someUUID)
		return err
	}},
	{"hostway", "GetOrder", func(ctx context.Context, t *testing.T, url string) error {
		_, err := hostwayClient(t, url).GetOrder(ctx, "o1")
		return err
	}},
	{"hostway", "ListProducts", func(ctx context.Context, t *testing.T, url string) error {
		_, err := hostwayClient(t, url).ListProducts(ctx, "acct1", hostway.ProductFilter{})
		return err
	}},
	{"hostway", "WaitForOpen", func(ctx context.Context, t *testing.T, url string) error {
		_, err := hostwayClient(t, url).WaitForOpen(ctx, "acct1", "p1", hostway.OpenWait{})
		return err
	}},
}

// TestBrokenAnswersGiveClearErrors sends every broken answer to a read,
// a list and a wait of each backend.
func TestBrokenAnswersGiveClearErrors(t *testing.T) {
	t.Parallel()
	for _, a := range brokenAnswers {
		for _, c := range calls {
			t.Run(c.backend+"/"+c.name+"/"+a.name, func(t *testing.T) {
				t.Parallel()
				ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
				defer cancel()
				err := c.call(ctx, t, fixedServer(t, a))
				if err == nil {
					// An empty 200 is a valid "nothing" for a list.
					if a.name == "empty body" && strings.HasPrefix(c.name, "List") {
						return
					}
					t.Fatalf("no error for %s", a.name)
				}
				if ctx.Err() != nil {
					t.Fatalf("the call used its whole deadline instead of failing: %v", err)
				}
				checkClear(t, c.backend, err)
			})
		}
	}
}

// checkClear fails unless err is one line of text that names the backend
// (so users know which API misbehaved) and is not a raw Go panic or dump.
func checkClear(t *testing.T, backend string, err error) {
	t.Helper()
	msg := err.Error()
	t.Logf("%s", msg)
	if !strings.Contains(strings.ToLower(msg), backend) {
		t.Errorf("the error does not name the %s API: %s", backend, msg)
	}
	for _, bad := range []string{"panic", "goroutine ", "<html", "<!DOCTYPE"} {
		if strings.Contains(msg, bad) {
			t.Errorf("the error contains %q: %s", bad, msg)
		}
	}
	if len(msg) > 2000 {
		t.Errorf("the error is %d bytes long", len(msg))
	}
}

// TestUnknownWaldurOrderStateIsWaitedOn: api-reference §1 says a Waldur
// order state the provider does not know (WAYSCloud shows "Creating") is
// not a failure: the wait goes on until a final state or the timeout, and
// the timeout error quotes the state it saw.
func TestUnknownWaldurOrderStateIsWaitedOn(t *testing.T) {
	t.Parallel()
	url := fixedServer(t, answer{status: 200, contentType: "application/json", body: `{"uuid":"` + someUUID + `","state":"exploded"}`})
	const budget = 500 * time.Millisecond
	ctx, cancel := context.WithTimeout(t.Context(), budget)
	defer cancel()
	err := calls[3].call(ctx, t, url)
	if err == nil {
		t.Fatal("the wait succeeded")
	}
	var timeout *waiter.TimeoutError
	if !errors.As(err, &timeout) {
		t.Errorf("the wait did not run to its deadline: %v", err)
	}
	if !strings.Contains(err.Error(), "exploded") {
		t.Errorf("the error does not quote the state: %v", err)
	}
}

// TestUnexpectedStates answers a wait with a state the backend never
// documented or one that means failure: the wait must end at once with an
// error that quotes the state, not poll until its timeout.
func TestUnexpectedStates(t *testing.T) {
	t.Parallel()
	cases := []struct {
		backend, name, body, want string
		call                      func(ctx context.Context, t *testing.T, url string) error
	}{
		{"waldur", "order erred", `{"uuid":"` + someUUID + `","state":"erred","error_message":"quota exceeded in region"}`, "quota exceeded in region", calls[3].call},
		{"awanio", "VM failed", `{"data":{"uuid":"` + someUUID + `","status":"error","meta":{"phase":"Failed","message":"no capacity"}},"result":true}`, "error", calls[6].call},
		{"awanio", "VM in an unknown state", `{"data":{"uuid":"` + someUUID + `","status":"melted"},"result":true}`, "melted", calls[6].call},
		{"hostway", "product suspended", `{"id":"p1","status":"suspended"}`, "suspended", calls[9].call},
	}
	for _, tc := range cases {
		t.Run(tc.backend+"/"+tc.name, func(t *testing.T) {
			t.Parallel()
			url := fixedServer(t, answer{status: 200, contentType: "application/json", body: tc.body})
			ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
			defer cancel()
			start := time.Now()
			err := tc.call(ctx, t, url)
			if err == nil {
				t.Fatal("the wait succeeded")
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("the wait took %v instead of failing at once", d)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("the error does not quote %q: %v", tc.want, err)
			}
		})
	}
}

// TestAwanioResultFalse answers 200 with "result": false, Awanio's way of
// failing inside a success: every call must fail with Awanio's message,
// and a 404-style code must count as not found.
func TestAwanioResultFalse(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ body, want string }{
		{`{"error":"FORBIDDEN","error_code":"403-2","message":"NOT A MEMBER OF THIS ORGANIZATION","result":false}`, "NOT A MEMBER OF THIS ORGANIZATION"},
		{`{"error":"NOT FOUND","error_code":"404-1","message":"ORGANIZATION NOT FOUND","result":false}`, "ORGANIZATION NOT FOUND"},
		{`{"result":false}`, "result: false"},
		{`{"data":{"uuid":"x"},"result":false,"error":"half done"}`, "half done"},
	} {
		t.Run(tc.want, func(t *testing.T) {
			t.Parallel()
			url := fixedServer(t, answer{status: 200, contentType: "application/json", body: tc.body})
			for _, c := range calls {
				if c.backend != "awanio" {
					continue
				}
				err := c.call(t.Context(), t, url)
				if err == nil {
					t.Fatalf("%s: no error for result false", c.name)
				}
				if strings.HasPrefix(tc.body, `{"error":"NOT FOUND"`) && strings.HasPrefix(c.name, "Wait") {
					// A wait takes not found as "gone" and says so itself.
					if !strings.Contains(err.Error(), "not found") {
						t.Errorf("%s: a 404-style answer does not read as not found: %v", c.name, err)
					}
					continue
				}
				if !strings.Contains(err.Error(), tc.want) {
					t.Errorf("%s: the error does not carry Awanio's message %q: %v", c.name, tc.want, err)
				}
				checkClear(t, "awanio", err)
			}
		})
	}
}

// TestHostwayPlainTextAndFaults covers Hostway's own error shapes: a
// plain-text 401 and a {"<fault>": {...}} body.
func TestHostwayPlainTextAndFaults(t *testing.T) {
	t.Parallel()
	for _, a := range []answer{
		{"plain 401", http.StatusUnauthorized, "text/plain", "Unauthorized: bad credentials for u@p"},
		{"fault", http.StatusForbidden, "application/json", `{"forbidden":{"guid":"9f1c","message":"Account acct1 is not yours","code":403}}`},
	} {
		t.Run(a.name, func(t *testing.T) {
			t.Parallel()
			err := calls[7].call(t.Context(), t, fixedServer(t, a))
			if err == nil {
				t.Fatal("no error")
			}
			checkClear(t, "hostway", err)
			want := a.body
			if a.name == "fault" {
				want = "Account acct1 is not yours"
			}
			if !strings.Contains(err.Error(), want) {
				t.Errorf("the error does not carry the API's message %q: %v", want, err)
			}
			if strings.Contains(err.Error(), "bad-answers-password") {
				t.Errorf("the error carries the password: %v", err)
			}
		})
	}
}
