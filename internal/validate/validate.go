// Package validate holds plan-time validators shared by all backends. Each
// message names what is wrong and how to fix it; the framework adds the
// attribute path.
package validate

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// stringFunc adapts a check function to validator.String.
type stringFunc struct {
	description string
	check       func(string) error
}

func (v stringFunc) Description(context.Context) string         { return v.description }
func (v stringFunc) MarkdownDescription(context.Context) string { return v.description }

func (v stringFunc) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := v.check(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+req.Path.String(), err.Error())
	}
}

// String returns a validator from a description and a check function.
func String(description string, check func(string) error) validator.String {
	return stringFunc{description: description, check: check}
}

// HTTPURL accepts absolute http and https URLs.
func HTTPURL() validator.String {
	return String("must be an absolute http or https URL", func(s string) error {
		u, err := url.Parse(s)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("%q is not an absolute http(s) URL; write it like https://example.com/path", s)
		}
		return nil
	})
}

// Date accepts calendar dates in the form YYYY-MM-DD.
func Date() validator.String {
	return String("must be a date in the form YYYY-MM-DD", func(s string) error {
		if _, err := time.Parse(time.DateOnly, s); err != nil {
			return fmt.Errorf("%q is not a date in the form YYYY-MM-DD, for example 2026-12-31", s)
		}
		return nil
	})
}

// JSONObject accepts a JSON document whose top level is an object.
func JSONObject() validator.String {
	return String("must be a JSON object", func(s string) error {
		var v any
		if err := json.Unmarshal([]byte(s), &v); err != nil {
			return fmt.Errorf("the value is not valid JSON (%w); build it with jsonencode({ ... })", err)
		}
		if _, ok := v.(map[string]any); !ok {
			return fmt.Errorf("the value must be a JSON object such as {\"name\": \"my-cluster\"}, not %s; build it with jsonencode({ ... })", jsonKind(v))
		}
		return nil
	})
}

func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case []any:
		return "an array"
	case string:
		return "a string"
	case float64:
		return "a number"
	case bool:
		return "a boolean"
	}
	return "another JSON value"
}

// UUID accepts a UUID with or without dashes.
func UUID() validator.String {
	return String("must be a UUID", func(s string) error {
		if _, err := uuid.Parse(s); err != nil || strings.HasPrefix(s, "{") || strings.HasPrefix(s, "urn:") {
			return fmt.Errorf("%q is not a UUID: use 32 hexadecimal characters, with or without dashes", s)
		}
		return nil
	})
}
