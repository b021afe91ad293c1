package apiclient

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// Fuzz targets for what the shared client reads from any server (error
// bodies, Link and Retry-After headers) and for masking, whose promise is
// that a secret never reaches a log or an error. The seeds and
// testdata/fuzz run as ordinary tests; `make fuzz` explores further.

// FuzzMaskBody checks that a configured secret, and the value of any
// sensitive JSON key, never survive masking, whatever the body.
func FuzzMaskBody(f *testing.F) {
	for _, s := range [][2]string{
		{"s3cret-pass-1234", `{"username":"alice","password":"s3cret-pass-1234"}`},
		{"eyJhbGciOi.payload.sig", `{"data":{"token":"eyJhbGciOi.payload.sig"},"result":true}`},
		{"tok<en>&amp;1234", `{"detail":"tok\u003cen\u003e\u0026amp;1234 is invalid"}`},
		{"slash/secret/1234", `{"nested":[{"x":"slash\/secret\/1234"}]}`},
		{"plain-secret-9999", `the token plain-secret-9999 was refused`},
		{"cut-secret-0000", `{"password":"cut-secret-0000`},
		{"kubeconfig-data-xyz", `{"kubeconfig":"apiVersion: v1\nkubeconfig-data-xyz"}`},
		{"AKIAFUZZ0000", `{"access_key":"AKIAFUZZ0000","secretKey":"zzz-secret-key"}`},
		{"query%20secret", `a=query%20secret&password=x`},
	} {
		f.Add(s[0], []byte(s[1]))
	}
	f.Fuzz(func(t *testing.T, secret string, body []byte) {
		m := newMasker([]string{secret})
		for _, ct := range []string{"application/json", "application/x-www-form-urlencoded", "text/plain"} {
			out := m.body(body, ct)
			// Short secrets and ones made of the mask's own characters can
			// appear by coincidence; real tokens are long.
			if len(secret) >= 8 && !strings.Contains(secret, "*") && strings.TrimSpace(secret) == secret && strings.Contains(out, secret) {
				t.Fatalf("the secret %q survives masking (%s):\n%s", secret, ct, out)
			}
		}
		// Whatever a sensitive key holds is masked, given as a JSON string.
		if len(secret) >= 8 && utf8.ValidString(secret) && !strings.Contains(secret, "*") {
			raw, _ := json.Marshal(map[string]any{"password": secret, "other": string(body)})
			if out := newMasker(nil).body(raw, "application/json"); strings.Contains(out, `"password":"`+secret) {
				t.Fatalf("the password field survives masking: %s", out)
			}
		}
	})
}

// FuzzDefaultDecodeError reads any error body: a message or none, never a
// panic, and one whose length is bounded.
func FuzzDefaultDecodeError(f *testing.F) {
	for _, s := range []string{
		`{"detail":"Invalid token."}`, `{"name":["This field is required."],"limits":{"cpu":["Ensure this value is >= 0."]}}`,
		`["a","b"]`, `"just a string"`, `<html><body>502</body></html>`, `plain text error`, ``, `{"code":12,"message":null}`,
		`{"errors":[{"title":"x"}]}`, `{"error":{"message":"deep","code":"E1"}}`, "\xff\xfe",
	} {
		f.Add(400, "application/json", []byte(s))
	}
	f.Add(502, "text/html", []byte(`<!DOCTYPE html><title>Bad Gateway</title>`))
	f.Fuzz(func(t *testing.T, status int, contentType string, body []byte) {
		e := DefaultDecodeError(status, http.Header{"Content-Type": []string{contentType}}, body)
		if e == nil {
			t.Fatal("nil APIError")
		}
		if utf8.RuneCountInString(e.Message) > maxErrorMessage+1 {
			t.Fatalf("message of %d runes, more than %d", utf8.RuneCountInString(e.Message), maxErrorMessage)
		}
		_ = e.Error()
	})
}

// FuzzNextLink reads any Link header.
func FuzzNextLink(f *testing.F) {
	for _, s := range []string{
		`<https://waldur.example.com/api/marketplace-orders/?page=2&page_size=300>; rel="next", <https://x/?page=9>; rel="last"`,
		`<https://x/a,b>; rel="prev next"`, `<x>; rel=next`, `rel="next"`, `<>; rel="next"`, `<a>;;;rel="NEXT"`, `,,,`,
		`</p1>; title="say \"hi\", rel=next"; rel=prev, </p2>; rel=next`, `</p1; rel=next`, `<a,b>;rel="x y next";anchor`, `,;<>"\`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, header string) {
		next := NextLink(http.Header{"Link": []string{header}})
		if next != "" && !strings.Contains(header, next) || strings.ContainsAny(next, "<>") {
			t.Fatalf("NextLink(%q) = %q, which is no target of the header", header, next)
		}
	})
}

// FuzzParseRetryAfter reads any Retry-After value: a delay that is never
// negative, or none.
func FuzzParseRetryAfter(f *testing.F) {
	for _, s := range []string{"0", "5", "-1", "120", "99999999999999999999", "Wed, 21 Oct 2015 07:28:00 GMT", "soon", " 3 ", "1.5"} {
		f.Add(s)
	}
	now := time.Date(2026, 3, 10, 9, 30, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, v string) {
		d, ok := parseRetryAfter(v, now)
		if d < 0 || (!ok && d != 0) {
			t.Fatalf("parseRetryAfter(%q) = %v, %v", v, d, ok)
		}
	})
}
