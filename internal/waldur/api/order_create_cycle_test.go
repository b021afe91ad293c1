package api_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/adopt"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/cloud"
	waldurmock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/waldur"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waldur/api"
)

// cycleEnv is a mock on a clock the test moves, and a way to start a new
// client as each terraform command starts a new provider process.
type cycleEnv struct {
	*clientEnv
	clock *mockcloud.FakeClock
}

func newCycleEnv(t *testing.T, start time.Time) *cycleEnv {
	t.Helper()
	clock := mockcloud.NewFakeClock(start)
	m := cloud.New(mockcloud.WithClock(clock))
	seed := cloud.SeedDemo(m)
	srv := httptest.NewServer(m.Handler())
	t.Cleanup(srv.Close)
	e := &cycleEnv{clientEnv: &clientEnv{mock: m, seed: seed, url: srv.URL}, clock: clock}
	e.newProcess(t)
	return e
}

// orderWarning is order, with what the create warned the user of
// (adopt.Warn): the details of its warnings, or "".
func (e *cycleEnv) orderWarning(t *testing.T, offering, name string) (*api.Order, string) {
	t.Helper()
	var details []string
	ctx := adopt.WithWarnings(context.Background(), func(_, detail string) { details = append(details, detail) })
	o := e.orderCtx(ctx, t, offering, name)
	return o, strings.Join(details, "\n")
}

// newProcess replaces the client with a fresh one: nothing it saw or
// placed before is remembered, as in the next terraform command.
func (e *cycleEnv) newProcess(t *testing.T) {
	t.Helper()
	e.client = newTestClient(t, e.url, e.seed.Token)
}

// applyAndDestroy places the order of name, waits for it, and, when
// terminate is set, terminates its resource as destroy does.
func (e *cycleEnv) applyAndDestroy(t *testing.T, name string, terminate bool) *api.Order {
	t.Helper()
	ctx := context.Background()
	o := e.order(t, e.seed.OfferingUUID, name)
	_, err := e.client.WaitForOrder(ctx, o.UUID, api.OrderWait{Timeout: 5 * time.Second})
	must(t, err)
	if terminate {
		id, err := e.client.TerminateResource(ctx, *o.MarketplaceResourceUUID, nil)
		must(t, err)
		_, err = e.client.WaitForOrder(ctx, id, api.OrderWait{Timeout: 5 * time.Second})
		must(t, err)
	}
	return o
}

func (e *cycleEnv) loseNextCreateAnswer() {
	e.mock.InjectFault(mockcloud.Fault{Method: http.MethodPost, PathPrefix: "/api/marketplace-orders/", DropAfterProcessing: true})
}

// createOrders returns the Create orders of the mock, oldest first.
func (e *cycleEnv) createOrders() []waldurmock.OrderSnapshot {
	var out []waldurmock.OrderSnapshot
	for _, o := range e.mock.Waldur().Orders() {
		if o.Type == "Create" {
			out = append(out, o)
		}
	}
	return out
}

// checkNewest asserts that got is the one order the second create made.
func (e *cycleEnv) checkNewest(t *testing.T, first, got *api.Order) {
	t.Helper()
	orders := e.createOrders()
	if len(orders) != 2 {
		t.Fatalf("mock holds %d Create orders, want 2 (one per apply): %+v", len(orders), orders)
	}
	if got.UUID == first.UUID {
		t.Fatalf("the create returned the order of the earlier apply (%s), not the one it placed", first.UUID)
	}
	for _, o := range orders {
		if o.UUID != first.UUID && o.UUID != got.UUID {
			t.Fatalf("the create returned %s, but the order it placed is %s", got.UUID, o.UUID)
		}
	}
}

// Issue 17: apply, destroy (terminate), apply again with the same name in
// the same second while the create answer is lost. The earlier order
// matches the request as well; its resource is terminated, so it is not
// what the request created.
func TestClientCreateAfterDestroyFindsItsOwnOrder(t *testing.T) {
	t.Parallel()
	e := newCycleEnv(t, time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC))
	first := e.applyAndDestroy(t, "repro-0", true)
	e.newProcess(t)
	e.loseNextCreateAnswer()
	got, warning := e.orderWarning(t, e.seed.OfferingUUID, "repro-0")
	e.checkNewest(t, first, got)
	if warning != "" {
		t.Errorf("unexpected warning: %s", warning)
	}
}

// An order left running on destroy (terminate_on_destroy = false) is still
// live; the server's clock tells it apart from the one the request placed
// a minute later.
func TestClientCreateAfterOrderLeftRunningUsesTheServerClock(t *testing.T) {
	t.Parallel()
	e := newCycleEnv(t, time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC))
	first := e.applyAndDestroy(t, "repro-0", false)
	e.clock.Advance(time.Minute)
	e.newProcess(t)
	e.loseNextCreateAnswer()
	got, warning := e.orderWarning(t, e.seed.OfferingUUID, "repro-0")
	e.checkNewest(t, first, got)
	if warning != "" {
		t.Errorf("unexpected warning: %s", warning)
	}
}

// Our clock does not count: a server whose clock is an hour behind still
// has its lost order found, and not placed twice.
func TestClientCreateLostAnswerServerClockBehind(t *testing.T) {
	t.Parallel()
	e := newCycleEnv(t, time.Now().Add(-time.Hour))
	e.loseNextCreateAnswer()
	got := e.order(t, e.seed.OfferingUUID, "behind")
	orders := e.createOrders()
	if len(orders) != 1 || orders[0].UUID != got.UUID {
		t.Fatalf("mock holds %+v, want only the returned order %s", orders, got.UUID)
	}
}

// Two live orders of the same request in the same second cannot be told
// apart: the newest is adopted, with a warning naming the other, rather
// than leaving the order this request placed in no state.
func TestClientCreateAmbiguousAdoptsNewestWithWarning(t *testing.T) {
	t.Parallel()
	e := newCycleEnv(t, time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC))
	first := e.applyAndDestroy(t, "repro-0", false)
	e.newProcess(t)
	e.loseNextCreateAnswer()
	got, warning := e.orderWarning(t, e.seed.OfferingUUID, "repro-0")
	e.checkNewest(t, first, got)
	if !strings.Contains(warning, first.UUID) {
		t.Fatalf("the warning does not name the other order %s: %q", first.UUID, warning)
	}
}

// Within one process, an order placed for one resource is never handed
// to another resource with the same arguments (count = 2).
func TestClientCreateNeverAdoptsAnOrderItPlaced(t *testing.T) {
	t.Parallel()
	e := newCycleEnv(t, time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC))
	first := e.order(t, e.seed.OfferingUUID, "twin")
	e.loseNextCreateAnswer()
	got, warning := e.orderWarning(t, e.seed.OfferingUUID, "twin")
	e.checkNewest(t, first, got)
	if warning != "" {
		t.Errorf("unexpected warning: %s", warning)
	}
}

// A wait that ends because the object is gone names the backend and says
// what the API answered, not only "object not found".
func TestClientWaitNotFoundNamesBackendAndAPIMessage(t *testing.T) {
	t.Parallel()
	e := newClientEnv(t)
	_, err := e.client.WaitForOrder(context.Background(), "ffffffffffffffffffffffffffffffff", api.OrderWait{Timeout: 5 * time.Second})
	if err == nil {
		t.Fatal("waiting for a missing order succeeded")
	}
	for _, want := range []string{"not found", "waldur API", "404"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error %q does not say %q", err, want)
		}
	}
}
