package provider

import (
	"context"
	"fmt"
	"math"
	"os"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The environment variables of max_requests_per_second, one per block.
const (
	waldurRateEnv  = "CLOUDORDER_WALDUR_MAX_REQUESTS_PER_SECOND"
	awanioRateEnv  = "CLOUDORDER_AWANIO_MAX_REQUESTS_PER_SECOND"
	hostwayRateEnv = "CLOUDORDER_HOSTWAY_MAX_REQUESTS_PER_SECOND"
)

// maxRateAttribute is max_requests_per_second, the same in every backend
// block; env is the block's environment variable for it.
func maxRateAttribute(env string) schema.Float64Attribute {
	return schema.Float64Attribute{
		Optional: true,
		MarkdownDescription: "Most requests per second the provider sends to this API, all its resources together and retries included; " +
			"up to one second's worth may go at once. Unlimited by default: the provider also slows down by itself " +
			"when the API answers `429`, or `503` with `Retry-After`, pausing every request to the API for the time it asks and then " +
			"resuming at a lower rate that climbs back. Set it to the API's quota when one is known. `" + env + "`.",
		Validators: []validator.Float64{positiveRate{}},
	}
}

// positiveRate rejects 0, negative and non-finite rates at plan time; the
// way to have no limit is to leave the attribute out.
type positiveRate struct{}

func (positiveRate) Description(context.Context) string {
	return "must be a number of requests per second greater than 0"
}

func (v positiveRate) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (positiveRate) ValidateFloat64(_ context.Context, req validator.Float64Request, resp *validator.Float64Response) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if msg := rateProblem(req.ConfigValue.ValueFloat64()); msg != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+req.Path.String(),
			fmt.Sprintf("%s %s. Set a number of requests per second greater than 0, such as 5, or remove %s for no limit.", req.Path, msg, req.Path))
	}
}

func rateProblem(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) || v <= 0 {
		return fmt.Sprintf("must be greater than 0, got %v", v)
	}
	return ""
}

// resolveMaxRate reads max_requests_per_second of a block, falling back to
// env; 0 means unlimited.
func resolveMaxRate(v types.Float64, p path.Path, env string, diags *diag.Diagnostics) float64 {
	switch {
	case v.IsUnknown():
		diags.AddAttributeError(p, "Provider setting not known yet",
			fmt.Sprintf("%s depends on a value that is only known after apply, so the provider cannot be configured during plan. "+
				"Use a value known at plan time, or set %s.", p, env))
		return 0
	case !v.IsNull():
		return v.ValueFloat64() // the validator has checked it
	}
	raw := os.Getenv(env)
	if raw == "" {
		return 0
	}
	r, err := strconv.ParseFloat(raw, 64)
	var msg string
	if err != nil {
		msg = fmt.Sprintf("is not a number: %q", raw)
	} else {
		msg = rateProblem(r)
	}
	if msg != "" {
		diags.AddAttributeError(p, "Invalid "+env,
			fmt.Sprintf("%s %s. Set a number of requests per second greater than 0, such as 5, or unset it for no limit.", env, msg))
		return 0
	}
	return r
}
