package waldur

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/cloud"
	waldurmock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/waldur"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waiter"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waldur/api"
)

// TestDestroyOrderDecidesAgainAfterConflict plays the race in which
// someone approves a pending order between destroy's read and its DELETE:
// Waldur refuses the DELETE with 409, and destroy must cancel the now
// executing order instead of failing.
func TestDestroyOrderDecidesAgainAfterConflict(t *testing.T) {
	t.Parallel()
	m := cloud.New()
	seed := cloud.SeedDemo(m)
	stuck := m.Waldur().AddOffering(waldurmock.OfferingSpec{Name: "consumer approval", Approval: waldurmock.ApprovalConsumer, Outcome: waldurmock.OutcomeStuck})
	var raced atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodDelete && raced.CompareAndSwap(false, true) {
			for _, o := range m.Waldur().Orders() {
				if err := m.Waldur().SetOrderState(o.UUID, api.OrderExecuting, ""); err != nil {
					t.Errorf("approving behind destroy's back: %v", err)
				}
			}
		}
		m.Handler().ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	c, err := api.NewClient(api.Config{Endpoint: srv.URL, Token: seed.Token, Transport: apiclient.Transport{
		Poll: waiter.Options{MinInterval: time.Millisecond, MaxInterval: 5 * time.Millisecond},
	}})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	o, err := c.CreateOrder(ctx, api.OrderCreateRequest{
		Project: c.ProjectURL(seed.ProjectUUID), Offering: c.OfferingURL(stuck.UUID), Attributes: json.RawMessage(`{"name":"race"}`),
	})
	if err != nil {
		t.Fatal(err)
	}
	if o.State != api.OrderPendingConsumer {
		t.Fatalf("new order is %s, want pending-consumer", o.State)
	}
	if err := destroyOrder(ctx, c, o.UUID, false); err != nil {
		t.Fatalf("destroy after a conflicting approval: %v", err)
	}
	if !raced.Load() {
		t.Fatal("the DELETE never happened")
	}
	if got, _ := m.Waldur().Order(o.UUID); got.State != api.OrderCanceled {
		t.Fatalf("order is %s after destroy, want canceled", got.State)
	}
}
