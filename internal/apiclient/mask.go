package apiclient

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"
)

const redacted = "***"

// maxMaskedBody bounds the work of masking: larger bodies are summarised,
// not parsed, since logs and errors show only their start anyway.
const maxMaskedBody = 1 << 20

// sensitiveKeyParts match JSON fields, form fields, query parameters and
// headers whose values must never be logged. Keys are compared lower-cased
// with '_', '-' and '.' removed, so "access_key", "accessKey" and
// "Access-Key" all match "accesskey".
var sensitiveKeyParts = bytesOf(
	"password", "passwd", "passphrase", "token", "secret", "accesskey", "apikey",
	"privatekey", "kubeconfig", "jwt", "authorization", "cookie", "credential",
)

func bytesOf(ss ...string) [][]byte {
	out := make([][]byte, len(ss))
	for i, s := range ss {
		out[i] = []byte(s)
	}
	return out
}

var sensitiveHeaders = map[string]bool{
	"Authorization":       true,
	"Proxy-Authorization": true,
	"Cookie":              true,
	"Set-Cookie":          true,
	"X-Auth-Token":        true,
}

func isSensitiveKey(key string) bool {
	// Normalise into a stack buffer: this runs for every key of every
	// logged body.
	var buf [64]byte
	k := buf[:0]
	for i := 0; i < len(key); i++ {
		c := key[i]
		switch {
		case c == '_' || c == '-' || c == '.' || c == ' ':
			continue
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		}
		k = append(k, c)
	}
	for _, part := range sensitiveKeyParts {
		if bytes.Contains(k, part) {
			return true
		}
	}
	return false
}

func isSensitiveHeader(name string) bool {
	return sensitiveHeaders[http.CanonicalHeaderKey(name)] ||
		strings.Contains(strings.ToLower(name), "key") || isSensitiveKey(name)
}

// masker hides secrets in anything the client logs or puts into errors.
type masker struct {
	// literals are the configured secrets plus the forms they take inside
	// JSON strings and URLs, longest first so that a secret containing
	// another is masked whole.
	literals []string
	replacer *strings.Replacer // nil without secrets
}

func newMasker(secrets []string) *masker {
	m := &masker{}
	seen := map[string]bool{}
	add := func(s string) {
		if s != "" && !seen[s] {
			seen[s] = true
			m.literals = append(m.literals, s)
		}
	}
	for _, s := range secrets {
		add(s)
		add(jsonEscape(s))
		add(url.QueryEscape(s))
		add(url.PathEscape(s))
	}
	if len(m.literals) == 0 {
		return m
	}
	sort.SliceStable(m.literals, func(i, j int) bool { return len(m.literals[i]) > len(m.literals[j]) })
	pairs := make([]string, 0, 2*len(m.literals))
	for _, s := range m.literals {
		pairs = append(pairs, s, redacted)
	}
	m.replacer = strings.NewReplacer(pairs...)
	return m
}

func jsonEscape(s string) string {
	b, err := json.Marshal(s)
	if err != nil {
		return s
	}
	return string(b[1 : len(b)-1])
}

// str masks the literal secrets in s.
func (m *masker) str(s string) string {
	if m.replacer == nil {
		return s
	}
	return m.replacer.Replace(s)
}

// url renders path and query with sensitive query values masked.
func (m *masker) url(u *url.URL) string {
	s := u.EscapedPath()
	if u.RawQuery != "" {
		q, err := url.ParseQuery(u.RawQuery)
		if err != nil || !maskValues(q) {
			s += "?" + u.RawQuery
		} else {
			s += "?" + encodeMasked(q)
		}
	}
	return m.str(s)
}

// headers renders h one "Name: value" per line, sorted, sensitive values masked.
func (m *masker) headers(h http.Header) string {
	names := make([]string, 0, len(h))
	for k := range h {
		names = append(names, k)
	}
	sort.Strings(names)
	var b strings.Builder
	for i, k := range names {
		if i > 0 {
			b.WriteByte('\n')
		}
		v := redacted
		if !isSensitiveHeader(k) {
			v = m.str(strings.Join(h[k], ", "))
		}
		b.WriteString(k + ": " + v)
	}
	return b.String()
}

// body masks sensitive fields in a JSON or form body and literal secrets in
// any body. JSON is re-encoded only when something was masked, so that
// ordinary bodies are logged exactly as sent.
func (m *masker) body(b []byte, contentType string) string {
	if len(b) == 0 {
		return ""
	}
	if len(b) > maxMaskedBody {
		return fmt.Sprintf("[%d bytes, too large to log]", len(b))
	}
	if looksLikeJSON(b) {
		if masked, ok := maskJSON(b); ok {
			return m.str(string(masked))
		}
		// Not valid JSON (a server bug, or cut short): still hide the string
		// values of sensitive keys.
		return m.str(maskJSONPairs(string(b)))
	}
	if mt, _, _ := mime.ParseMediaType(contentType); mt == "application/x-www-form-urlencoded" {
		if q, err := url.ParseQuery(string(b)); err == nil && maskValues(q) {
			return m.str(encodeMasked(q))
		}
	}
	if !utf8.Valid(b) {
		return fmt.Sprintf("[%d bytes of binary data]", len(b))
	}
	return m.str(string(b))
}

func looksLikeJSON(b []byte) bool {
	b = bytes.TrimLeft(b, " \t\r\n")
	return len(b) > 0 && (b[0] == '{' || b[0] == '[')
}

// maskJSON returns b with the values of sensitive keys replaced, at any
// depth. ok is false when b is not a single JSON value.
func maskJSON(b []byte) (masked []byte, ok bool) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber() // keep numbers exactly as sent
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, false
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, false
	}
	if !maskValue(v) {
		return b, true
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, false
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), true
}

var jsonStringPair = regexp.MustCompile(`"((?:[^"\\]|\\.){1,100})"(\s*:\s*)"(?:[^"\\]|\\.)*(?:"|$)`)

func maskJSONPairs(s string) string {
	return jsonStringPair.ReplaceAllStringFunc(s, func(pair string) string {
		sub := jsonStringPair.FindStringSubmatch(pair)
		if !isSensitiveKey(sub[1]) {
			return pair
		}
		return `"` + sub[1] + `"` + sub[2] + `"` + redacted + `"`
	})
}

// maskValue masks in place and reports whether anything changed.
func maskValue(v any) bool {
	changed := false
	switch t := v.(type) {
	case map[string]any:
		for k, x := range t {
			if isSensitiveKey(k) {
				if x != nil && x != "" {
					t[k] = redacted
					changed = true
				}
				continue
			}
			changed = maskValue(x) || changed
		}
	case []any:
		for _, x := range t {
			changed = maskValue(x) || changed
		}
	}
	return changed
}

func maskValues(q url.Values) bool {
	changed := false
	for k, vs := range q {
		if isSensitiveKey(k) {
			for i := range vs {
				vs[i] = redacted
			}
			changed = true
		}
	}
	return changed
}

// encodeMasked keeps "***" readable instead of percent-encoding it.
func encodeMasked(q url.Values) string {
	return strings.ReplaceAll(q.Encode(), url.QueryEscape(redacted), redacted)
}

// truncate cuts s to at most n bytes on a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return fmt.Sprintf("%s…[%d more bytes]", s[:cut], len(s)-cut)
}
