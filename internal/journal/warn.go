package journal

import (
	"context"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/adopt"
)

// WithWarnings is adopt.WithWarnings, where adoption warnings live; it
// stays here for the callers that still name the journal.
func WithWarnings(ctx context.Context, add func(summary, detail string)) context.Context {
	return adopt.WithWarnings(ctx, add)
}

// Warn is adopt.Warn, where adoption warnings live; it stays here for the
// callers that still name the journal.
func Warn(ctx context.Context, summary, detail string) { adopt.Warn(ctx, summary, detail) }
