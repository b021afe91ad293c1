package adopt

import (
	"context"
	"testing"
)

func TestWarnReachesTheRegisteredWarnings(t *testing.T) {
	type warning struct{ summary, detail string }
	var got []warning
	ctx := WithWarnings(context.Background(), func(s, d string) { got = append(got, warning{s, d}) })
	Warn(ctx, "Adopted", "the order of a lost answer")
	if len(got) != 1 || got[0] != (warning{"Adopted", "the order of a lost answer"}) {
		t.Fatalf("warnings %+v, want the one given to Warn", got)
	}
	// Without WithWarnings the warning is only logged.
	Warn(context.Background(), "Adopted", "logged only")
	if len(got) != 1 {
		t.Fatalf("a context without WithWarnings reached the registered warnings: %+v", got)
	}
}
