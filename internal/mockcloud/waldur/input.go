package waldur

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Request parsing with DRF's rules and DRF's error messages, so that a
// client's error handling meets the words real Waldur uses.

// input is a parsed request body: field → raw JSON, plus the errors found.
type input struct {
	fields map[string]json.RawMessage
	errs   fieldErrors
}

// input parses the body like DRF's default parsers: JSON, or form-encoded
// (values become strings). An empty body is an empty object.
func (c *call) input() (*input, reply, bool) {
	in := &input{fields: map[string]json.RawMessage{}, errs: fieldErrors{}}
	mediaType := "application/json"
	if ct := c.r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil {
			return nil, unsupportedMediaType(ct), false
		}
		mediaType = mt
	}
	if len(bytes.TrimSpace(c.body)) == 0 {
		return in, reply{}, true
	}
	switch {
	case mediaType == "application/json" || strings.HasSuffix(mediaType, "+json"):
		var decoded any
		if err := json.Unmarshal(c.body, &decoded); err != nil {
			return nil, detail(http.StatusBadRequest, "JSON parse error - "+err.Error()), false
		}
		if _, ok := decoded.(map[string]any); !ok {
			return nil, jsonReply(http.StatusBadRequest, map[string][]string{
				"non_field_errors": {fmt.Sprintf("Invalid data. Expected a dictionary, but got %s.", pythonTypeName(decoded))},
			}), false
		}
		_ = json.Unmarshal(c.body, &in.fields)
	case mediaType == "application/x-www-form-urlencoded":
		values, err := url.ParseQuery(string(c.body))
		if err != nil {
			return nil, detail(http.StatusBadRequest, "Form parse error - "+err.Error()), false
		}
		for k, vs := range values {
			in.fields[k], _ = json.Marshal(vs[len(vs)-1])
		}
	default:
		return nil, unsupportedMediaType(c.r.Header.Get("Content-Type")), false
	}
	return in, reply{}, true
}

func unsupportedMediaType(ct string) reply {
	return detail(http.StatusUnsupportedMediaType, fmt.Sprintf("Unsupported media type %q in request.", ct))
}

// pythonTypeName names a decoded JSON value the way DRF's messages do.
func pythonTypeName(v any) string {
	switch v.(type) {
	case nil:
		return "NoneType"
	case bool:
		return "bool"
	case float64:
		return "float"
	case string:
		return "str"
	case []any:
		return "list"
	case map[string]any:
		return "dict"
	}
	return "object"
}

func (in *input) has(field string) bool {
	_, ok := in.fields[field]
	return ok
}

func (in *input) isNull(field string) bool {
	raw, ok := in.fields[field]
	return ok && string(bytes.TrimSpace(raw)) == "null"
}

// required reports a missing or null required field; ok is false if so.
func (in *input) required(field string) bool {
	if !in.has(field) {
		in.errs.add(field, "This field is required.")
		return false
	}
	if in.isNull(field) {
		in.errs.add(field, "This field may not be null.")
		return false
	}
	return true
}

// text reads an optional string field (nullable when nullable is set).
// It returns nil when the field is absent or null.
func (in *input) text(field string, nullable, allowBlank bool, maxLen int) *string {
	if !in.has(field) {
		return nil
	}
	if in.isNull(field) {
		if !nullable {
			in.errs.add(field, "This field may not be null.")
		}
		return nil
	}
	var v any
	_ = json.Unmarshal(in.fields[field], &v)
	var s string
	switch t := v.(type) {
	case string:
		s = t
	case float64:
		// DRF's CharField turns numbers into their text.
		s = strconv.FormatFloat(t, 'f', -1, 64)
	default:
		in.errs.add(field, "Not a valid string.")
		return nil
	}
	if s == "" && !allowBlank {
		in.errs.add(field, "This field may not be blank.")
		return nil
	}
	if maxLen > 0 && len([]rune(s)) > maxLen {
		in.errs.add(field, fmt.Sprintf("Ensure this field has no more than %d characters.", maxLen))
		return nil
	}
	return &s
}

// choice reads an optional choice field; def when absent.
func (in *input) choice(field string, choices []string, def string) string {
	s := in.text(field, false, true, 0)
	if s == nil {
		return def
	}
	for _, c := range choices {
		if c == *s {
			return c
		}
	}
	in.errs.add(field, fmt.Sprintf("%q is not a valid choice.", *s))
	return def
}

