package waldur

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/mocktest"
)

// TestOrderActionsFromEveryState drives every order action from every order
// state: allowed transitions land in the documented state, all others
// answer 409 naming the current state and change nothing.
func TestOrderActionsFromEveryState(t *testing.T) {
	t.Parallel()
	pending := []string{OrderPendingConsumer, OrderPendingProvider, OrderPendingProject, OrderPendingStartDate}
	actions := []struct {
		name   string
		method string
		suffix string
		body   any
		from   []string
		status int
		to     string // "" means the order is gone
	}{
		{"approve_by_consumer", "POST", "approve_by_consumer/", nil, []string{OrderPendingConsumer}, 200, OrderExecuting},
		{"approve_by_provider", "POST", "approve_by_provider/", nil, []string{OrderPendingProvider}, 200, OrderExecuting},
		{"reject_by_consumer", "POST", "reject_by_consumer/", nil, []string{OrderPendingConsumer}, 200, OrderRejected},
		{"reject_by_provider", "POST", "reject_by_provider/", nil, []string{OrderPendingProvider}, 200, OrderRejected},
		{"cancel", "POST", "cancel/", nil, append(slices.Clone(pending), OrderExecuting), 202, OrderCanceled},
		{"set_state_executing", "POST", "set_state_executing/", nil, append(slices.Clone(pending), OrderErred), 200, OrderExecuting},
		{"set_state_done", "POST", "set_state_done/", nil, []string{OrderExecuting}, 200, OrderDone},
		{"set_state_erred", "POST", "set_state_erred/", map[string]string{"error_message": "boom", "error_traceback": "tb"}, append(slices.Clone(pending), OrderExecuting), 200, OrderErred},
		{"delete", "DELETE", "", nil, []string{OrderPendingConsumer, OrderPendingProvider}, 204, ""},
		{"delete_attachment", "POST", "delete_attachment/", nil, pending, 204, "(unchanged)"},
	}
	for _, a := range actions {
		t.Run(a.name, func(t *testing.T) {
			t.Parallel()
			e := newTestEnv(t)
			// Stuck and consumer-approved: forced states stay put, and
			// approve_by_consumer goes straight to executing.
			off := e.addOffering(ApprovalConsumer, OutcomeStuck)
			for _, from := range allOrderStates {
				body := e.OrderBody(off.UUID, off.Plans[0].UUID, "vm-"+from)
				body["start_date"] = "2099-01-01" // keeps pending-start-date pending
				id := str(e.Do("POST", "/api/marketplace-orders/", body).Want(t, 201).Object(t)["uuid"])
				if err := e.store.SetOrderState(id, from, ""); err != nil {
					t.Fatal(err)
				}
				resp := e.Do(a.method, "/api/marketplace-orders/"+id+"/"+a.suffix, a.body)
				got, exists := e.store.Order(id)
				if !slices.Contains(a.from, from) {
					resp.Want(t, 409)
					if d := str(resp.Object(t)["detail"]); !strings.Contains(d, from) {
						t.Errorf("%s from %s: detail %q does not name the state", a.name, from, d)
					}
					if got.State != from {
						t.Errorf("%s from %s: refused, but state became %s", a.name, from, got.State)
					}
					continue
				}
				if resp.Status != a.status {
					t.Errorf("%s from %s: status %d, want %d: %s", a.name, from, resp.Status, a.status, resp.Body)
					continue
				}
				switch a.to {
				case "":
					if exists {
						t.Errorf("%s from %s: order still exists", a.name, from)
					}
				case "(unchanged)":
					if got.State != from {
						t.Errorf("%s from %s: state became %s", a.name, from, got.State)
					}
				default:
					if got.State != a.to {
						t.Errorf("%s from %s: state %s, want %s", a.name, from, got.State, a.to)
					}
				}
			}
		})
	}
}

