// Package adopt carries the warnings of adoptions from the API clients to
// the resource that asked: when a create adopts an object it cannot be
// sure of (the order of a lost answer, an object an interrupted run made),
// the client says so with Warn, and the resource that registered
// WithWarnings turns it into a warning diagnostic the user sees.
//
// It imports nothing of this module, so every client and the journal can
// use it.
package adopt

import (
	"context"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

type warnKey struct{}

// WithWarnings returns a context in which Warn also hands its warnings to
// add: the resource layer passes its diagnostics' AddWarning, so that the
// user sees what was adopted.
func WithWarnings(ctx context.Context, add func(summary, detail string)) context.Context {
	return context.WithValue(ctx, warnKey{}, add)
}

// Warn logs a warning for the user, and reports it to the context's
// WithWarnings, if any.
func Warn(ctx context.Context, summary, detail string) {
	tflog.Warn(ctx, summary, map[string]any{"detail": detail})
	if add, ok := ctx.Value(warnKey{}).(func(string, string)); ok && add != nil {
		add(summary, detail)
	}
}
