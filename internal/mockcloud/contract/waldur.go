package contract

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"

	"github.com/getkin/kin-openapi/openapi3"
)

// waldurSchemaGaps are properties that Waldur's OpenAPI declares
// non-nullable although Waldur answers null for them: images and icons
// without a file (DRF's ImageField), an order or resource without a plan, a
// resource whose backend object does not exist yet (scope). The mock
// answers as Waldur does, so the loaded spec is relaxed for exactly these.
var waldurSchemaGaps = map[string][]string{
	"OrderDetails": {"offering_image", "offering_thumbnail", "category_icon", "plan"},
	"Resource":     {"offering_image", "offering_thumbnail", "category_icon", "plan", "scope"},
}

// WaldurScope is the part of Waldur's OpenAPI that this project uses: the
// operations the mock serves. Coverage is counted over these.
var WaldurScope = []string{
	"marketplace_orders_approve_by_consumer",
	"marketplace_orders_approve_by_provider",
	"marketplace_orders_cancel",
	"marketplace_orders_create",
	"marketplace_orders_delete_attachment",
	"marketplace_orders_destroy",
	"marketplace_orders_list",
	"marketplace_orders_offering_retrieve",
	"marketplace_orders_reject_by_consumer",
	"marketplace_orders_reject_by_provider",
	"marketplace_orders_retrieve",
	"marketplace_orders_set_backend_id",
	"marketplace_orders_set_state_done",
	"marketplace_orders_set_state_erred",
	"marketplace_orders_set_state_executing",
	"marketplace_orders_unlink",
	"marketplace_orders_update_attachment",
	"marketplace_public_offerings_list",
	"marketplace_public_offerings_plans_list",
	"marketplace_public_offerings_plans_retrieve",
	"marketplace_public_offerings_retrieve",
	"marketplace_resources_list",
	"marketplace_resources_retrieve",
	"marketplace_resources_switch_plan",
	"marketplace_resources_terminate",
	"marketplace_resources_update_limits",
	"projects_list",
	"projects_retrieve",
}

// WaldurClientOnly are the operations in WaldurScope that no acceptance
// test exercises, with the reason; the mock serves them for other Waldur
// clients and TestWaldurMockConformsToOpenAPI drives them. (The agent and
// attachment calls are in scope and exercised: tests act as the service
// provider through them.)
var WaldurClientOnly = map[string]string{
	"marketplace_public_offerings_list":           "catalog browsing; the provider takes offering and plan from the configuration",
	"marketplace_public_offerings_retrieve":       "catalog browsing; the provider reads an offering through its order (marketplace_orders_offering_retrieve)",
	"marketplace_public_offerings_plans_list":     "catalog browsing; the provider takes offering and plan from the configuration",
	"marketplace_public_offerings_plans_retrieve": "catalog browsing; the provider takes offering and plan from the configuration",
	"projects_list":     "projects are referenced by UUID or URL; the provider does not list them",
	"projects_retrieve": "projects are referenced by UUID or URL; the provider does not read them",
}

func adaptWaldur(c *Contract) error {
	doc := c.Doc
	// Not doc.Validate: an unrelated example in the file is invalid.
	for schema, props := range waldurSchemaGaps {
		for _, prop := range props {
			p := doc.Components.Schemas[schema].Value.Properties[prop]
			if p == nil || p.Value == nil {
				return fmt.Errorf("schema %s has no property %s: update waldurSchemaGaps", schema, prop)
			}
			p.Value.Nullable = true
		}
	}
	// Real Waldur returns uuid.hex (32 hex digits, no dashes): accept it
	// as well as the dashed form, and nothing else.
	doc.SetStringFormatValidator("uuid", openapi3.NewRegexpFormatValidator(`^(?:[0-9a-f]{32}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$`))
	// Hyperlinks must be absolute; Waldur answers "" for blank URL fields.
	doc.SetStringFormatValidator("uri", openapi3.NewCallbackValidator(func(s string) error {
		if s == "" {
			return nil
		}
		if u, err := url.Parse(s); err != nil || u.Scheme == "" || u.Host == "" {
			return fmt.Errorf("not an absolute URL: %q", s)
		}
		return nil
	}))
	c.checkError = checkDRFError
	c.scope = WaldurScope
	return nil
}

// checkDRFError accepts Django REST framework's two error shapes, which
// Waldur's OpenAPI does not describe: {"detail": "..."} and
// {"field": ["message", ...]} (or nested for dict fields), the latter only
// on 400.
func checkDRFError(status int, _ http.Header, body []byte) error {
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil || len(m) == 0 {
		return fmt.Errorf("error body is not a JSON object: %.200s", body)
	}
	if d, ok := m["detail"]; ok {
		if _, isString := d.(string); !isString || len(m) != 1 {
			return fmt.Errorf("bad detail body: %.200s", body)
		}
		return nil
	}
	if status != http.StatusBadRequest {
		return fmt.Errorf("only 400s carry field errors: %.200s", body)
	}
	for field, msgs := range m {
		switch msgs.(type) {
		case []any, map[string]any:
		default:
			return fmt.Errorf("field %s: %v is not a list of messages", field, msgs)
		}
	}
	return nil
}
