package waldur

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/validate"
)

// refValidator accepts a UUID (hex or dashed) or a Waldur URL of the kind.
func refValidator(kind RefKind) validator.String {
	return validate.String(
		fmt.Sprintf("must be a %s UUID (with or without dashes) or its Waldur URL", kind.Name),
		func(s string) error {
			_, err := ParseRef(kind, s)
			return err
		})
}

// uuidValidator accepts a UUID with or without dashes.
func uuidValidator() validator.String {
	return validate.String("must be a UUID, with or without dashes", func(s string) error {
		_, err := NormalizeUUID(s)
		return err
	})
}

// requiresReplaceIfOtherObject replaces the resource only when a reference
// points to another object: rewriting a UUID as a URL, or adding dashes,
// is an in-place update that only records the new spelling.
func requiresReplaceIfOtherObject(kind RefKind) planmodifier.String {
	return stringplanmodifier.RequiresReplaceIf(
		func(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
			resp.RequiresReplace = !SameRef(kind, req.StateValue.ValueString(), req.PlanValue.ValueString())
		},
		"Changing the object this argument points to replaces the resource; writing the same object another way (UUID or URL, with or without dashes) does not.",
		"Changing the object this argument points to replaces the resource; writing the same object another way (UUID or URL, with or without dashes) does not.",
	)
}

// requiresReplaceIfJSONChanged replaces the resource only when a JSON
// argument changes in value, not in key order or spacing.
func requiresReplaceIfJSONChanged() planmodifier.String {
	return stringplanmodifier.RequiresReplaceIf(
		func(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
			resp.RequiresReplace = !jsonEqual(json.RawMessage(req.StateValue.ValueString()), json.RawMessage(req.PlanValue.ValueString()))
		},
		"Changing the JSON value replaces the resource; reordering keys or changing spacing does not.",
		"Changing the JSON value replaces the resource; reordering keys or changing spacing does not.",
	)
}

var planURLOffering = regexp.MustCompile(`/api/marketplace-public-offerings/` + uuidGroup + `/plans/`)

// offeringOfPlanURL returns the offering UUID embedded in a public plan URL.
func offeringOfPlanURL(s string) (string, bool) {
	u, err := url.Parse(s)
	if err != nil {
		return "", false
	}
	m := planURLOffering.FindStringSubmatch(u.Path)
	if m == nil {
		return "", false
	}
	id, err := NormalizeUUID(m[1])
	return id, err == nil
}
