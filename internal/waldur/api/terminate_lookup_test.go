package api_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waldur/api"
)

// liveResource orders a resource and waits until it is OK.
func (e *clientEnv) liveResource(t *testing.T, name string) string {
	t.Helper()
	o := e.order(t, e.seed.OfferingUUID, name)
	_, err := e.client.WaitForOrder(context.Background(), o.UUID, api.OrderWait{Timeout: 5 * time.Second})
	must(t, err)
	return *o.MarketplaceResourceUUID
}

// terminateOrders lists the mock's Terminate orders of a resource.
func (e *clientEnv) terminateOrders(resourceUUID string) []string {
	var out []string
	for _, o := range e.mock.Waldur().Orders() {
		if o.Type == "Terminate" && o.MarketplaceResourceUUID == resourceUUID {
			out = append(out, o.UUID)
		}
	}
	return out
}

func (e *clientEnv) loseTerminateAnswer(f mockcloud.Fault) {
	f.Method, f.PathPrefix, f.Count = http.MethodPost, "/api/marketplace-resources/", 1
	e.mock.InjectFault(f)
}

// The server placed the Terminate order but its answer was lost: the
// order is found and returned, and no second terminate is sent.
func TestClientTerminateFindsOrderWhoseAnswerWasLost(t *testing.T) {
	t.Parallel()
	e := newClientEnv(t)
	ctx := context.Background()
	res := e.liveResource(t, "lost-terminate")
	e.loseTerminateAnswer(mockcloud.Fault{DropAfterProcessing: true})
	got, err := e.client.TerminateResource(ctx, res, nil)
	must(t, err)
	if orders := e.terminateOrders(res); len(orders) != 1 || orders[0] != got {
		t.Fatalf("terminate orders %v, want exactly the one returned (%s)", orders, got)
	}
	_, err = e.client.WaitForOrder(ctx, got, api.OrderWait{Timeout: 5 * time.Second})
	must(t, err)
	if snap, _ := e.mock.Waldur().Resource(res); snap.State != "Terminated" {
		t.Fatalf("resource is %s, want Terminated", snap.State)
	}
}

// The connection broke before the server acted: the lookup finds no order,
// and the terminate is sent again, once.
func TestClientTerminateSendsAgainWhenNothingWasPlaced(t *testing.T) {
	t.Parallel()
	e := newClientEnv(t)
	res := e.liveResource(t, "dropped-terminate")
	e.loseTerminateAnswer(mockcloud.Fault{DropConnection: true})
	got, err := e.client.TerminateResource(context.Background(), res, nil)
	must(t, err)
	if orders := e.terminateOrders(res); len(orders) != 1 || orders[0] != got {
		t.Fatalf("terminate orders %v, want exactly the one returned (%s)", orders, got)
	}
	if left := e.mock.Faults(); len(left) != 0 {
		t.Fatalf("faults left unused: %+v", left)
	}
}

// An earlier Terminate order of the resource that erred matches the
// lookup's filter as well; the one this request placed is returned.
func TestClientTerminateLostAnswerAfterAnErredTerminate(t *testing.T) {
	t.Parallel()
	e := newClientEnv(t)
	ctx := context.Background()
	res := e.liveResource(t, "terminate-twice")
	first, err := e.client.TerminateResource(ctx, res, nil)
	must(t, err)
	must(t, e.mock.Waldur().SetOrderState(first, "erred", "backend said no"))
	if snap, _ := e.mock.Waldur().Resource(res); snap.State != "Erred" {
		t.Fatalf("resource is %s after its Terminate order erred, want Erred", snap.State)
	}
	e.loseTerminateAnswer(mockcloud.Fault{DropAfterProcessing: true})
	second, err := e.client.TerminateResource(ctx, res, nil)
	must(t, err)
	orders := e.terminateOrders(res)
	if second == first || len(orders) != 2 || orders[1] != second {
		t.Fatalf("returned %s (first %s); terminate orders %v, want the second one returned", second, first, orders)
	}
}

// A resource terminated by someone else while the answer was lost has no
// Terminate order of this request: the caller is told it is terminated.
func TestClientTerminateLostAnswerOfATerminatedResource(t *testing.T) {
	t.Parallel()
	e := newClientEnv(t)
	res := e.liveResource(t, "terminated-meanwhile")
	must(t, e.mock.Waldur().TerminateResource(res))
	e.loseTerminateAnswer(mockcloud.Fault{DropConnection: true})
	_, err := e.client.TerminateResource(context.Background(), res, nil)
	if !errors.Is(err, api.ErrResourceTerminated) {
		t.Fatalf("err = %v, want ErrResourceTerminated", err)
	}
	if orders := e.terminateOrders(res); len(orders) != 0 {
		t.Fatalf("terminate orders %v, want none", orders)
	}
}
