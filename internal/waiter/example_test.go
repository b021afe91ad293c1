package waiter_test

import (
	"context"
	"fmt"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/waiter"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waiter/waitertest"
)

type order struct {
	UUID, State, ErrorMessage string
}

// A Waldur order waits for the service provider, then for execution.
func ExampleWait() {
	answers := []order{
		{UUID: "o1", State: "pending-provider"},
		{UUID: "o1", State: "executing"},
		{UUID: "o1", State: "done"},
	}
	calls := 0
	got, err := waiter.Wait(context.Background(), waiter.Config[order]{
		Refresh: func(ctx context.Context) (order, string, error) {
			o := answers[min(calls, len(answers)-1)]
			calls++
			return o, o.State, nil
		},
		Pending:        []string{"pending-consumer", "pending-provider", "executing"},
		Target:         []string{"done"},
		Timeout:        20 * time.Minute,
		FailureMessage: func(o order, _ string) string { return o.ErrorMessage },
		PendingHint: func(o order, state string) string {
			if state == "pending-provider" {
				return "waiting for the service provider to approve the order"
			}
			return ""
		},
		NotFoundChecks: 3,
		// Tests swap the clock; production code leaves Options empty.
		Options: waiter.Options{Clock: waitertest.NewFakeClock()},
	})
	fmt.Println(got.UUID, got.State, err)
	// Output: o1 done <nil>
}
