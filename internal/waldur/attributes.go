package waldur

import (
	"bytes"
	"context"
	"encoding/json"
	"reflect"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// attributesFromAPI decides what to store for an order's attributes after
// reading it. Waldur echoes attributes, but offerings may add keys of their
// own; those must not show as a diff. So when there is a prior value, the
// API's attributes are projected onto the keys the user wrote: equal values
// keep the prior text (key order, spacing), a changed or missing key shows
// as drift. Without a prior value (import) all attributes are taken.
func attributesFromAPI(prior jsontypes.Normalized, api json.RawMessage) (jsontypes.Normalized, error) {
	apiMap, err := decodeObject(api)
	if err != nil {
		return jsontypes.NewNormalizedNull(), err
	}
	if prior.IsNull() || prior.IsUnknown() {
		if len(apiMap) == 0 {
			return jsontypes.NewNormalizedNull(), nil
		}
		return encodeObject(apiMap)
	}
	priorMap, err := decodeObject(json.RawMessage(prior.ValueString()))
	if err != nil {
		return jsontypes.NewNormalizedNull(), err
	}
	projected := make(map[string]any, len(priorMap))
	for k := range priorMap {
		if v, ok := apiMap[k]; ok {
			projected[k] = v
		}
	}
	if reflect.DeepEqual(projected, priorMap) {
		return prior, nil
	}
	return encodeObject(projected)
}

// decodeObject decodes a JSON object; null and empty input give nil.
func decodeObject(raw json.RawMessage) (map[string]any, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return nil, nil
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, err
	}
	return m, nil
}

// encodeObject renders an object with sorted keys, the form jsonencode
// produces, so that imported values match typical configurations.
func encodeObject(m map[string]any) (jsontypes.Normalized, error) {
	b, err := json.Marshal(m)
	if err != nil {
		return jsontypes.NewNormalizedNull(), err
	}
	return jsontypes.NewNormalizedValue(string(b)), nil
}

// limitsFromTF converts a map of component limits.
func limitsFromTF(ctx context.Context, m types.Map) (map[string]int64, diag.Diagnostics) {
	if m.IsNull() || m.IsUnknown() {
		return nil, nil
	}
	out := make(map[string]int64, len(m.Elements()))
	diags := m.ElementsAs(ctx, &out, false)
	return out, diags
}

// limitsToTF converts the API's limits. Waldur answers {} for "no limits":
// that stays null when the configuration has none.
func limitsToTF(prior types.Map, api map[string]int64) types.Map {
	if len(api) == 0 && (prior.IsNull() || prior.IsUnknown()) {
		return types.MapNull(types.Int64Type)
	}
	elems := make(map[string]attr.Value, len(api))
	for k, v := range api {
		elems[k] = types.Int64Value(v)
	}
	return types.MapValueMust(types.Int64Type, elems)
}
