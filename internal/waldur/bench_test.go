package waldur

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/waldur/api"
)

// largeAttributes is an order's attributes as a big offering has them:
// many keys, nested objects and lists (a Kubernetes cluster with node
// groups, labels and a long description).
func largeAttributes(keys int) map[string]any {
	attrs := map[string]any{}
	for i := range keys {
		attrs[fmt.Sprintf("key_%03d", i)] = fmt.Sprintf("value %d %s", i, strings.Repeat("x", 40))
	}
	groups := make([]any, 20)
	for i := range groups {
		groups[i] = map[string]any{
			"name": fmt.Sprintf("pool-%d", i), "flavor": "m1.large", "count": i + 1,
			"labels": map[string]any{"tier": "web", "zone": fmt.Sprintf("z%d", i%3)},
		}
	}
	attrs["node_groups"] = groups
	attrs["description"] = strings.Repeat("A long description. ", 200)
	return attrs
}

func largeOrderJSON(b *testing.B) []byte {
	b.Helper()
	attrs, _ := json.Marshal(largeAttributes(300))
	limits := map[string]int64{}
	for i := range 50 {
		limits[fmt.Sprintf("limit_%02d", i)] = int64(i)
	}
	str := func(s string) *string { return &s }
	o := api.Order{
		BaseItem: api.BaseItem{
			UUID: "3f1e9c2a8d7b4c6e9f0a1b2c3d4e5f60", URL: "https://waldur.example.com/api/marketplace-orders/3f1e9c2a8d7b4c6e9f0a1b2c3d4e5f60/",
			Offering: "https://waldur.example.com/api/marketplace-public-offerings/5c3a1e9f7d5b4c2a8e6f0d2b4a6c8e0f/", OfferingUUID: "5c3a1e9f7d5b4c2a8e6f0d2b4a6c8e0f",
			Plan:    str("https://waldur.example.com/api/marketplace-public-offerings/5c3a1e9f7d5b4c2a8e6f0d2b4a6c8e0f/plans/7e5c3a1f9d7b4e2c8a8f6d4b2e0c8a6f/"),
			Project: "https://waldur.example.com/api/projects/2f8e4d6c0b1a4e3f9d7c5b3a1e0f2d4c/", ProjectUUID: "2f8e4d6c0b1a4e3f9d7c5b3a1e0f2d4c",
			Attributes: attrs, Limits: limits, Created: "2026-01-01T00:00:00Z", Modified: "2026-01-01T00:00:02Z",
		},
		Type: "Create", State: api.OrderDone, Cost: str("1234.56"), MarketplaceResourceUUID: str("9a8b7c6d5e4f30211a2b3c4d5e6f7081"),
	}
	raw, err := json.Marshal(o)
	if err != nil {
		b.Fatal(err)
	}
	return raw
}

// BenchmarkDecodeLargeOrder is the hot path of every poll and refresh: the
// GET answer decoded into an Order.
func BenchmarkDecodeLargeOrder(b *testing.B) {
	raw := largeOrderJSON(b)
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		var o api.Order
		if err := json.Unmarshal(raw, &o); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOrderSetFromAPI turns the decoded order into the resource's
// state, as Read does after each GET, with the user's attributes as the
// prior value (so the API's are projected onto them).
func BenchmarkOrderSetFromAPI(b *testing.B) {
	raw := largeOrderJSON(b)
	var o api.Order
	if err := json.Unmarshal(raw, &o); err != nil {
		b.Fatal(err)
	}
	prior, _ := json.Marshal(largeAttributes(300))
	b.ReportAllocs()
	for b.Loop() {
		m := orderResourceModel{
			Project: types.StringValue(o.ProjectUUID), Offering: types.StringValue(o.OfferingUUID), Plan: types.StringNull(),
			Attributes: jsontypes.NewNormalizedValue(string(prior)), Limits: types.MapNull(types.Int64Type),
		}
		if diags := m.setFromAPI(&o); diags.HasError() {
			b.Fatal(diags)
		}
	}
}

// BenchmarkAttributesFromAPI is the attribute normalisation alone: the
// API's attributes (with keys the offering added) projected onto the
// user's, for unchanged and for drifted attributes, and for an import.
func BenchmarkAttributesFromAPI(b *testing.B) {
	user := largeAttributes(300)
	prior, _ := json.Marshal(user)
	withExtra := largeAttributes(300)
	withExtra["added_by_offering"] = map[string]any{"backend": "openstack", "tenant": "t-1"}
	api, _ := json.Marshal(withExtra)
	drifted := largeAttributes(300)
	drifted["key_007"] = "changed outside Terraform"
	apiDrift, _ := json.Marshal(drifted)
	for _, bc := range []struct {
		name  string
		prior jsontypes.Normalized
		api   []byte
	}{
		{"unchanged", jsontypes.NewNormalizedValue(string(prior)), api},
		{"drifted", jsontypes.NewNormalizedValue(string(prior)), apiDrift},
		{"import", jsontypes.NewNormalizedNull(), api},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.api)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := attributesFromAPI(bc.prior, bc.api); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
