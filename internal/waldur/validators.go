package waldur

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	rsschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/validate"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waldur/api"
)

// refValidator accepts a UUID (hex or dashed) or a Waldur URL of the kind.
func refValidator(kind api.RefKind) validator.String {
	return validate.String(
		fmt.Sprintf("must be a %s UUID (with or without dashes) or its Waldur URL", kind.Name),
		func(s string) error {
			_, err := api.ParseRef(kind, s)
			return err
		})
}

// uuidValidator accepts a UUID with or without dashes.
func uuidValidator() validator.String {
	return validate.String("must be a UUID, with or without dashes", func(s string) error {
		_, err := api.NormalizeUUID(s)
		return err
	})
}

// requiresReplaceIfOtherObject replaces the resource only when a reference
// points to another object: rewriting a UUID as a URL, or adding dashes,
// is an in-place update that only records the new spelling.
func requiresReplaceIfOtherObject(kind api.RefKind) planmodifier.String {
	return stringplanmodifier.RequiresReplaceIf(
		func(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
			resp.RequiresReplace = !api.SameRef(kind, req.StateValue.ValueString(), req.PlanValue.ValueString())
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
			resp.RequiresReplace = !api.JSONEqual(json.RawMessage(req.StateValue.ValueString()), json.RawMessage(req.PlanValue.ValueString()))
		},
		"Changing the JSON value replaces the resource; reordering keys or changing spacing does not.",
		"Changing the JSON value replaces the resource; reordering keys or changing spacing does not.",
	)
}

// refArgument is a required reference argument (project, offering): a
// UUID or URL of kind; pointing it to another object replaces the
// resource, another spelling of the same object does not.
func refArgument(kind api.RefKind, description string) rsschema.StringAttribute {
	return rsschema.StringAttribute{
		Required:            true,
		MarkdownDescription: description,
		Validators:          []validator.String{refValidator(kind)},
		PlanModifiers:       []planmodifier.String{requiresReplaceIfOtherObject(kind)},
	}
}

// falseByDefault is an optional switch that is false unless set.
func falseByDefault(description string) rsschema.BoolAttribute {
	return rsschema.BoolAttribute{
		Optional:            true,
		Computed:            true,
		Default:             booldefault.StaticBool(false),
		MarkdownDescription: description,
	}
}

// validatePlanOffering checks what single-attribute validators cannot: a
// plan URL must belong to the ordered offering. ok is false when the
// configuration could not be read.
func validatePlanOffering(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) (ok bool) {
	var plan, offering types.String
	diags.Append(config.GetAttribute(ctx, path.Root("plan"), &plan)...)
	diags.Append(config.GetAttribute(ctx, path.Root("offering"), &offering)...)
	if diags.HasError() {
		return false
	}
	if err := checkPlanOffering(plan, offering); err != nil {
		diags.AddAttributeError(path.Root("plan"), "Plan does not belong to the offering", err.Error())
	}
	return true
}
