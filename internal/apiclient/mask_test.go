package apiclient

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestIsSensitiveKey(t *testing.T) {
	t.Parallel()
	for _, k := range []string{"password", "PassWord", "admin_password", "passwd", "token", "access_token", "refreshToken",
		"secret", "client_secret", "access_key", "accessKey", "Access-Key", "secret_key", "api_key", "apiKey", "apikey",
		"private_key", "privateKey", "kubeconfig", "jwt", "Authorization", "cookie", "credentials", "ssh_passphrase"} {
		if !isSensitiveKey(k) {
			t.Errorf("%q is not sensitive", k)
		}
	}
	for _, k := range []string{"name", "uuid", "public_key", "ssh_key_name", "state", "description", "keyboard"} {
		if isSensitiveKey(k) {
			t.Errorf("%q is sensitive", k)
		}
	}
}

func TestMaskerHeaders(t *testing.T) {
	t.Parallel()
	m := newMasker([]string{"s3cr3t"})
	h := http.Header{
		"Authorization":       {"Bearer abc"},
		"Proxy-Authorization": {"Basic xyz"},
		"Cookie":              {"a=b"},
		"Set-Cookie":          {"sid=1", "csrftoken=2"},
		"X-Auth-Token":        {"t"},
		"X-Api-Key":           {"k"},
		"X-Subject-Token":     {"t2"},
		"X-Client-Secret":     {"cs"},
		"Content-Type":        {"application/json"},
		"X-Note":              {"contains s3cr3t inside"},
	}
	want := strings.Join([]string{
		"Authorization: ***",
		"Content-Type: application/json",
		"Cookie: ***",
		"Proxy-Authorization: ***",
		"Set-Cookie: ***",
		"X-Api-Key: ***",
		"X-Auth-Token: ***",
		"X-Client-Secret: ***",
		"X-Note: contains *** inside",
		"X-Subject-Token: ***",
	}, "\n")
	if got := m.headers(h); got != want {
		t.Errorf("headers =\n%s\nwant\n%s", got, want)
	}
}

