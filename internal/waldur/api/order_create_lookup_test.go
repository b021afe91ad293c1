package api_test

import (
	"net/http"
	"testing"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
)

// A lost create answer followed by a failed lookup (a 500, which the HTTP
// layer does not retry) must not end the create: the order exists, and
// giving up would leave it tracked nowhere while the next apply orders again.
func TestClientCreateLooksAgainAfterAFailedLookup(t *testing.T) {
	t.Parallel()
	e := newClientEnv(t)
	e.mock.InjectFault(mockcloud.Fault{Method: http.MethodPost, PathPrefix: "/api/marketplace-orders/", DropAfterProcessing: true})
	e.mock.InjectFault(mockcloud.Fault{Method: http.MethodGet, PathPrefix: "/api/marketplace-orders/", Status: http.StatusInternalServerError, Count: 2})
	o := e.order(t, e.seed.OfferingUUID, "lost-then-500")
	orders := e.mock.Waldur().Orders()
	if len(orders) != 1 || orders[0].UUID != o.UUID {
		t.Fatalf("mock holds %d orders (%v), want exactly the one returned (%s)", len(orders), orders, o.UUID)
	}
	if left := e.mock.Faults(); len(left) != 0 {
		t.Fatalf("faults left unused: %+v; the test did not exercise the failed lookups", left)
	}
}

// The last attempt may be the one that created the order: its lost answer
// is looked for too, so that the order is returned and not orphaned.
func TestClientCreateLooksAfterTheLastAttempt(t *testing.T) {
	t.Parallel()
	e := newClientEnv(t)
	post := mockcloud.Fault{Method: http.MethodPost, PathPrefix: "/api/marketplace-orders/"}
	for _, f := range []mockcloud.Fault{{DropConnection: true}, {DropConnection: true}, {DropAfterProcessing: true}} {
		f.Method, f.PathPrefix = post.Method, post.PathPrefix
		e.mock.InjectFault(f)
	}
	o := e.order(t, e.seed.OfferingUUID, "third-time")
	orders := e.mock.Waldur().Orders()
	if len(orders) != 1 || orders[0].UUID != o.UUID {
		t.Fatalf("mock holds %d orders (%v), want exactly the one returned (%s)", len(orders), orders, o.UUID)
	}
}
