package journal

import (
	"context"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

type warnKey struct{}

// WithWarnings returns a context in which Warn also hands its warnings to
// add: the resource layer turns them into diagnostics, so that the user
// sees that an object was adopted from the journal.
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
