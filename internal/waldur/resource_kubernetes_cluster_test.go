package waldur

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// TestClusterNameErrors: each bad name gets one error that says what is
// wrong with it (a short name used to get a second, wrong one about the
// pattern), and the documented bounds hold.
func TestClusterNameErrors(t *testing.T) {
	t.Parallel()
	var resp resource.SchemaResponse
	NewKubernetesClusterResource().Schema(context.Background(), resource.SchemaRequest{}, &resp)
	name := resp.Schema.Attributes["name"].(schema.StringAttribute)
	for value, want := range map[string]string{
		"wc":                     "length must be between 3 and 150",
		"ab":                     "length must be between 3 and 150",
		strings.Repeat("a", 151): "length must be between 3 and 150",
		"Bad_Name":               "lower-case letters, digits and dashes",
		"-abc":                   "lower-case letters, digits and dashes",
		"abc-":                   "lower-case letters, digits and dashes",
		"abc":                    "",
		"a-b":                    "",
		strings.Repeat("a", 150): "",
	} {
		var errs []string
		for _, v := range name.Validators {
			r := &validator.StringResponse{}
			v.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("name"), ConfigValue: types.StringValue(value)}, r)
			for _, d := range r.Diagnostics.Errors() {
				errs = append(errs, d.Detail())
			}
		}
		switch {
		case want == "" && len(errs) > 0:
			t.Errorf("%q: %v", value, errs)
		case want != "" && (len(errs) != 1 || !strings.Contains(errs[0], want)):
			t.Errorf("%q: got %d errors %v, want one saying %q", value, len(errs), errs, want)
		}
	}
}
