package apiclient

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
)

const (
	maxErrorBody    = 2 << 10
	maxErrorMessage = 1 << 10
)

// APIError is a non-2xx answer from a backend API. Every field is safe to
// show: secrets are masked before the error is built.
type APIError struct {
	Backend    string
	Method     string
	URL        string // path and query only, sensitive query values masked
	StatusCode int
	Code       string // the API's own error code, if any ("401-3", "itemNotFound")
	Message    string // the API's own message, verbatim
	RequestID  string // from X-Request-Id / Request-Id, for the API operator
	Body       string // raw body, masked and truncated to 2 KiB

	// maybeProcessed is set by the client, never by DecodeError: only the
	// client knows the method and what earlier attempts returned.
	maybeProcessed bool
}

func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s API: %s %s returned %d", e.Backend, e.Method, e.URL, e.StatusCode)
	if text := http.StatusText(e.StatusCode); text != "" {
		b.WriteString(" " + text)
	}
	if e.Message != "" {
		b.WriteString(": " + e.Message)
	}
	var notes []string
	if e.Code != "" && e.Code != strconv.Itoa(e.StatusCode) && e.Code != e.Message {
		notes = append(notes, "code "+e.Code)
	}
	if e.RequestID != "" {
		notes = append(notes, "request id "+e.RequestID)
	}
	if len(notes) > 0 {
		fmt.Fprintf(&b, " (%s)", strings.Join(notes, ", "))
	}
	return b.String()
}

// requestError is a failure to get an HTTP answer at all.
type requestError struct {
	backend, method, url string
	err                  error
	maybeProcessed       bool
}

func (e *requestError) Error() string {
	msg := fmt.Sprintf("%s API: %s %s: %v", e.backend, e.method, e.url, e.err)
	if e.maybeProcessed {
		msg += " (the server may have processed the request)"
	}
	return msg
}

func (e *requestError) Unwrap() error { return e.err }

func (c *Client) requestError(p *prepared, err error, maybeProcessed bool) *requestError {
	return &requestError{
		backend:        c.cfg.Backend,
		method:         p.method,
		url:            p.logURL,
		err:            maskedError{err: err, mask: c.mask},
		maybeProcessed: maybeProcessed,
	}
}

// maskedError keeps the cause for errors.Is/As but masks its text, in case
// a lower layer echoed a secret.
type maskedError struct {
	err  error
	mask *masker
}

func (e maskedError) Error() string { return e.mask.str(e.err.Error()) }
func (e maskedError) Unwrap() error { return e.err }

func (c *Client) attemptError(p *prepared, r result, maybeProcessed bool) error {
	if r.err != nil {
		return c.requestError(p, r.err, maybeProcessed)
	}
	return c.apiError(p, r.resp, maybeProcessed)
}

func (c *Client) apiError(p *prepared, resp *Response, maybeProcessed bool) *APIError {
	var e APIError
	if decoded := c.decode(resp.StatusCode, resp.Header, resp.Body); decoded != nil {
		e = *decoded
	} else {
		e = *DefaultDecodeError(resp.StatusCode, resp.Header, resp.Body)
	}
	e.Backend = c.cfg.Backend
	e.Method = p.method
	e.URL = p.logURL
	e.StatusCode = resp.StatusCode
	if e.RequestID == "" {
		e.RequestID = requestID(resp.Header)
	}
	e.Code = c.mask.str(e.Code)
	e.Message = c.mask.str(e.Message)
	e.RequestID = c.mask.str(e.RequestID)
	e.Body = truncate(c.mask.body(resp.Body, resp.Header.Get("Content-Type")), maxErrorBody)
	e.maybeProcessed = maybeProcessed
	return &e
}

func requestID(h http.Header) string {
	for _, k := range []string{"X-Request-Id", "Request-Id", "X-Correlation-Id"} {
		if v := h.Get(k); v != "" {
			return v
		}
	}
	return ""
}

// IsStatus reports whether err is an *APIError with one of the codes.
func IsStatus(err error, codes ...int) bool {
	var e *APIError
	return errors.As(err, &e) && slices.Contains(codes, e.StatusCode)
}

// IsNotFound reports a 404 or 410: the object does not exist (any more).
func IsNotFound(err error) bool {
	return IsStatus(err, http.StatusNotFound, http.StatusGone)
}

// IsConflict reports a 409.
func IsConflict(err error) bool { return IsStatus(err, http.StatusConflict) }

