package awanio

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Shared pieces of Awanio resources and data sources.

// trimmed matches names without leading or trailing white space, which
// Awanio drops (and Terraform would then show as a diff).
var trimmed = regexp.MustCompile(`^\S(.*\S)?$`)

// nameValidators are the checks for a name of at most max characters.
func nameValidators(maxLen int) []validator.String {
	return []validator.String{
		stringvalidator.LengthBetween(1, maxLen),
		stringvalidator.RegexMatches(trimmed, "must not start or end with white space, which Awanio removes"),
	}
}

// stringOrNull maps "" to null.
func stringOrNull(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

// sentence makes an error text a diagnostic detail in the provider's style:
// a sentence, starting with a capital letter and ending with a full stop.
// Go error texts start lower-case and end bare; diagnostics read as prose.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	s = string(unicode.ToUpper(r)) + s[n:]
	if !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "!") && !strings.HasSuffix(s, "?") {
		s += "."
	}
	return s
}

// Computed attributes of a resource, set from what Awanio returns. A
// stable one keeps the value in the state when a plan does not know it
// (UseStateForUnknown): an id, or what Awanio sets once, at creation.

func stableString(desc string) schema.StringAttribute {
	return schema.StringAttribute{
		Computed:            true,
		MarkdownDescription: desc,
		PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
	}
}

func computedString(desc string) schema.StringAttribute {
	return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
}

func computedInt64(desc string) schema.Int64Attribute {
	return schema.Int64Attribute{Computed: true, MarkdownDescription: desc}
}

func computedFloat64(desc string) schema.Float64Attribute {
	return schema.Float64Attribute{Computed: true, MarkdownDescription: desc}
}

func computedBool(desc string) schema.BoolAttribute {
	return schema.BoolAttribute{Computed: true, MarkdownDescription: desc}
}
