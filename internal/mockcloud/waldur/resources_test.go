package waldur

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestResourceActions(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t, WithWaldurDelays(WaldurDelays{Executing: 10 * time.Second}))
	d := e.demo
	created := e.CreateK8s("prod")
	res := str(created["marketplace_resource_uuid"])
	path := "/api/marketplace-resources/" + res + "/"

	// While the Create order runs, the resource cannot be changed.
	e.Do("POST", path+"terminate/", map[string]any{}).Want(t, 409)
	r := e.GetResource(res)
	if r["state"] != ResourceCreating || r["order_in_progress"] == nil || r["can_terminate"] != false {
		t.Fatalf("creating: state %v order_in_progress %v can_terminate %v", r["state"], r["order_in_progress"] != nil, r["can_terminate"])
	}
	e.Clock.Advance(10 * time.Second)

	// switch_plan: an Update order; the plan changes when it is done.
	resp := e.Do("POST", path+"switch_plan/", map[string]any{"plan": e.PlanURL(d.OfferingUUID, d.SecondPlanUUID)}).Want(t, 200)
	update := str(resp.Object(t)["order_uuid"])
	if len(update) != 32 || len(resp.Object(t)) != 1 {
		t.Fatalf("switch_plan answer: %s", resp.Body)
	}
	o := e.GetOrder(update)
	if o["type"] != OrderTypeUpdate || o["old_plan_uuid"] != d.PlanUUID || o["new_plan_uuid"] != d.SecondPlanUUID {
		t.Errorf("switch_plan order: type %v old %v new %v", o["type"], o["old_plan_uuid"], o["new_plan_uuid"])
	}
	if r := e.GetResource(res); r["state"] != ResourceUpdating || r["plan_uuid"] != d.PlanUUID {
		t.Errorf("while updating: %v %v", r["state"], r["plan_uuid"])
	}
	// Only one open order per resource.
	conflict := e.Do("POST", path+"update_limits/", map[string]any{"limits": map[string]int{"cpu": 8}}).Want(t, 409)
	if !strings.Contains(str(conflict.Object(t)["detail"]), update) {
		t.Errorf("409 does not name the open order: %s", conflict.Body)
	}
	e.Clock.Advance(10 * time.Second)
	if r := e.GetResource(res); r["state"] != ResourceOK || r["plan_uuid"] != d.SecondPlanUUID || r["plan_name"] != "large" {
		t.Errorf("after switch_plan: %v %v %v", r["state"], r["plan_uuid"], r["plan_name"])
	}

	// update_limits.
	resp = e.Do("POST", path+"update_limits/", map[string]any{"limits": map[string]int{"cpu": 8, "ram": 32}, "request_comment": "more"}).Want(t, 200)
	lim := e.GetOrder(str(resp.Object(t)["order_uuid"]))
	if lim["request_comment"] != "more" || fmt.Sprint(lim["limits"]) != "map[cpu:8 ram:32]" {
		t.Errorf("update_limits order: %v %v", lim["request_comment"], lim["limits"])
	}
	e.Clock.Advance(10 * time.Second)
	if r := e.GetResource(res); fmt.Sprint(r["limits"]) != "map[cpu:8 ram:32]" || r["state"] != ResourceOK {
		t.Errorf("after update_limits: %v %v", r["state"], r["limits"])
	}

	// terminate.
	resp = e.Do("POST", path+"terminate/", map[string]any{"attributes": map[string]any{"reason": "done"}}).Want(t, 200)
	term := str(resp.Object(t)["order_uuid"])
	if r := e.GetResource(res); r["state"] != ResourceTerminating {
		t.Errorf("while terminating: %v", r["state"])
	}
	e.Clock.Advance(10 * time.Second)
	if o := e.GetOrder(term); o["state"] != OrderDone || o["type"] != OrderTypeTerminate {
		t.Errorf("terminate order: %v %v", o["state"], o["type"])
	}
	if r := e.GetResource(res); r["state"] != ResourceTerminated {
		t.Errorf("after terminate: %v", r["state"])
	}
	e.Do("POST", path+"terminate/", map[string]any{}).Want(t, 409)
}

func TestResourceActionValidation(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t)
	d := e.demo
	res := str(e.CreateK8s("v")["marketplace_resource_uuid"])
	path := "/api/marketplace-resources/" + res + "/"
	e.GetResource(res) // done now

	e.Do("POST", path+"switch_plan/", map[string]any{}).Want(t, 400).WantJSON(t, `{"plan":["This field is required."]}`)
	e.Do("POST", path+"switch_plan/", map[string]any{"plan": d.SecondPlanUUID}).Want(t, 400).
		WantJSON(t, `{"plan":["Invalid hyperlink - No URL match."]}`)
	e.Do("POST", path+"switch_plan/", map[string]any{"plan": e.PlanURL(d.ConsumerApprovalOfferingUUID, d.ConsumerApprovalPlanUUID)}).
		Want(t, 400).WantJSON(t, `{"plan":["This plan is not available for selected offering."]}`)
	e.Do("POST", path+"update_limits/", map[string]any{}).Want(t, 400).WantJSON(t, `{"limits":["This field is required."]}`)
	e.Do("POST", path+"update_limits/", map[string]any{"limits": map[string]any{"cpu": "many"}}).Want(t, 400).
		WantJSON(t, `{"limits":{"cpu":["A valid integer is required."]}}`)
	e.Do("POST", path+"update_limits/", map[string]any{"limits": map[string]int{"cpu": 65}}).Want(t, 400)
	e.Do("POST", path+"terminate/", map[string]any{"attributes": "now"}).Want(t, 400)
	e.Do("POST", "/api/marketplace-resources/00000000000000000000000000000000/terminate/", map[string]any{}).Want(t, 404)

	// An erred resource can be terminated, not updated.
	bad := e.addOffering(ApprovalAuto, OutcomeErred{Message: "no capacity"})
	erred := str(e.CreateOrder(bad.UUID, bad.Plans[0].UUID, "e")["marketplace_resource_uuid"])
	e.GetResource(erred)
	conflict := e.Do("POST", "/api/marketplace-resources/"+erred+"/switch_plan/", map[string]any{"plan": e.PlanURL(bad.UUID, bad.Plans[0].UUID)}).Want(t, 409)
	conflict.WantJSON(t, `{"detail":"Valid states for operation: OK. Current state: Erred."}`)
	e.Do("POST", "/api/marketplace-resources/"+erred+"/terminate/", nil).Want(t, 200)
}

func TestCanceledUpdateRestoresResource(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t)
	off := e.addOffering(ApprovalProvider, nil)
	created := e.CreateOrder(off.UUID, off.Plans[0].UUID, "x")
	e.Do("POST", "/api/marketplace-orders/"+str(created["uuid"])+"/approve_by_provider/", nil).Want(t, 200)
	res := str(created["marketplace_resource_uuid"])
	if st := e.GetResource(res)["state"]; st != ResourceOK {
		t.Fatalf("resource %v", st)
	}
	resp := e.Do("POST", "/api/marketplace-resources/"+res+"/terminate/", map[string]any{}).Want(t, 200)
	term := str(resp.Object(t)["order_uuid"])
	if o := e.GetOrder(term); o["state"] != OrderPendingProvider {
		t.Fatalf("terminate order of a provider-approved offering: %v", o["state"])
	}
	e.Do("POST", "/api/marketplace-orders/"+term+"/reject_by_provider/", nil).Want(t, 200)
	if st := e.GetResource(res)["state"]; st != ResourceOK {
		t.Errorf("after a rejected Terminate: %v", st)
	}
}
