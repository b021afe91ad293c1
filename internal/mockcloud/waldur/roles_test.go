package waldur

import (
	"testing"
	"time"
)

func TestOrderApprovalRoles(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t)
	d := e.demo
	consumer := map[string]string{"Authorization": "Token " + d.ConsumerToken}
	off := e.addOffering(ApprovalConsumerAndProvider, nil)

	// The project manager orders and approves as consumer...
	body := e.OrderBody(off.UUID, off.Plans[0].UUID, "roles")
	o := e.DoWith("POST", "/api/marketplace-orders/", body, consumer).Want(t, 201).Object(t)
	base := "/api/marketplace-orders/" + str(o["uuid"]) + "/"
	e.DoWith("POST", base+"approve_by_consumer/", nil, consumer).Want(t, 200)
	// ...but holds no provider role: 403 before any state check.
	e.DoWith("POST", base+"approve_by_provider/", nil, consumer).Want(t, 403).
		WantJSON(t, `{"detail":"You do not have permission to perform this action."}`)
	e.DoWith("POST", base+"reject_by_provider/", nil, consumer).Want(t, 403)
	e.DoWith("POST", base+"set_state_erred/", map[string]any{}, consumer).Want(t, 403)
	if st := e.GetOrder(str(o["uuid"]))["state"]; st != OrderPendingProvider {
		t.Fatalf("state after a forbidden approval: %v", st)
	}
	// 404 still comes first.
	e.DoWith("POST", "/api/marketplace-orders/00000000000000000000000000000000/approve_by_provider/", nil, consumer).Want(t, 404)

	// An owner of the providing organization may approve as provider.
	e.store.AddTokenWithRoles("owner-token", "owner", UserRoles{CustomerOwner: []string{off.CustomerUUID}})
	e.DoWith("POST", base+"approve_by_provider/", nil, map[string]string{"Authorization": "Token owner-token"}).Want(t, 200)
	if got := e.GetOrder(str(o["uuid"])); got["state"] != OrderDone || got["provider_reviewed_by"] != "owner" {
		t.Errorf("after the owner's approval: %v by %v", got["state"], got["provider_reviewed_by"])
	}

	// A user without roles in the project may not approve as consumer.
	e.store.AddTokenWithRoles("stranger", "stranger", UserRoles{})
	o2 := e.CreateOrder(off.UUID, off.Plans[0].UUID, "roles-2")
	e.DoWith("POST", "/api/marketplace-orders/"+str(o2["uuid"])+"/approve_by_consumer/", nil,
		map[string]string{"Authorization": "Token stranger"}).Want(t, 403)
}

func TestKubernetesResourceEndpoint(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t, WithWaldurDelays(WaldurDelays{Executing: time.Second}))
	res := str(e.CreateK8s("prod")["marketplace_resource_uuid"])
	if eps := e.GetResource(res)["endpoints"].([]any); len(eps) != 0 {
		t.Fatalf("endpoints before the cluster exists: %v", eps)
	}
	e.Clock.Advance(time.Second)
	eps := e.GetResource(res)["endpoints"].([]any)
	if len(eps) != 1 {
		t.Fatalf("endpoints of a created cluster: %v", eps)
	}
	ep := eps[0].(map[string]any)
	if ep["name"] != "Kubernetes API" || len(str(ep["uuid"])) != 32 || str(ep["url"])[:8] != "https://" {
		t.Errorf("endpoint %v", ep)
	}
	// Other offerings publish none.
	off := e.addOffering(ApprovalAuto, nil)
	other := str(e.CreateOrder(off.UUID, off.Plans[0].UUID, "basic")["marketplace_resource_uuid"])
	e.Clock.Advance(time.Second)
	if eps := e.GetResource(other)["endpoints"].([]any); len(eps) != 0 {
		t.Errorf("endpoints of a basic resource: %v", eps)
	}
}