func TestApprovalModes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		mode    ApprovalMode
		first   string
		actions []string // each answers 200 and moves the order on
		after   []string // state after each action
	}{
		{ApprovalAuto, OrderExecuting, nil, nil},
		{ApprovalConsumer, OrderPendingConsumer, []string{"approve_by_consumer"}, []string{OrderExecuting}},
		{ApprovalProvider, OrderPendingProvider, []string{"approve_by_provider"}, []string{OrderExecuting}},
		{ApprovalConsumerAndProvider, OrderPendingConsumer,
			[]string{"approve_by_consumer", "approve_by_provider"}, []string{OrderPendingProvider, OrderExecuting}},
	}
	for _, tc := range tests {
		t.Run(string(tc.mode), func(t *testing.T) {
			t.Parallel()
			e := newTestEnv(t, WithWaldurDelays(WaldurDelays{Executing: time.Minute}))
			off := e.addOffering(tc.mode, nil)
			created := e.CreateOrder(off.UUID, off.Plans[0].UUID, "x")
			id := str(created["uuid"])
			if created["state"] != tc.first {
				t.Fatalf("created in %v, want %s", created["state"], tc.first)
			}
			wantConsumerReview := !tc.mode.needsConsumer()
			if (created["consumer_reviewed_by"] != nil) != wantConsumerReview {
				t.Errorf("consumer_reviewed_by = %v; want set: %v", created["consumer_reviewed_by"], wantConsumerReview)
			}
			for i, action := range tc.actions {
				resp := e.Do("POST", "/api/marketplace-orders/"+id+"/"+action+"/", nil).Want(t, 200)
				resp.WantJSON(t, `"Order has been approved and is being processed."`)
				if got := e.GetOrder(id)["state"]; got != tc.after[i] {
					t.Fatalf("after %s: %v, want %s", action, got, tc.after[i])
				}
			}
			e.Clock.Advance(time.Minute)
			got := e.GetOrder(id)
			if got["state"] != OrderDone {
				t.Fatalf("after the executing delay: %v, want done", got["state"])
			}
			if tc.mode.needsProvider() && got["provider_reviewed_by"] != "demo" {
				t.Errorf("provider_reviewed_by = %v, want demo", got["provider_reviewed_by"])
			}
			if tc.mode.needsConsumer() && got["consumer_reviewed_by"] != "demo" {
				t.Errorf("consumer_reviewed_by = %v, want demo", got["consumer_reviewed_by"])
			}
		})
	}
}

func TestAutomaticProgressFollowsClock(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t, WithWaldurDelays(WaldurDelays{Executing: 2 * time.Second}))
	created := e.CreateK8s("c1")
	id, resID := str(created["uuid"]), str(created["marketplace_resource_uuid"])
	if created["state"] != OrderExecuting || created["resource_uuid"] != nil || resID == "" {
		t.Fatalf("201: state %v resource_uuid %v marketplace_resource_uuid %v", created["state"], created["resource_uuid"], resID)
	}
	if got := e.GetResource(resID)["state"]; got != ResourceCreating {
		t.Fatalf("resource while executing: %v", got)
	}
	e.Clock.Advance(1999 * time.Millisecond)
	if got := e.GetOrder(id)["state"]; got != OrderExecuting {
		t.Fatalf("before the delay: %v", got)
	}
	e.Clock.Advance(time.Millisecond)
	got := e.GetOrder(id)
	if got["state"] != OrderDone || got["resource_uuid"] == nil {
		t.Fatalf("after the delay: state %v resource_uuid %v", got["state"], got["resource_uuid"])
	}
	// Completion is stamped when it was due, not when someone looked.
	if want := waldurTime(mocktest.Start.Add(2 * time.Second)); got["completed_at"] != want {
		t.Errorf("completed_at %v, want %s", got["completed_at"], want)
	}
	res := e.GetResource(resID)
	if res["state"] != ResourceOK || res["resource_uuid"] != got["resource_uuid"] || res["name"] != "c1" {
		t.Errorf("resource: state %v resource_uuid %v name %v", res["state"], res["resource_uuid"], res["name"])
	}
}

