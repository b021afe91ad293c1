package mockcloud

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
)

// contentTypeJSON is what Waldur (and the admin API) label JSON answers with.
const contentTypeJSON = "application/json; charset=utf-8"

// encodeJSON renders v compactly without HTML escaping, as Python's json
// module does, so "<" and "&" in names survive byte for byte.
func encodeJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// writeJSON answers status with v as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := encodeJSON(v)
	if err != nil {
		status = http.StatusInternalServerError
		b = []byte(`{"detail":"mockcloud could not encode its answer"}`)
	}
	w.Header().Set("Content-Type", contentTypeJSON)
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	_, _ = w.Write(b) //nolint:gosec // G705: JSON-encoded and served as application/json, not HTML
}

// writeDetail answers status with DRF's error shape: {"detail": msg}.
func writeDetail(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"detail": msg})
}
