package awanio

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Shared pieces of Awanio resources and data sources.

const (
	// defaultTimeout bounds synchronous API work (organizations, projects,
	// volumes, VPCs) unless the resource's timeouts block says otherwise.
	defaultTimeout = 5 * time.Minute
)

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

// canonicalUUID returns the dashed lower-case form Awanio uses.
func canonicalUUID(s string) (string, error) {
	u, err := uuid.Parse(s)
	if err != nil {
		return "", fmt.Errorf("%q is not a UUID", s)
	}
	return u.String(), nil
}

// importUUID imports a resource by its UUID into id.
func importUUID(ctx context.Context, typeName, example string, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id, err := canonicalUUID(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID",
			fmt.Sprintf("Import a %s by its UUID, for example `terraform import %s.example %s`: %s", typeName, typeName, example, err))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
}

// stringOrNull maps "" to null.
func stringOrNull(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

// sameUUID keeps the user's spelling of a UUID when it names the same one
// the API returned, so that upper case or missing dashes never show a diff.
func sameUUID(prior types.String, fromAPI string) types.String {
	if fromAPI == "" {
		return types.StringNull()
	}
	if !prior.IsNull() && !prior.IsUnknown() {
		if a, err := uuid.Parse(prior.ValueString()); err == nil {
			if b, err := uuid.Parse(fromAPI); err == nil && a == b {
				return prior
			}
		}
	}
	return types.StringValue(fromAPI)
}

// differentUUID is a RequiresReplaceIf condition: replace only when the
// planned UUID names another object than the one in state, not when it is
// the same UUID spelled differently.
func differentUUID(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
	if req.PlanValue.IsUnknown() {
		return // filled in later (provider default, see resolveOwnerInPlan)
	}
	if req.StateValue.IsNull() || req.PlanValue.IsNull() {
		resp.RequiresReplace = !req.StateValue.Equal(req.PlanValue)
		return
	}
	a, errA := uuid.Parse(req.StateValue.ValueString())
	b, errB := uuid.Parse(req.PlanValue.ValueString())
	resp.RequiresReplace = errA != nil || errB != nil || a != b
}

// resolveOwnerInPlan fills an owner argument (organization_uuid,
// project_uuid) that the configuration omits with the provider-level
// default def, so that the plan shows the real value; without a default
// it keeps what the state has, and for a new object it asks for the
// argument. With replace, a changed owner replaces the object.
func resolveOwnerInPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse, p path.Path, def, name string, replace ...bool) {
	if len(replace) > 0 && replace[0] && !req.State.Raw.IsNull() {
		defer func() {
			var planned, state types.String
			resp.Diagnostics.Append(resp.Plan.GetAttribute(ctx, p, &planned)...)
			resp.Diagnostics.Append(req.State.GetAttribute(ctx, p, &state)...)
			if !planned.IsUnknown() && !state.IsNull() && !sameUUIDString(planned.ValueString(), state.ValueString()) {
				resp.RequiresReplace = append(resp.RequiresReplace, p)
			}
		}()
	}
	var config, state types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, p, &config)...)
	if resp.Diagnostics.HasError() || !config.IsNull() {
		return
	}
	if !req.State.Raw.IsNull() {
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, p, &state)...)
	}
	switch {
	case def != "" && !state.IsNull() && sameUUIDString(def, state.ValueString()):
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, p, state)...)
	case def != "":
		canonical, _ := canonicalUUID(def)
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, p, canonical)...)
	case !state.IsNull():
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, p, state)...)
	default:
		resp.Diagnostics.AddAttributeError(p, "Missing "+name,
			fmt.Sprintf("Set %s in this resource, or a default organization_uuid in the provider's awanio block (CLOUDORDER_AWANIO_ORGANIZATION_UUID).", name))
	}
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
