package mockcloud

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
)

// ContentTypeJSON is what Waldur (and the admin API) label JSON answers with.
const ContentTypeJSON = "application/json; charset=utf-8"

// EncodeJSON renders v compactly without HTML escaping, as Python's json
// module does, so "<" and "&" in names survive byte for byte.
func EncodeJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// WriteJSON answers status with v as JSON.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	b, err := EncodeJSON(v)
	if err != nil {
		status = http.StatusInternalServerError
		b = []byte(`{"detail":"mockcloud could not encode its answer"}`)
	}
	w.Header().Set("Content-Type", ContentTypeJSON)
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// WriteDetail answers status with DRF's error shape: {"detail": msg}.
func WriteDetail(w http.ResponseWriter, status int, msg string) {
	WriteJSON(w, status, map[string]string{"detail": msg})
}

// MaxRequestBody bounds what a request may send (attachments included).
const MaxRequestBody = 8 << 20

// BaseURL is how the client reached the mock (scheme and host); the APIs
// build their hyperlinks and Location headers from it.
func BaseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	if p := r.Header.Get("X-Forwarded-Proto"); p != "" {
		scheme = strings.TrimSpace(strings.Split(p, ",")[0])
	}
	return scheme + "://" + r.Host
}
