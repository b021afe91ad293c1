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
	created := e.createK8s("prod")
	res := str(created["marketplace_resource_uuid"])
	path := "/api/marketplace-resources/" + res + "/"

	// While the Create order runs, the resource cannot be changed.
	e.do("POST", path+"terminate/", map[string]any{}).want(t, 409)
	r := e.getResource(res)
	if r["state"] != ResourceCreating || r["order_in_progress"] == nil || r["can_terminate"] != false {
		t.Fatalf("creating: state %v order_in_progress %v can_terminate %v", r["state"], r["order_in_progress"] != nil, r["can_terminate"])
	}
	e.clock.Advance(10 * time.Second)

	// switch_plan: an Update order; the plan changes when it is done.
	resp := e.do("POST", path+"switch_plan/", map[string]any{"plan": e.planURL(d.OfferingUUID, d.SecondPlanUUID)}).want(t, 200)
	update := str(resp.object(t)["order_uuid"])
	if len(update) != 32 || len(resp.object(t)) != 1 {
		t.Fatalf("switch_plan answer: %s", resp.body)
	}
	o := e.getOrder(update)
	if o["type"] != OrderTypeUpdate || o["old_plan_uuid"] != d.PlanUUID || o["new_plan_uuid"] != d.SecondPlanUUID {
		t.Errorf("switch_plan order: type %v old %v new %v", o["type"], o["old_plan_uuid"], o["new_plan_uuid"])
	}
	if r := e.getResource(res); r["state"] != ResourceUpdating || r["plan_uuid"] != d.PlanUUID {
		t.Errorf("while updating: %v %v", r["state"], r["plan_uuid"])
	}
	// Only one open order per resource.
	conflict := e.do("POST", path+"update_limits/", map[string]any{"limits": map[string]int{"cpu": 8}}).want(t, 409)
	if !strings.Contains(str(conflict.object(t)["detail"]), update) {
		t.Errorf("409 does not name the open order: %s", conflict.body)
	}
	e.clock.Advance(10 * time.Second)
	if r := e.getResource(res); r["state"] != ResourceOK || r["plan_uuid"] != d.SecondPlanUUID || r["plan_name"] != "large" {
		t.Errorf("after switch_plan: %v %v %v", r["state"], r["plan_uuid"], r["plan_name"])
	}

	// update_limits.
	resp = e.do("POST", path+"update_limits/", map[string]any{"limits": map[string]int{"cpu": 8, "ram": 32}, "request_comment": "more"}).want(t, 200)
	lim := e.getOrder(str(resp.object(t)["order_uuid"]))
	if lim["request_comment"] != "more" || fmt.Sprint(lim["limits"]) != "map[cpu:8 ram:32]" {
		t.Errorf("update_limits order: %v %v", lim["request_comment"], lim["limits"])
	}
	e.clock.Advance(10 * time.Second)
	if r := e.getResource(res); fmt.Sprint(r["limits"]) != "map[cpu:8 ram:32]" || r["state"] != ResourceOK {
		t.Errorf("after update_limits: %v %v", r["state"], r["limits"])
	}

	// terminate.
	resp = e.do("POST", path+"terminate/", map[string]any{"attributes": map[string]any{"reason": "done"}}).want(t, 200)
	term := str(resp.object(t)["order_uuid"])
	if r := e.getResource(res); r["state"] != ResourceTerminating {
		t.Errorf("while terminating: %v", r["state"])
	}
	e.clock.Advance(10 * time.Second)
	if o := e.getOrder(term); o["state"] != OrderDone || o["type"] != OrderTypeTerminate {
		t.Errorf("terminate order: %v %v", o["state"], o["type"])
	}
	if r := e.getResource(res); r["state"] != ResourceTerminated {
		t.Errorf("after terminate: %v", r["state"])
	}
	e.do("POST", path+"terminate/", map[string]any{}).want(t, 409)
}

func TestResourceActionValidation(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t)
	d := e.demo
	res := str(e.createK8s("v")["marketplace_resource_uuid"])
	path := "/api/marketplace-resources/" + res + "/"
	e.getResource(res) // done now

	e.do("POST", path+"switch_plan/", map[string]any{}).want(t, 400).wantJSON(t, `{"plan":["This field is required."]}`)
	e.do("POST", path+"switch_plan/", map[string]any{"plan": d.SecondPlanUUID}).want(t, 400).
		wantJSON(t, `{"plan":["Invalid hyperlink - No URL match."]}`)
	e.do("POST", path+"switch_plan/", map[string]any{"plan": e.planURL(d.ConsumerApprovalOfferingUUID, d.ConsumerApprovalPlanUUID)}).
		want(t, 400).wantJSON(t, `{"plan":["This plan is not available for selected offering."]}`)
	e.do("POST", path+"update_limits/", map[string]any{}).want(t, 400).wantJSON(t, `{"limits":["This field is required."]}`)
	e.do("POST", path+"update_limits/", map[string]any{"limits": map[string]any{"cpu": "many"}}).want(t, 400).
		wantJSON(t, `{"limits":{"cpu":["A valid integer is required."]}}`)
	e.do("POST", path+"update_limits/", map[string]any{"limits": map[string]int{"cpu": 65}}).want(t, 400)
	e.do("POST", path+"terminate/", map[string]any{"attributes": "now"}).want(t, 400)
	e.do("POST", "/api/marketplace-resources/00000000000000000000000000000000/terminate/", map[string]any{}).want(t, 404)

	// An erred resource can be terminated, not updated.
	bad := e.addOffering(ApprovalAuto, OutcomeErred{Message: "no capacity"})
	erred := str(e.createOrder(bad.UUID, bad.Plans[0].UUID, "e")["marketplace_resource_uuid"])
	e.getResource(erred)
	conflict := e.do("POST", "/api/marketplace-resources/"+erred+"/switch_plan/", map[string]any{"plan": e.planURL(bad.UUID, bad.Plans[0].UUID)}).want(t, 409)
	conflict.wantJSON(t, `{"detail":"Valid states for operation: OK. Current state: Erred."}`)
	e.do("POST", "/api/marketplace-resources/"+erred+"/terminate/", nil).want(t, 200)
}

func TestCanceledUpdateRestoresResource(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t)
	off := e.addOffering(ApprovalProvider, nil)
	created := e.createOrder(off.UUID, off.Plans[0].UUID, "x")
	e.do("POST", "/api/marketplace-orders/"+str(created["uuid"])+"/approve_by_provider/", nil).want(t, 200)
	res := str(created["marketplace_resource_uuid"])
	if st := e.getResource(res)["state"]; st != ResourceOK {
		t.Fatalf("resource %v", st)
	}
	resp := e.do("POST", "/api/marketplace-resources/"+res+"/terminate/", map[string]any{}).want(t, 200)
	term := str(resp.object(t)["order_uuid"])
	if o := e.getOrder(term); o["state"] != OrderPendingProvider {
		t.Fatalf("terminate order of a provider-approved offering: %v", o["state"])
	}
	e.do("POST", "/api/marketplace-orders/"+term+"/reject_by_provider/", nil).want(t, 200)
	if st := e.getResource(res)["state"]; st != ResourceOK {
		t.Errorf("after a rejected Terminate: %v", st)
	}
}
