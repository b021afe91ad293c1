package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/adopt"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/journal"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waldur/api"
)

// journalClient is one run (one provider process) against e's mock, with
// the journal in dir.
func journalClient(t *testing.T, e *clientEnv, dir string) (*api.Client, *journal.Journal) {
	t.Helper()
	c := newTestClient(t, e.url, e.seed.Token)
	j := journal.NewUncached(dir, "default")
	c.SetJournal(j)
	return c, j
}

func journalOrderRequest(c *api.Client, e *clientEnv, name string) api.OrderCreateRequest {
	return api.OrderCreateRequest{
		Project:    c.ProjectURL(e.seed.ProjectUUID),
		Offering:   c.OfferingURL(e.seed.OfferingUUID),
		Plan:       c.PlanURL(e.seed.OfferingUUID, e.seed.PlanUUID),
		Attributes: json.RawMessage(fmt.Sprintf(`{"name":%q}`, name)),
	}
}

func orderPosts(e *clientEnv) int {
	n := 0
	for _, r := range e.mock.RequestLog() {
		if r.Method == http.MethodPost && strings.TrimSuffix(r.Path, "/") == "/api/marketplace-orders" {
			n++
		}
	}
	return n
}

func journalFiles(t *testing.T, dir string) int {
	t.Helper()
	files, _ := os.ReadDir(dir)
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f.Name(), ".json") {
			n++
		}
	}
	return n
}

// killedBeforeTheAnswer plays a run whose order create reached Waldur and
// was placed, but whose answer never came and whose lookups failed: the
// journal keeps its entry without an id, and the run dies.
func killedBeforeTheAnswer(t *testing.T, e *clientEnv, dir, name string) {
	t.Helper()
	c, j := journalClient(t, e, dir)
	e.mock.InjectFault(mockcloud.Fault{Method: http.MethodPost, PathPrefix: "/api/marketplace-orders/", DropAfterProcessing: true})
	e.mock.InjectFault(mockcloud.Fault{Method: http.MethodGet, PathPrefix: "/api/marketplace-orders/", Status: http.StatusInternalServerError, Count: -1})
	if _, err := c.CreateOrder(context.Background(), journalOrderRequest(c, e, name)); err == nil {
		t.Fatal("the create succeeded although its answer and every lookup failed")
	}
	e.mock.ClearFaults()
	if n := journalFiles(t, dir); n != 1 {
		t.Fatalf("%d journal entries after the cut-off create, want 1", n)
	}
	j.Abandon()
}

// Issue 17: after a run is killed between the server placing the order
// and the answer, the next run's create adopts that order instead of
// placing a second one.
func TestJournalAdoptsTheOrderOfAKilledRun(t *testing.T) {
	t.Parallel()
	e := newClientEnv(t)
	dir := t.TempDir()
	killedBeforeTheAnswer(t, e, dir, "killed")
	posts := orderPosts(e)

	c, j := journalClient(t, e, dir)
	var warnings []string
	ctx := adopt.WithWarnings(context.Background(), func(s, _ string) { warnings = append(warnings, s) })
	o, err := c.CreateOrder(ctx, journalOrderRequest(c, e, "killed"))
	if err != nil {
		t.Fatal(err)
	}
	orders := e.mock.Waldur().Orders()
	if len(orders) != 1 || orders[0].UUID != o.UUID || orderPosts(e) != posts {
		t.Fatalf("mock holds %v after %d more POSTs; want the killed run's order %s adopted", orders, orderPosts(e)-posts, o.UUID)
	}
	if len(warnings) != 1 {
		t.Errorf("warnings %v, want one about the adopted order", warnings)
	}
	// The adopted entry is gone; the create's own answer is recorded
	// until a Read sees the order.
	if n := journalFiles(t, dir); n != 0 {
		t.Errorf("%d journal entries after adopting, want 0", n)
	}
	j.Seen(o.UUID)
}

// An entry with the order's id: the order is adopted while its resource
// lives; terminated, the entry is dropped and a new order placed.
func TestJournalEntryWithAnOrderID(t *testing.T) {
	t.Parallel()
	e := newClientEnv(t)
	dir := t.TempDir()
	a, aj := journalClient(t, e, dir)
	first, err := a.CreateOrder(context.Background(), journalOrderRequest(a, e, "answered"))
	if err != nil {
		t.Fatal(err)
	}
	aj.Abandon() // killed before Terraform saved the state
	posts := orderPosts(e)

	b, bj := journalClient(t, e, dir)
	got, err := b.CreateOrder(context.Background(), journalOrderRequest(b, e, "answered"))
	if err != nil || got.UUID != first.UUID || orderPosts(e) != posts {
		t.Fatalf("got %v, %v after %d POSTs; want %s adopted", got, err, orderPosts(e)-posts, first.UUID)
	}
	// The adopting create's own entry is gone with it: a Read of the
	// resource is what ends the answered one.
	bj.Abandon()
	if n := journalFiles(t, dir); n != 0 {
		t.Fatalf("%d entries left", n)
	}

	// Answered again, then the resource terminated: a fresh order.
	c, cj := journalClient(t, e, dir)
	second, err := c.CreateOrder(context.Background(), journalOrderRequest(c, e, "terminated"))
	if err != nil {
		t.Fatal(err)
	}
	cj.Abandon()
	if second.MarketplaceResourceUUID == nil || !e.mock.Waldur().DeleteResource(*second.MarketplaceResourceUUID) {
		t.Fatal("could not remove the resource")
	}
	d, _ := journalClient(t, e, dir)
	posts = orderPosts(e)
	third, err := d.CreateOrder(context.Background(), journalOrderRequest(d, e, "terminated"))
	if err != nil || third.UUID == second.UUID || orderPosts(e) != posts+1 {
		t.Fatalf("got %v, %v after %d POSTs; want a new order", third, err, orderPosts(e)-posts)
	}
}

// Two orders that the entry's create may have placed: no guess and no
// POST, an error naming both.
func TestJournalRefusesToGuessBetweenOrders(t *testing.T) {
	t.Parallel()
	e := newClientEnv(t)
	dir := t.TempDir()
	killedBeforeTheAnswer(t, e, dir, "twice")
	other := e.order(t, e.seed.OfferingUUID, "twice") // someone else's, same second
	posts := orderPosts(e)

	c, _ := journalClient(t, e, dir)
	_, err := c.CreateOrder(context.Background(), journalOrderRequest(c, e, "twice"))
	if err == nil || orderPosts(e) != posts || !strings.Contains(err.Error(), other.UUID) || !strings.Contains(err.Error(), "terraform import") {
		t.Fatalf("err %v after %d POSTs; want an error naming %s and no POST", err, orderPosts(e)-posts, other.UUID)
	}
}

// Another request (other attributes) never takes the entry.
func TestJournalOtherRequestLeavesTheEntry(t *testing.T) {
	t.Parallel()
	e := newClientEnv(t)
	dir := t.TempDir()
	killedBeforeTheAnswer(t, e, dir, "mine")
	c, _ := journalClient(t, e, dir)
	posts := orderPosts(e)
	if _, err := c.CreateOrder(context.Background(), journalOrderRequest(c, e, "another")); err != nil {
		t.Fatal(err)
	}
	if orderPosts(e) != posts+1 {
		t.Fatalf("%d POSTs, want 1", orderPosts(e)-posts)
	}
}
