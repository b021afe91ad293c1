package waldur

import (
	"encoding/json"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func strValue(s string) types.String { return types.StringValue(s) }

func TestAttributesFromAPI(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		prior jsontypes.Normalized
		api   string
		want  string // "" means null
	}{
		{"import takes all, sorted", jsontypes.NewNormalizedNull(), `{"b":1,"a":"x"}`, `{"a":"x","b":1}`},
		{"import of empty object is null", jsontypes.NewNormalizedNull(), `{}`, ""},
		{"import of null is null", jsontypes.NewNormalizedNull(), `null`, ""},
		{"same values keep prior text", jsontypes.NewNormalizedValue(`{ "name": "k8s",  "nodes": 3 }`), `{"nodes":3,"name":"k8s"}`, `{ "name": "k8s",  "nodes": 3 }`},
		{"server-added keys ignored", jsontypes.NewNormalizedValue(`{"name":"k8s"}`), `{"name":"k8s","backend_flavor":"m1"}`, `{"name":"k8s"}`},
		{"changed value shows drift", jsontypes.NewNormalizedValue(`{"name":"k8s","nodes":3}`), `{"name":"k8s","nodes":5}`, `{"name":"k8s","nodes":5}`},
		{"removed key shows drift", jsontypes.NewNormalizedValue(`{"name":"k8s","nodes":3}`), `{"name":"k8s"}`, `{"name":"k8s"}`},
		{"nested objects compared by value", jsontypes.NewNormalizedValue(`{"pool":{"a":1,"b":[1,2]}}`), `{"pool":{"b":[1,2],"a":1}}`, `{"pool":{"a":1,"b":[1,2]}}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := attributesFromAPI(tc.prior, json.RawMessage(tc.api))
			if err != nil {
				t.Fatal(err)
			}
			if tc.want == "" {
				if !got.IsNull() {
					t.Fatalf("got %q, want null", got.ValueString())
				}
				return
			}
			if got.ValueString() != tc.want {
				t.Fatalf("got %q, want %q", got.ValueString(), tc.want)
			}
		})
	}
}

func TestAttributesFromAPIRejectsNonObject(t *testing.T) {
	t.Parallel()
	if _, err := attributesFromAPI(jsontypes.NewNormalizedNull(), json.RawMessage(`[1,2]`)); err == nil {
		t.Fatal("a JSON array was accepted as attributes")
	}
}

func FuzzAttributesFromAPI(f *testing.F) {
	f.Add(`{"name":"a"}`, `{"name":"a","x":1}`)
	f.Add(`{}`, `null`)
	f.Add(`{"a":{"b":[1,{"c":null}]}}`, `{"a":{"b":[1,{"c":null}]}}`)
	f.Fuzz(func(t *testing.T, prior, api string) {
		p := jsontypes.NewNormalizedNull()
		if json.Valid([]byte(prior)) {
			p = jsontypes.NewNormalizedValue(prior)
		}
		got, err := attributesFromAPI(p, json.RawMessage(api))
		if err != nil || got.IsNull() {
			return
		}
		if !json.Valid([]byte(got.ValueString())) {
			t.Fatalf("produced invalid JSON %q", got.ValueString())
		}
	})
}
