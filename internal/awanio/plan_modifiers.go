package awanio

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Plan modifiers for arguments Awanio never returns (VM and baremetal
// logins, IP reservations, compute_same_config).

// Arguments Awanio never returns (the login, the IP reservation) are null
// in the state after an import. Setting them in the configuration then is
// recording what was used, not a change: replace only when a value that
// was known changes, and let Update store it otherwise.
const writeOnceReplaceDesc = "Changing the value replaces the object, unless the state has none (after an import)."

func replaceIfKnownString() planmodifier.String {
	return stringplanmodifier.RequiresReplaceIf(func(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
		resp.RequiresReplace = !req.StateValue.IsNull()
	}, writeOnceReplaceDesc, writeOnceReplaceDesc)
}

func replaceIfKnownBool() planmodifier.Bool {
	return boolplanmodifier.RequiresReplaceIf(func(_ context.Context, req planmodifier.BoolRequest, resp *boolplanmodifier.RequiresReplaceIfFuncResponse) {
		resp.RequiresReplace = !req.StateValue.IsNull()
	}, writeOnceReplaceDesc, writeOnceReplaceDesc)
}

func replaceIfKnownInt64() planmodifier.Int64 {
	return int64planmodifier.RequiresReplaceIf(func(_ context.Context, req planmodifier.Int64Request, resp *int64planmodifier.RequiresReplaceIfFuncResponse) {
		resp.RequiresReplace = !req.StateValue.IsNull()
	}, writeOnceReplaceDesc, writeOnceReplaceDesc)
}

// defaultOnCreate plans a default for an argument that Awanio never
// returns, on create only. A schema Default would plan it after an import
// too, where the state holds null, so an imported server (and the
// configuration `terraform plan -generate-config-out` writes for it)
// would never plan clean. On update an unset argument keeps its state.
type defaultOnCreate[T interface{ IsNull() bool }] struct {
	value       T
	description string
}

func (m defaultOnCreate[T]) Description(context.Context) string         { return m.description }
func (m defaultOnCreate[T]) MarkdownDescription(context.Context) string { return m.description }

func (m defaultOnCreate[T]) plan(config T, stateIsNull bool, state T) (T, bool) {
	if !config.IsNull() {
		return config, false
	}
	if stateIsNull {
		return m.value, true
	}
	return state, true
}

type defaultOnCreateString struct{ defaultOnCreate[types.String] }

func (m defaultOnCreateString) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if v, ok := m.plan(req.ConfigValue, req.State.Raw.IsNull(), req.StateValue); ok {
		resp.PlanValue = v
	}
}

type defaultOnCreateBool struct{ defaultOnCreate[types.Bool] }

func (m defaultOnCreateBool) PlanModifyBool(_ context.Context, req planmodifier.BoolRequest, resp *planmodifier.BoolResponse) {
	if v, ok := m.plan(req.ConfigValue, req.State.Raw.IsNull(), req.StateValue); ok {
		resp.PlanValue = v
	}
}

type defaultOnCreateInt64 struct{ defaultOnCreate[types.Int64] }

func (m defaultOnCreateInt64) PlanModifyInt64(_ context.Context, req planmodifier.Int64Request, resp *planmodifier.Int64Response) {
	if v, ok := m.plan(req.ConfigValue, req.State.Raw.IsNull(), req.StateValue); ok {
		resp.PlanValue = v
	}
}

func int64DefaultOnCreate(v int64) planmodifier.Int64 {
	return defaultOnCreateInt64{defaultOnCreate[types.Int64]{types.Int64Value(v), fmt.Sprintf("Defaults to %d on create.", v)}}
}

func stringDefaultOnCreate(v string) planmodifier.String {
	return defaultOnCreateString{defaultOnCreate[types.String]{types.StringValue(v), fmt.Sprintf("Defaults to %q on create.", v)}}
}

func boolDefaultOnCreate(v bool) planmodifier.Bool {
	return defaultOnCreateBool{defaultOnCreate[types.Bool]{types.BoolValue(v), fmt.Sprintf("Defaults to %t on create.", v)}}
}