// IsUnauthorized reports a 401: credentials missing, wrong or expired.
func IsUnauthorized(err error) bool { return IsStatus(err, http.StatusUnauthorized) }

// IsForbidden reports a 403: authenticated but not allowed.
func IsForbidden(err error) bool { return IsStatus(err, http.StatusForbidden) }

// MayHaveBeenProcessed reports whether err came from a non-idempotent
// request whose outcome is unknown: it was (maybe) received but the answer
// was lost, or a 5xx left it open whether the change was committed. Callers
// look for the object before creating it again (find-before-create).
func MayHaveBeenProcessed(err error) bool {
	var ae *APIError
	if errors.As(err, &ae) && ae.maybeProcessed {
		return true
	}
	var re *requestError
	return errors.As(err, &re) && re.maybeProcessed
}

// DefaultDecodeError extracts the message most APIs put in error bodies:
// JSON {"detail"|"message"|"error"|...}, Django REST framework field errors
// ({"name": ["This field is required."]}), a JSON list or string, or plain
// text. HTML error pages from proxies give no message (Body keeps them).
// Backends can call it from their own DecodeError and adjust the result.
func DefaultDecodeError(status int, header http.Header, body []byte) *APIError {
	e := &APIError{StatusCode: status}
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return e
	}
	var v any
	if err := json.Unmarshal(trimmed, &v); err == nil {
		e.Code, e.Message = messageFromJSON(v)
	} else if !isHTML(header.Get("Content-Type"), trimmed) {
		e.Message = strings.Join(strings.Fields(string(trimmed)), " ")
	}
	e.Message = truncate(e.Message, maxErrorMessage)
	e.Code = truncate(e.Code, 128)
	return e
}

var messageKeys = []string{"detail", "message", "error", "error_message", "errorMessage", "error_description", "errors", "title"}

func messageFromJSON(v any) (code, msg string) {
	switch t := v.(type) {
	case string:
		return "", t
	case []any:
		return "", joinStrings(t)
	case map[string]any:
		code = scalarString(t["code"])
		if code == "" {
			code = scalarString(t["error_code"])
		}
		for _, k := range messageKeys {
			if x, ok := t[k]; ok {
				if c, m := messageFromJSON(x); m != "" {
					return firstNonEmpty(code, c), m
				}
			}
		}
		// OpenStack style: {"itemNotFound": {"message": "...", "code": 404}}.
		// A single nested field error ({"attributes": {"name": [...]}}) has
		// no message key inside and is rendered as a field error below.
		if len(t) == 1 {
			for k, x := range t {
				if inner, ok := x.(map[string]any); ok && hasMessageKey(inner) {
					if _, m := messageFromJSON(inner); m != "" {
						return k, m
					}
				}
			}
		}
		return code, fieldErrors(t)
	}
	return "", ""
}

// fieldErrors renders Django REST framework validation errors, e.g.
// {"offering": ["Invalid hyperlink - No URL match."]} as
// "offering: Invalid hyperlink - No URL match.". Keys are sorted so the
// message is stable.
func fieldErrors(m map[string]any) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		var text string
		switch x := m[k].(type) {
		case string:
			// A bare string under a sensitive key is more likely an echoed
			// value than a validation message.
			if !isSensitiveKey(k) {
				text = x
			}
		case []any:
			text = joinStrings(x)
		case map[string]any:
			text = fieldErrors(x)
		}
		if text == "" {
			continue
		}
		if k == "non_field_errors" || k == "__all__" {
			parts = append(parts, text)
		} else {
			parts = append(parts, k+": "+text)
		}
	}
	return strings.Join(parts, "; ")
}

func hasMessageKey(m map[string]any) bool {
	for _, k := range messageKeys {
		if _, ok := m[k]; ok {
			return true
		}
	}
	return false
}

func joinStrings(list []any) string {
	var parts []string
	for _, x := range list {
		switch t := x.(type) {
		case string:
			parts = append(parts, t)
		case map[string]any:
			if _, m := messageFromJSON(t); m != "" {
				parts = append(parts, m)
			}
		}
	}
	return strings.Join(parts, " ")
}

func scalarString(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case float64:
		return strconv.FormatFloat(t, 'f', -1, 64)
	}
	return ""
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func isHTML(contentType string, body []byte) bool {
	if mt, _, err := mime.ParseMediaType(contentType); err == nil && (mt == "text/html" || mt == "application/xhtml+xml") {
		return true
	}
	return len(body) > 0 && body[0] == '<'
}
