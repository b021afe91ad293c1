package validate

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestValidators(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		v       validator.String
		in      string
		wantErr string // "" means valid
	}{
		{"url ok", HTTPURL(), "https://api.wayscloud.services/api/", ""},
		{"url no scheme", HTTPURL(), "api.wayscloud.services", "not an absolute http(s) URL"},
		{"url ftp", HTTPURL(), "ftp://x", "not an absolute http(s) URL"},
		{"date ok", Date(), "2026-12-31", ""},
		{"date european", Date(), "31.12.2026", "YYYY-MM-DD"},
		{"date impossible", Date(), "2026-02-30", "YYYY-MM-DD"},
		{"json object", JSONObject(), `{"name":"x"}`, ""},
		{"json array", JSONObject(), `[1]`, "not an array"},
		{"json broken", JSONObject(), `{"name":`, "not valid JSON"},
		{"uuid dashed", UUID(), "0a1b2c3d-4e5f-6789-0a1b-2c3d4e5f6789", ""},
		{"uuid hex", UUID(), "0a1b2c3d4e5f67890a1b2c3d4e5f6789", ""},
		{"uuid braces", UUID(), "{0a1b2c3d-4e5f-6789-0a1b-2c3d4e5f6789}", "not a UUID"},
		{"uuid short", UUID(), "0a1b", "not a UUID"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var resp validator.StringResponse
			tc.v.ValidateString(context.Background(), validator.StringRequest{
				Path: path.Root("arg"), ConfigValue: types.StringValue(tc.in),
			}, &resp)
			if tc.wantErr == "" {
				if resp.Diagnostics.HasError() {
					t.Fatalf("%q rejected: %v", tc.in, resp.Diagnostics)
				}
				return
			}
			if !resp.Diagnostics.HasError() {
				t.Fatalf("%q accepted", tc.in)
			}
			d := resp.Diagnostics.Errors()[0]
			if !strings.Contains(d.Detail(), tc.wantErr) || !strings.Contains(d.Summary(), "arg") {
				t.Fatalf("diagnostic %q / %q does not name the argument and %q", d.Summary(), d.Detail(), tc.wantErr)
			}
		})
	}
}

func TestValidatorsSkipUnknownAndNull(t *testing.T) {
	t.Parallel()
	for _, v := range []types.String{types.StringNull(), types.StringUnknown()} {
		var resp validator.StringResponse
		JSONObject().ValidateString(context.Background(), validator.StringRequest{Path: path.Root("a"), ConfigValue: v}, &resp)
		if resp.Diagnostics.HasError() {
			t.Fatalf("%v rejected", v)
		}
	}
}
