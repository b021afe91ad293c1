package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Awanio's documented answers are not always well typed: numbers and
// booleans appear as strings ("member_count": "2,", "is_default": "true,"),
// and unset numbers as null. The types below read all of these, so that a
// sloppy field never fails a whole request. They marshal as plain values.

// Int is an integer that also reads "12", "12,", 12.0 and null (as 0).
type Int int64

// UnmarshalJSON implements json.Unmarshaler.
func (n *Int) UnmarshalJSON(b []byte) error { return readNumber(n, b) }

// Float is a number that also reads "0.5", "0.5," and null (as 0).
type Float float64

// UnmarshalJSON implements json.Unmarshaler.
func (n *Float) UnmarshalJSON(b []byte) error { return readNumber(n, b) }

// readNumber sets *n to the lenient number b (lenientNumber), unchanged
// when b is not one.
func readNumber[N ~int64 | ~float64](n *N, b []byte) error {
	f, err := lenientNumber(b)
	if err != nil {
		return err
	}
	*n = N(f)
	return nil
}

// Bool is a boolean that also reads "true", "true,", 1/0 and null (false).
type Bool bool

// UnmarshalJSON implements json.Unmarshaler.
func (v *Bool) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch string(b) {
	case "null", "false", "0":
		*v = false
		return nil
	case "true", "1":
		*v = true
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("awanio: %s is not a boolean", b)
	}
	parsed, err := strconv.ParseBool(cleanScalar(s))
	if err != nil {
		if cleanScalar(s) == "" {
			*v = false
			return nil
		}
		return fmt.Errorf("awanio: %q is not a boolean", s)
	}
	*v = Bool(parsed)
	return nil
}

// String is a string that also reads numbers (1.23 → "1.23") and null ("").
// Kubernetes version names are numbers in Awanio's answers.
type String string

// UnmarshalJSON implements json.Unmarshaler.
func (v *String) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if string(b) == "null" {
		*v = ""
		return nil
	}
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*v = String(s)
		return nil
	}
	if len(b) > 0 && (b[0] == '{' || b[0] == '[') {
		return fmt.Errorf("awanio: %s is not a scalar", truncateJSON(b))
	}
	*v = String(b)
	return nil
}

func lenientNumber(b []byte) (float64, error) {
	b = bytes.TrimSpace(b)
	if string(b) == "null" {
		return 0, nil
	}
	s := string(b)
	if len(b) > 0 && b[0] == '"' {
		if err := json.Unmarshal(b, &s); err != nil {
			return 0, err
		}
		s = cleanScalar(s)
		if s == "" {
			return 0, nil
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	// ParseFloat reads "NaN" and "Inf", which no API value means and which
	// neither JSON nor Terraform state can hold.
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, fmt.Errorf("awanio: %s is not a number", truncateJSON(b))
	}
	return f, nil
}

// cleanScalar drops the stray trailing commas and spaces of the documented
// examples ("2," → "2").
func cleanScalar(s string) string {
	return strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s), ","))
}

func truncateJSON(b []byte) string {
	if len(b) > 40 {
		return string(b[:40]) + "…"
	}
	return string(b)
}
