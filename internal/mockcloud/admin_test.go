package mockcloud_test

import (
	"testing"

	waldurmock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/waldur"
)

func TestAdminRoutes(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t)
	admin := func(method, path string, body any) testResponse {
		t.Helper()
		return e.doWith(method, path, body, nil) // no token: /_mock/ needs none
	}
	admin("GET", "/_mock/health", nil).want(t, 200).wantJSON(t, `{"status":"ok"}`)

	// Faults over HTTP.
	admin("POST", "/_mock/faults", map[string]any{"method": "GET", "path_prefix": "/api/projects/", "status": 503, "retry_after": "1s"}).want(t, 201)
	admin("POST", "/_mock/faults", map[string]any{"status": 200}).want(t, 400)
	admin("POST", "/_mock/faults", map[string]any{"stauts": 500}).want(t, 400) // typo: unknown field
	if n := len(admin("GET", "/_mock/faults", nil).want(t, 200).array(t)); n != 1 {
		t.Errorf("%d faults queued", n)
	}
	resp := e.do("GET", "/api/projects/", nil).want(t, 503)
	if resp.header.Get("Retry-After") != "1" {
		t.Errorf("Retry-After %q", resp.header.Get("Retry-After"))
	}
	admin("POST", "/_mock/faults", map[string]any{"status": 502, "count": -1}).want(t, 201)
	admin("DELETE", "/_mock/faults", nil).want(t, 204)
	e.do("GET", "/api/projects/", nil).want(t, 200)

	// Counters and the log.
	counters := admin("GET", "/_mock/counters", nil).want(t, 200).object(t)
	if counters["GET /api/projects/"] != 2.0 {
		t.Errorf("counters %v", counters)
	}
	if n := len(admin("GET", "/_mock/requests", nil).want(t, 200).array(t)); n != 2 {
		t.Errorf("request log has %d entries", n)
	}
	admin("POST", "/_mock/reset-counters", nil).want(t, 204)
	if n := len(admin("GET", "/_mock/counters", nil).want(t, 200).object(t)); n != 0 {
		t.Errorf("counters after reset: %d", n)
	}

	// Offerings with approval and outcome.
	off := admin("POST", "/_mock/waldur/offerings", map[string]any{
		"name": "Flaky VMs", "type": "Marketplace.Basic", "approval": "provider",
		"outcome": "erred", "error_message": "hypervisor on fire",
		"plans": []map[string]any{{"name": "tiny", "unit_price": "1.5", "unit": "day"}},
	}).want(t, 201).object(t)
	if off["approval"] != "provider" || off["outcome"] != "erred" || off["customer_uuid"] != e.demo.CustomerUUID {
		t.Errorf("offering %v", off)
	}
	plan := off["plans"].([]any)[0].(map[string]any)
	admin("POST", "/_mock/waldur/offerings", map[string]any{"name": "x", "approval": "sometimes"}).want(t, 400)
	admin("POST", "/_mock/waldur/offerings", map[string]any{"name": "x", "outcome": "maybe"}).want(t, 400)

	order := e.createOrder(str(off["uuid"]), str(plan["uuid"]), "vm")
	id := str(order["uuid"])
	if order["state"] != waldurmock.OrderPendingProvider {
		t.Fatalf("order of a provider-approved offering: %v", order["state"])
	}
	e.do("POST", "/api/marketplace-orders/"+id+"/approve_by_provider/", nil).want(t, 200)
	if got := e.getOrder(id); got["state"] != waldurmock.OrderErred || got["error_message"] != "hypervisor on fire" {
		t.Errorf("erred outcome over HTTP: %v %v", got["state"], got["error_message"])
	}
	admin("PUT", "/_mock/waldur/offerings/"+str(off["uuid"])+"/outcome", map[string]any{"outcome": "stuck"}).want(t, 204)
	admin("PUT", "/_mock/waldur/offerings/00000000000000000000000000000000/outcome", map[string]any{}).want(t, 404)

	// Forcing states and deleting records.
	snap := admin("POST", "/_mock/waldur/orders/"+id+"/state", map[string]any{"state": "executing"}).want(t, 200).object(t)
	if snap["state"] != waldurmock.OrderExecuting {
		t.Errorf("forced state %v", snap["state"])
	}
	admin("POST", "/_mock/waldur/orders/"+id+"/state", map[string]any{"state": "finished"}).want(t, 400)
	admin("POST", "/_mock/waldur/orders/00000000000000000000000000000000/state", map[string]any{"state": "done"}).want(t, 404)
	admin("DELETE", "/_mock/waldur/resources/"+str(order["marketplace_resource_uuid"]), nil).want(t, 204)
	e.do("GET", "/api/marketplace-resources/"+str(order["marketplace_resource_uuid"])+"/", nil).want(t, 404)
	admin("DELETE", "/_mock/waldur/orders/"+id, nil).want(t, 204)
	admin("DELETE", "/_mock/waldur/orders/"+id, nil).want(t, 404)
	e.do("GET", "/api/marketplace-orders/"+id+"/", nil).want(t, 404)

	admin("GET", "/_mock/nothing", nil).want(t, 404)
	admin("PUT", "/_mock/health", nil).want(t, 405)
}