// boolean reads an optional boolean field, accepting DRF's spellings.
func (in *input) boolean(field string) bool {
	if !in.has(field) || in.isNull(field) {
		return false
	}
	var v any
	_ = json.Unmarshal(in.fields[field], &v)
	switch t := v.(type) {
	case bool:
		return t
	case string:
		switch strings.ToLower(t) {
		case "true", "1", "yes", "on", "y", "t":
			return true
		case "false", "0", "no", "off", "n", "f", "":
			return false
		}
	case float64:
		if t == 0 || t == 1 {
			return t == 1
		}
	}
	in.errs.add(field, "Must be a valid boolean.")
	return false
}

// date reads an optional YYYY-MM-DD field.
func (in *input) date(field string) string {
	s := in.text(field, true, true, 0)
	if s == nil || *s == "" {
		return ""
	}
	if _, err := time.Parse(time.DateOnly, *s); err != nil {
		in.errs.add(field, "Date has wrong format. Use one of these formats instead: YYYY-MM-DD.")
		return ""
	}
	return *s
}

// urlField reads an optional, nullable URL field (Django's URLValidator,
// reduced to what matters: an absolute http(s)/ftp URL with a host).
func (in *input) urlField(field string, maxLen int) *string {
	s := in.text(field, true, true, maxLen)
	if s == nil || *s == "" {
		return s
	}
	u, err := url.Parse(*s)
	if err != nil || u.Host == "" || !(u.Scheme == "http" || u.Scheme == "https" || u.Scheme == "ftp" || u.Scheme == "ftps") {
		in.errs.add(field, "Enter a valid URL.")
		return nil
	}
	return s
}

// object reads an optional field that must be a JSON object; the raw bytes
// are kept so that the API echoes them with their types intact.
func (in *input) object(field string) json.RawMessage {
	if !in.has(field) || in.isNull(field) {
		return nil
	}
	raw := bytes.TrimSpace(in.fields[field])
	if len(raw) == 0 || raw[0] != '{' {
		var v any
		_ = json.Unmarshal(raw, &v)
		in.errs.add(field, fmt.Sprintf("Expected a dictionary of items but got type %q.", pythonTypeName(v)))
		return nil
	}
	// Stored compact, which is how the API will answer it; values and
	// their spelling (1.50, big integers) are kept.
	var buf bytes.Buffer
	_ = json.Compact(&buf, raw)
	return json.RawMessage(buf.Bytes())
}

// limits reads a {name: int >= 0} field (DRF DictField of IntegerField).
// present is false when the field was not sent.
func (in *input) limits(field string) (limits map[string]int, present bool) {
	if !in.has(field) {
		return nil, false
	}
	if in.isNull(field) {
		in.errs.add(field, "This field may not be null.")
		return nil, true
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(in.fields[field], &m); err != nil {
		var v any
		_ = json.Unmarshal(in.fields[field], &v)
		in.errs.add(field, fmt.Sprintf("Expected a dictionary of items but got type %q.", pythonTypeName(v)))
		return nil, true
	}
	out := map[string]int{}
	bad := map[string][]string{}
	for k, raw := range m {
		n, err := drfInteger(raw)
		switch {
		case err != nil:
			bad[k] = []string{"A valid integer is required."}
		case n < 0:
			bad[k] = []string{"Ensure this value is greater than or equal to 0."}
		default:
			out[k] = n
		}
	}
	if len(bad) > 0 {
		in.errs[field] = bad
		return nil, true
	}
	return out, true
}

var decimalZeros = regexp.MustCompile(`\.0*$`)

// drfInteger accepts what DRF's IntegerField accepts: integers, integral
// floats and their string forms.
func drfInteger(raw json.RawMessage) (int, error) {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return 0, err
	}
	switch t := v.(type) {
	case float64:
		if t != math.Trunc(t) || math.Abs(t) > math.MaxInt32*1e9 {
			return 0, fmt.Errorf("not an integer")
		}
		return int(t), nil
	case string:
		return strconv.Atoi(decimalZeros.ReplaceAllString(strings.TrimSpace(t), ""))
	}
	return 0, fmt.Errorf("not an integer")
}
