package api

import (
	"strings"
	"testing"
)

func TestParseRef(t *testing.T) {
	t.Parallel()
	const hex = "0a1b2c3d4e5f67890a1b2c3d4e5f6789"
	const dashed = "0A1B2C3D-4E5F-6789-0A1B-2C3D4E5F6789"
	cases := []struct {
		name    string
		kind    RefKind
		in      string
		want    string
		wantErr string
	}{
		{"hex", RefProject, hex, hex, ""},
		{"dashed upper", RefProject, dashed, hex, ""},
		{"project url", RefProject, "https://api.wayscloud.services/api/projects/" + hex + "/", hex, ""},
		{"project url without slash", RefProject, "http://x/api/projects/" + hex, hex, ""},
		{"offering url", RefOffering, "https://h/api/marketplace-public-offerings/" + hex + "/", hex, ""},
		{"provider offering url", RefOffering, "https://h/api/marketplace-provider-offerings/" + dashed + "/", hex, ""},
		{"plan url", RefPlan, "https://h/api/marketplace-public-offerings/ffffffffffffffffffffffffffffffff/plans/" + hex + "/", hex, ""},
		{"plan url short form", RefPlan, "https://h/api/marketplace-plans/" + hex + "/", hex, ""},
		{"wrong kind of url", RefProject, "https://h/api/marketplace-public-offerings/" + hex + "/", "", "not a Waldur project URL"},
		{"garbage", RefProject, "my-project", "", "neither a UUID nor a project URL"},
		{"short uuid", RefOffering, "0a1b2c3d", "", "neither a UUID nor a offering URL"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := ParseRef(tc.kind, tc.in)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("ParseRef(%q) error = %v, want it to contain %q", tc.in, err, tc.wantErr)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("ParseRef(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
			}
		})
	}
}
