package mockcloud_test

import (
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
	waldurmock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/waldur"
)

// TestConcurrentUse hammers one mock from many goroutines, mixing every kind
// of request with faults; -race checks the locking, and the
// counts check that nothing was lost.
func TestConcurrentUse(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t)
	e.srv.InjectFault(mockcloud.Fault{Method: "GET", PathPrefix: "/api/projects/", Status: 503, Count: 20})
	var created atomic.Int64
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 8 {
				resp, err := e.Try("POST", "/api/marketplace-orders/", e.OrderBody(e.demo.ConsumerApprovalOfferingUUID, e.demo.ConsumerApprovalPlanUUID, fmt.Sprintf("g%d-%d", g, i)))
				if err != nil || resp.Status != http.StatusCreated {
					t.Errorf("create: %v %d", err, resp.Status)
					return
				}
				created.Add(1)
				id := str(resp.Object(t)["uuid"])
				for _, step := range []struct{ method, path string }{
					{"GET", "/api/marketplace-orders/" + id + "/"},
					{"POST", "/api/marketplace-orders/" + id + "/approve_by_consumer/"},
					{"GET", "/api/marketplace-orders/?page_size=5&state=done"},
					{"GET", "/api/marketplace-resources/"},
					{"GET", "/api/projects/"},
					{"GET", "/_mock/counters"},
				} {
					if _, err := e.Try(step.method, step.path, nil); err != nil {
						t.Errorf("%s %s: %v", step.method, step.path, err)
					}
				}
				e.Clock.Advance(time.Millisecond)
				_ = e.srv.RequestLog()
				_ = e.srv.Waldur().Orders()
			}
		}()
	}
	wg.Wait()
	orders := e.srv.Waldur().Orders()
	if int64(len(orders)) != created.Load() {
		t.Fatalf("%d orders stored, %d created", len(orders), created.Load())
	}
	for _, o := range orders {
		if o.State != waldurmock.OrderDone {
			t.Errorf("order %s is %s after approval", o.UUID, o.State)
		}
	}
	if got := e.srv.Counters()["POST /api/marketplace-orders/"]; got != 64 {
		t.Errorf("create counter %d, want 64", got)
	}
}
