package api_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
	waldurmock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/waldur"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waldur/api"
)

// TestPlaceResourceOrder_waitsForOrderInProgress: another order of the
// resource waits for the provider; a plan switch waits for it to finish
// instead of provoking a 409, then goes ahead.
func TestPlaceResourceOrder_waitsForOrderInProgress(t *testing.T) {
	t.Parallel()
	e := newClientEnv(t)
	ctx := context.Background()
	off := e.mock.Waldur().AddOffering(waldurmock.OfferingSpec{
		Name: "provider-approved", CustomerUUID: e.seed.CustomerUUID, Approval: waldurmock.ApprovalProvider,
		Plans:      []waldurmock.PlanSpec{{Name: "a"}, {Name: "b"}},
		Components: []waldurmock.ComponentSpec{{Type: "cpu", Name: "CPU"}},
	})
	created := e.order(t, off.UUID, "busy")
	if _, err := e.client.WaitForOrder(ctx, created.UUID, api.OrderWait{ApproveAsProvider: true}); err != nil {
		t.Fatal(err)
	}
	res := *created.MarketplaceResourceUUID
	foreign, err := e.client.UpdateResourceLimits(ctx, res, map[string]int64{"cpu": 2}, "someone else")
	must(t, err)

	type result struct {
		uuid string
		err  error
	}
	done := make(chan result, 1)
	go func() {
		_, id, err := e.client.PlaceResourceOrder(ctx, res, []string{api.ResourceOK}, func(ctx context.Context) (string, error) {
			return e.client.SwitchResourcePlan(ctx, res, e.client.PlanURL(off.UUID, off.Plans[1].UUID))
		})
		done <- result{id, err}
	}()

	// Once the switch is seen polling the foreign order, the provider approves it.
	deadline := time.Now().Add(20 * time.Second)
	for !polled(e.mock.RequestLog(), "/api/marketplace-orders/"+foreign+"/") {
		if time.Now().After(deadline) {
			t.Fatal("the plan switch never waited on the order in progress")
		}
		time.Sleep(time.Millisecond)
	}
	must(t, e.mock.Waldur().SetOrderState(foreign, "executing", ""))

	r := <-done
	must(t, r.err)
	if f, _ := e.mock.Waldur().Order(foreign); f.State != "done" {
		t.Errorf("the foreign order is %s", f.State)
	}
	o, ok := e.mock.Waldur().Order(r.uuid)
	if !ok || o.Type != "Update" || o.PlanUUID != off.Plans[1].UUID {
		t.Errorf("switch_plan order %+v", o)
	}
	for _, l := range e.mock.RequestLog() {
		if strings.HasSuffix(l.Path, "/switch_plan/") && l.Status != 200 {
			t.Errorf("switch_plan answered %d: it was sent while another order was in progress", l.Status)
		}
	}
}

func polled(log []mockcloud.LoggedRequest, path string) bool {
	for _, l := range log {
		if l.Method == "GET" && l.Path == path {
			return true
		}
	}
	return false
}

// TestWaitForOrder_approveAsProviderWithoutRole: Waldur's 403 is the error.
func TestWaitForOrder_approveAsProviderWithoutRole(t *testing.T) {
	t.Parallel()
	e := newClientEnv(t)
	off := e.mock.Waldur().AddOffering(waldurmock.OfferingSpec{
		Name: "provider-approved", CustomerUUID: e.seed.CustomerUUID, Approval: waldurmock.ApprovalProvider,
	})
	o := e.order(t, off.UUID, "no-role")
	consumer, err := api.NewClient(api.Config{Endpoint: e.url, Token: e.seed.ConsumerToken})
	must(t, err)
	_, err = consumer.WaitForOrder(context.Background(), o.UUID, api.OrderWait{ApproveAsProvider: true})
	if err == nil || !strings.Contains(err.Error(), "as service provider") || !strings.Contains(err.Error(), "You do not have permission") {
		t.Fatalf("error %v", err)
	}
}
