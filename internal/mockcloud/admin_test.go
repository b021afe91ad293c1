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
		return e.DoWith(method, path, body, nil) // no token: /_mock/ needs none
	}
	admin("GET", "/_mock/health", nil).Want(t, 200).WantJSON(t, `{"status":"ok"}`)

	// Faults over HTTP.
	admin("POST", "/_mock/faults", map[string]any{"method": "GET", "path_prefix": "/api/projects/", "status": 503, "retry_after": "1s"}).Want(t, 201)
	admin("POST", "/_mock/faults", map[string]any{"status": 200}).Want(t, 400)
	admin("POST", "/_mock/faults", map[string]any{"stauts": 500}).Want(t, 400) // typo: unknown field
	if n := len(admin("GET", "/_mock/faults", nil).Want(t, 200).Array(t)); n != 1 {
		t.Errorf("%d faults queued", n)
	}
	resp := e.Do("GET", "/api/projects/", nil).Want(t, 503)
	if resp.Header.Get("Retry-After") != "1" {
		t.Errorf("Retry-After %q", resp.Header.Get("Retry-After"))
	}
	admin("POST", "/_mock/faults", map[string]any{"status": 502, "count": -1}).Want(t, 201)
	admin("DELETE", "/_mock/faults", nil).Want(t, 204)
	e.Do("GET", "/api/projects/", nil).Want(t, 200)

	// Counters and the log.
	counters := admin("GET", "/_mock/counters", nil).Want(t, 200).Object(t)
	if counters["GET /api/projects/"] != 2.0 {
		t.Errorf("counters %v", counters)
	}
	if n := len(admin("GET", "/_mock/requests", nil).Want(t, 200).Array(t)); n != 2 {
		t.Errorf("request log has %d entries", n)
	}
	admin("POST", "/_mock/reset-counters", nil).Want(t, 204)
	if n := len(admin("GET", "/_mock/counters", nil).Want(t, 200).Object(t)); n != 0 {
		t.Errorf("counters after reset: %d", n)
	}

	// Offerings with approval and outcome.
	off := admin("POST", "/_mock/waldur/offerings", map[string]any{
		"name": "Flaky VMs", "type": "Marketplace.Basic", "approval": "provider",
		"outcome": "erred", "error_message": "hypervisor on fire",
		"plans": []map[string]any{{"name": "tiny", "unit_price": "1.5", "unit": "day"}},
	}).Want(t, 201).Object(t)
	if off["approval"] != "provider" || off["outcome"] != "erred" || off["customer_uuid"] != e.demo.CustomerUUID {
		t.Errorf("offering %v", off)
	}
	plan := off["plans"].([]any)[0].(map[string]any)
	admin("POST", "/_mock/waldur/offerings", map[string]any{"name": "x", "approval": "sometimes"}).Want(t, 400)
	admin("POST", "/_mock/waldur/offerings", map[string]any{"name": "x", "outcome": "maybe"}).Want(t, 400)

	order := e.CreateOrder(str(off["uuid"]), str(plan["uuid"]), "vm")
	id := str(order["uuid"])
	if order["state"] != waldurmock.OrderPendingProvider {
		t.Fatalf("order of a provider-approved offering: %v", order["state"])
	}
	e.Do("POST", "/api/marketplace-orders/"+id+"/approve_by_provider/", nil).Want(t, 200)
	if got := e.GetOrder(id); got["state"] != waldurmock.OrderErred || got["error_message"] != "hypervisor on fire" {
		t.Errorf("erred outcome over HTTP: %v %v", got["state"], got["error_message"])
	}
	admin("PUT", "/_mock/waldur/offerings/"+str(off["uuid"])+"/outcome", map[string]any{"outcome": "stuck"}).Want(t, 204)
	admin("PUT", "/_mock/waldur/offerings/00000000000000000000000000000000/outcome", map[string]any{}).Want(t, 404)

	// Forcing states and deleting records.
	snap := admin("POST", "/_mock/waldur/orders/"+id+"/state", map[string]any{"state": "executing"}).Want(t, 200).Object(t)
	if snap["state"] != waldurmock.OrderExecuting {
		t.Errorf("forced state %v", snap["state"])
	}
	admin("POST", "/_mock/waldur/orders/"+id+"/state", map[string]any{"state": "finished"}).Want(t, 400)
	admin("POST", "/_mock/waldur/orders/00000000000000000000000000000000/state", map[string]any{"state": "done"}).Want(t, 404)
	admin("DELETE", "/_mock/waldur/resources/"+str(order["marketplace_resource_uuid"]), nil).Want(t, 204)
	e.Do("GET", "/api/marketplace-resources/"+str(order["marketplace_resource_uuid"])+"/", nil).Want(t, 404)
	admin("DELETE", "/_mock/waldur/orders/"+id, nil).Want(t, 204)
	admin("DELETE", "/_mock/waldur/orders/"+id, nil).Want(t, 404)
	e.Do("GET", "/api/marketplace-orders/"+id+"/", nil).Want(t, 404)

	admin("GET", "/_mock/nothing", nil).Want(t, 404)
	admin("PUT", "/_mock/health", nil).Want(t, 405)
}