func TestMaskerBody(t *testing.T) {
	t.Parallel()
	m := newMasker([]string{"lit-secret", `q"uo<te`})
	for _, tc := range []struct {
		name, ctype, body, want string
	}{
		{"unchanged JSON keeps its formatting", "application/json",
			`{ "b": 1, "a": [1.50, 2e3] }`, `{ "b": 1, "a": [1.50, 2e3] }`},
		{"nested objects and arrays", "application/json",
			`{"name":"x","auth":{"Password":"p","user":"u"},"keys":[{"api_key":"k"},{"token":null},{"secret":""}],"n":12345678901234567890}`,
			`{"auth":{"Password":"***","user":"u"},"keys":[{"api_key":"***"},{"token":null},{"secret":""}],"n":12345678901234567890,"name":"x"}`},
		{"sensitive object replaced whole", "application/json",
			`{"credentials":{"username":"u","password":"p"}}`, `{"credentials":"***"}`},
		{"top-level array", "application/json", `[{"jwt":"eyJ"}]`, `[{"jwt":"***"}]`},
		{"literal secret in an ordinary field", "application/json",
			`{"description":"uses lit-secret here"}`, `{"description":"uses *** here"}`},
		{"JSON-escaped literal", "application/json",
			`{"note":"q\"uo\u003cte"}`, `{"note":"***"}`},
		{"invalid JSON still gets literal masking", "application/json",
			`{"note": "lit-secret"`, `{"note": "***"`},
		{"invalid JSON still hides sensitive string values", "application/json",
			`{"name": "a", "admin_password" : "p\"w", "token": "t`, `{"name": "a", "admin_password" : "***", "token": "***"`},
		{"form body", "application/x-www-form-urlencoded",
			"grant_type=password&username=u&password=p%26q", "grant_type=password&password=***&username=u"},
		{"plain text", "text/plain", "token lit-secret expired", "token *** expired"},
		{"binary", "application/octet-stream", "\xff\xfe\x00", "[3 bytes of binary data]"},
		{"empty", "application/json", "", ""},
		{"huge", "application/json", `{"a":"` + strings.Repeat("x", maxMaskedBody) + `"}`, "[1048584 bytes, too large to log]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := m.body([]byte(tc.body), tc.ctype); got != tc.want {
				t.Errorf("body =\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

func TestMaskerURL(t *testing.T) {
	t.Parallel()
	m := newMasker([]string{"tok/en+1"})
	for in, want := range map[string]string{
		"https://h/api/orders/?page=2":                       "/api/orders/?page=2",
		"https://h/api/x/?access_token=abc&name=n":           "/api/x/?access_token=***&name=n",
		"https://h/api/x/?q=" + url.QueryEscape("tok/en+1"):  "/api/x/?q=***",
		"https://h/api/" + url.PathEscape("tok/en+1") + "/x": "/api/***/x",
	} {
		u, err := url.Parse(in)
		if err != nil {
			t.Fatal(err)
		}
		if got := m.url(u); got != want {
			t.Errorf("url(%s) = %s, want %s", in, got, want)
		}
	}
}

func TestMaskerLongestSecretFirst(t *testing.T) {
	t.Parallel()
	m := newMasker([]string{"abc", "abcdef"})
	if got := m.str("x abcdef y abc"); got != "x *** y ***" {
		t.Errorf("got %q", got)
	}
	if got := newMasker(nil).str("abc"); got != "abc" {
		t.Errorf("no secrets: got %q", got)
	}
	if got := newMasker([]string{""}).str("abc"); got != "abc" {
		t.Errorf("empty secret masked something: %q", got)
	}
}

func TestTruncate(t *testing.T) {
	t.Parallel()
	if got := truncate("hello", 10); got != "hello" {
		t.Errorf("got %q", got)
	}
	if got := truncate("héllo", 2); got != "h…[5 more bytes]" {
		t.Errorf("got %q: must not split a rune", got)
	}
}

func TestParseRetryAfter(t *testing.T) {
	t.Parallel()
	now := mustTime("Mon, 02 Jan 2006 15:04:05 GMT")
	for _, tc := range []struct {
		in   string
		want string
		ok   bool
	}{
		{"0", "0s", true},
		{"30", "30s", true},
		{" 5 ", "5s", true},
		{"-1", "0s", false},
		{"Mon, 02 Jan 2006 15:05:05 GMT", "1m0s", true},
		{"Mon, 02 Jan 2006 15:00:00 GMT", "0s", true},
		{"Monday, 02-Jan-06 15:04:15 GMT", "10s", true},
		{"later", "0s", false},
		{"", "0s", false},
	} {
		d, ok := parseRetryAfter(tc.in, now)
		if d.String() != tc.want || ok != tc.ok {
			t.Errorf("parseRetryAfter(%q) = %v, %v; want %s, %v", tc.in, d, ok, tc.want, tc.ok)
		}
	}
}

func mustTime(s string) (t time.Time) {
	t, err := http.ParseTime(s)
	if err != nil {
		panic(err)
	}
	return t
}

var benchBody = []byte(`{"uuid":"3f1e9c2a","name":"vm-1","state":"OK","attributes":{"flavor":"m1.small","image":"ubuntu-24.04",` +
	`"admin_password":"hunter2","ssh_public_key":"ssh-ed25519 AAAAC3Nza","networks":[{"subnet":"s1","floating_ip":"auto"}],` +
	`"tags":["a","b","c"],"description":"created by terraform with token tok-123"},"limits":{"cpu":2,"ram":4096,"storage":20480}}`)

func BenchmarkMaskBody(b *testing.B) {
	m := newMasker([]string{"tok-123", "hunter2"})
	b.SetBytes(int64(len(benchBody)))
	b.ReportAllocs()
	for b.Loop() {
		_ = m.body(benchBody, "application/json")
	}
}

func BenchmarkMaskBodyNothingSensitive(b *testing.B) {
	body := []byte(`{"uuid":"3f1e9c2a","name":"vm-1","state":"OK","limits":{"cpu":2,"ram":4096},"tags":["a","b"]}`)
	m := newMasker([]string{"tok-123"})
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		_ = m.body(body, "application/json")
	}
}