func TestOutcomes(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t)
	erred := e.addOffering(ApprovalAuto, OutcomeErred{Message: "quota exceeded", Traceback: "Traceback..."})
	order := e.CreateOrder(erred.UUID, erred.Plans[0].UUID, "e1")
	got := e.GetOrder(str(order["uuid"]))
	if got["state"] != OrderErred || got["error_message"] != "quota exceeded" || got["error_traceback"] != "Traceback..." {
		t.Fatalf("erred outcome: state %v message %v traceback %v", got["state"], got["error_message"], got["error_traceback"])
	}
	res := e.GetResource(str(order["marketplace_resource_uuid"]))
	if res["state"] != ResourceErred || res["error_message"] != "quota exceeded" {
		t.Errorf("resource of erred order: %v %v", res["state"], res["error_message"])
	}

	stuck := e.addOffering(ApprovalAuto, OutcomeStuck)
	order = e.CreateOrder(stuck.UUID, stuck.Plans[0].UUID, "s1")
	e.Clock.Advance(1000 * time.Hour)
	if got := e.GetOrder(str(order["uuid"]))["state"]; got != OrderExecuting {
		t.Fatalf("stuck outcome: %v", got)
	}
	// Changing the outcome releases orders already executing.
	if err := e.store.SetOfferingOutcome(stuck.UUID, OutcomeDone); err != nil {
		t.Fatal(err)
	}
	if got := e.GetOrder(str(order["uuid"]))["state"]; got != OrderDone {
		t.Fatalf("after SetOfferingOutcome(done): %v", got)
	}
}

func TestStartDate(t *testing.T) {
	t.Parallel()
	for _, mode := range []ApprovalMode{ApprovalAuto, ApprovalConsumer} {
		t.Run(string(mode), func(t *testing.T) {
			t.Parallel()
			e := newTestEnv(t, WithWaldurDelays(WaldurDelays{Executing: time.Second}))
			off := e.addOffering(mode, nil)
			body := e.OrderBody(off.UUID, off.Plans[0].UUID, "later")
			body["start_date"] = "2026-03-12" // two days after mocktest.Start
			created := e.Do("POST", "/api/marketplace-orders/", body).Want(t, 201).Object(t)
			id := str(created["uuid"])
			if created["state"] != OrderPendingStartDate || created["start_date"] != "2026-03-12" {
				t.Fatalf("created: state %v start_date %v", created["state"], created["start_date"])
			}
			e.Clock.Set(time.Date(2026, 3, 11, 23, 59, 59, 0, time.UTC))
			if got := e.GetOrder(id)["state"]; got != OrderPendingStartDate {
				t.Fatalf("before the date: %v", got)
			}
			e.Clock.Set(time.Date(2026, 3, 12, 0, 0, 0, 0, time.UTC))
			want := OrderExecuting
			if mode == ApprovalConsumer {
				want = OrderPendingConsumer
			}
			if got := e.GetOrder(id)["state"]; got != want {
				t.Fatalf("on the date: %v, want %s", got, want)
			}
			if mode == ApprovalAuto {
				e.Clock.Advance(time.Second)
				if got := e.GetOrder(id)["state"]; got != OrderDone {
					t.Fatalf("after executing: %v", got)
				}
			}
		})
	}

	t.Run("past", func(t *testing.T) {
		t.Parallel()
		e := newTestEnv(t)
		body := e.OrderBody(e.demo.OfferingUUID, e.demo.PlanUUID, "now")
		body["start_date"] = "2026-03-10"
		if got := e.Do("POST", "/api/marketplace-orders/", body).Want(t, 201).Object(t)["state"]; got != OrderExecuting {
			t.Fatalf("start_date today: %v", got)
		}
	})
}

func TestRejectAndCancelSettleResource(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t)
	off := e.addOffering(ApprovalConsumer, nil)
	order := e.CreateOrder(off.UUID, off.Plans[0].UUID, "r1")
	id := str(order["uuid"])
	e.Do("POST", "/api/marketplace-orders/"+id+"/reject_by_consumer/", map[string]string{"error_message": "not today"}).Want(t, 200)
	got := e.GetOrder(id)
	if got["state"] != OrderRejected || got["error_message"] != "not today" {
		t.Fatalf("rejected: %v %v", got["state"], got["error_message"])
	}
	if st := e.GetResource(str(order["marketplace_resource_uuid"]))["state"]; st != ResourceTerminated {
		t.Errorf("resource of a rejected Create order: %v", st)
	}
}
