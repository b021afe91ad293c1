package api_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waiter"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waldur/api"
)

// orderStates serves GET /api/marketplace-orders/{uuid}/ answering the
// given states one after the other (the last one from then on).
func orderStates(t *testing.T, states ...string) *api.Client {
	t.Helper()
	var mu sync.Mutex
	next := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		state := states[min(next, len(states)-1)]
		next++
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{
			"uuid": "0123456789abcdef0123456789abcdef", "state": state, "type": "Create",
			"error_message": map[bool]string{true: "backend failed", false: ""}[state == "erred"],
		})
	}))
	t.Cleanup(srv.Close)
	c, err := api.NewClient(api.Config{
		Endpoint: srv.URL, Token: "t",
		Transport: apiclient.Transport{
			MaxRetries: 1,
			Poll:       waiter.Options{MinInterval: time.Millisecond, MaxInterval: 2 * time.Millisecond},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestWaitForOrder_unknownStateIsWaitedOn: the WAYSCloud page shows an
// order in "Creating", a state Waldur's OpenAPI does not list. The wait
// goes on through it to the final state instead of failing.
func TestWaitForOrder_unknownStateIsWaitedOn(t *testing.T) {
	t.Parallel()
	c := orderStates(t, "Creating", "Creating", "executing", "done")
	o, err := c.WaitForOrder(context.Background(), "0123456789abcdef0123456789abcdef", api.OrderWait{Timeout: 10 * time.Second})
	if err != nil {
		t.Fatalf("the wait failed on an unknown state: %v", err)
	}
	if o.State != "done" {
		t.Errorf("state %q", o.State)
	}
}

// TestWaitForOrder_unknownStateThenErred: an unknown state does not hide
// a failure that follows it.
func TestWaitForOrder_unknownStateThenErred(t *testing.T) {
	t.Parallel()
	c := orderStates(t, "Creating", "erred")
	_, err := c.WaitForOrder(context.Background(), "0123456789abcdef0123456789abcdef", api.OrderWait{Timeout: 10 * time.Second})
	var unexpected *waiter.UnexpectedStateError
	if !errors.As(err, &unexpected) || unexpected.State != "erred" || unexpected.Message != "backend failed" {
		t.Fatalf("err = %v, want the erred order with its message", err)
	}
}

// TestWaitForOrder_unknownStateTimesOut: an order that stays in an
// unknown state ends at the timeout, naming the state.
func TestWaitForOrder_unknownStateTimesOut(t *testing.T) {
	t.Parallel()
	c := orderStates(t, "Creating")
	_, err := c.WaitForOrder(context.Background(), "0123456789abcdef0123456789abcdef", api.OrderWait{Timeout: 50 * time.Millisecond})
	var timeout *waiter.TimeoutError
	if !errors.As(err, &timeout) {
		t.Fatalf("err = %v, want a timeout", err)
	}
}
