// Package tfdiag turns errors from API clients and waiters into Terraform
// diagnostics that read well in a terminal.
package tfdiag

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// AddError adds err to diags under summary. The detail is the error's own
// text, which for API errors carries the API's message, plus a hint when
// the operation ran out of time.
func AddError(diags *diag.Diagnostics, summary string, err error) {
	detail := err.Error()
	if errors.Is(err, context.DeadlineExceeded) {
		detail += "\n\nThe operation ran out of time. If the API is just slow, raise the matching value in the resource's timeouts block."
	}
	diags.AddError(summary, detail)
}

// AddTaintedError reports a failure after the object was created: it is
// kept in state (Terraform marks it tainted), so nothing is orphaned.
func AddTaintedError(diags *diag.Diagnostics, summary, object string, err error) {
	AddError(diags, summary, fmt.Errorf("%w\n\n%s exists and is kept in the Terraform state as tainted: the next apply replaces it, and destroy removes it", err, object))
}

// UnexpectedProviderData reports a provider wiring bug.
func UnexpectedProviderData(diags *diag.Diagnostics, got any) {
	diags.AddError("Unexpected provider data",
		fmt.Sprintf("Expected the cloudorder provider's client data, got %T. This is a bug in the provider; please report it.", got))
}
