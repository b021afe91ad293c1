package api

import (
	"context"
	"strings"
	"testing"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest/testutil"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/adopt"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/journal"
	hostwaymock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/hostway"
)

// journalRuns is one mock and two provider processes of one working
// directory: killed, whose journal is abandoned as a SIGKILL leaves it,
// and next, the run after it.
type journalRuns struct {
	mock         *testutil.Mock
	demo         hostwaymock.HostwayDemo
	dir          string
	killed, next *Client
	killedJ      *journal.Journal
}

func newJournalRuns(t *testing.T) *journalRuns {
	t.Helper()
	mock := testutil.NewMock(t)
	cfg := demoConfig(mock)
	r := &journalRuns{mock: mock, demo: mock.Seed.Hostway, dir: t.TempDir()}
	var err error
	if r.killed, err = NewClient(cfg); err != nil {
		t.Fatal(err)
	}
	if r.next, err = NewClient(cfg); err != nil {
		t.Fatal(err)
	}
	r.killedJ = journal.NewUncached(r.dir, "default")
	r.killed.SetJournal(r.killedJ)
	r.next.SetJournal(journal.NewUncached(r.dir, "default"))
	return r
}

// entries counts the journal's entry files.
func (r *journalRuns) entries(t *testing.T) int {
	t.Helper()
	names, err := journal.EntryFiles(r.dir)
	if err != nil {
		t.Fatal(err)
	}
	return len(names)
}

// placedAndKilled plays a killed run whose create placed cart (the
// submit went through) before Terraform recorded it.
func (r *journalRuns) placedAndKilled(t *testing.T, cart Cart) {
	t.Helper()
	if _, err := r.killed.PlaceCart(context.Background(), cart, CartProgress{}); err != nil {
		t.Fatal(err)
	}
	r.killedJ.Abandon()
}

// adoptsNothing requires the next run's create to adopt nothing (why
// says why) and leave that many entries in the journal.
func (r *journalRuns) adoptsNothing(t *testing.T, why string, entries int) {
	t.Helper()
	a, err := r.next.AdoptFromJournal(context.Background(), vpsCart(r.next, r.demo, "tf-next"))
	if err != nil || a != nil {
		t.Fatalf("AdoptFromJournal = %+v, %v; want nothing: %s", a, err, why)
	}
	if n := r.entries(t); n != entries {
		t.Errorf("%d entries left, want %d", n, entries)
	}
}

// warnings collects the warnings adopt.Warn reports.
func warnings(ctx context.Context) (context.Context, *[]string) {
	var got []string
	return adopt.WithWarnings(ctx, func(summary, detail string) { got = append(got, summary+": "+detail) }), &got
}

// TestJournalAdoptsTheProductOfAKilledCreate: a create ordered its VPS
// (the submit went through) and its run was killed before Terraform
// recorded it. The next create with the same arguments adopts that
// product, says so, orders nothing, and keeps the entry until a Read
// sees the product.
func TestJournalAdoptsTheProductOfAKilledCreate(t *testing.T) {
	t.Parallel()
	r := newJournalRuns(t)
	ctx := context.Background()
	cart := vpsCart(r.killed, r.demo, "tf-killed")
	r.placedAndKilled(t, cart)
	products := r.mock.Server.Hostway().Products("")
	if len(products) != 1 {
		t.Fatalf("the killed create made %d products, want 1", len(products))
	}

	wctx, warned := warnings(ctx)
	a, err := r.next.AdoptFromJournal(wctx, vpsCart(r.next, r.demo, "tf-next"))
	if err != nil || a == nil || a.Product == nil {
		t.Fatalf("AdoptFromJournal = %+v, %v; want the killed create's product", a, err)
	}
	if a.PartnerID != "tf-killed" || a.Product.ID != products[0].ID || a.Account != r.demo.AccountNumber || a.OrderID != products[0].OrderID {
		t.Errorf("adopted %+v (product %s), want partnerId tf-killed, product %s, order %s", a, a.Product.ID, products[0].ID, products[0].OrderID)
	}
	if len(*warned) != 1 || !strings.Contains((*warned)[0], a.Product.ID) || !strings.Contains((*warned)[0], ".json") {
		t.Errorf("warnings %q, want one naming the product and the entry", *warned)
	}
	if n := len(r.mock.Server.Hostway().Orders()); n != 1 {
		t.Errorf("%d orders, want only the killed create's: adopting orders nothing", n)
	}
	// The entry is this run's now: a third process does not take it, and
	// a Read of the product (by its marker) removes it.
	if r.entries(t) != 1 {
		t.Fatalf("%d entries after adopting, want the adopted one kept", r.entries(t))
	}
	third := journal.NewUncached(r.dir, "default")
	if got := third.Take(cartJournalType, r.next.cartFingerprint(cart)); len(got) != 0 {
		t.Errorf("another process took the adopted entry: %+v", got)
	}
	r.next.Tracked("tf-killed")
	if n := r.entries(t); n != 0 {
		t.Errorf("%d entries after the product was read, want 0", n)
	}
}

// TestJournalDropsAnUnsubmittedCart: the killed create had an order but
// never submitted it. It ordered nothing: the next create deletes the
// cart (no submit still on its way can place it), drops the entry and
// orders anew.
func TestJournalDropsAnUnsubmittedCart(t *testing.T) {
	t.Parallel()
	r := newJournalRuns(t)
	ctx := context.Background()
	cart := vpsCart(r.killed, r.demo, "tf-killed")
	entry := r.killed.beginCart(ctx, cart)
	s := r.killed.NewOrderSession()
	order, err := s.Create(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := entry.Answered(order.ID); err != nil {
		t.Fatal(err)
	}
	if step, err := s.fill(ctx, cart); err != nil {
		t.Fatalf("%s: %v", step, err)
	}
	r.killedJ.Abandon()

	r.adoptsNothing(t, "nothing to adopt", 0)
	if n := len(r.mock.Server.Hostway().Orders()); n != 0 {
		t.Errorf("%d orders left, want the unsubmitted cart deleted", n)
	}
}

// TestJournalDropsACreateKilledBeforeItsOrder: killed before POST /orders
// answered, a create ordered nothing that anyone can submit.
func TestJournalDropsACreateKilledBeforeItsOrder(t *testing.T) {
	t.Parallel()
	r := newJournalRuns(t)
	ctx := context.Background()
	if r.killed.beginCart(ctx, vpsCart(r.killed, r.demo, "tf-killed")) == nil {
		t.Fatal("no entry written")
	}
	r.killedJ.Abandon()
	r.adoptsNothing(t, "nothing to adopt", 0)
}

// TestJournalDropsAClosedProduct: the product of the killed create was
// closed since (someone closed it in the console): it is not adopted.
func TestJournalDropsAClosedProduct(t *testing.T) {
	t.Parallel()
	r := newJournalRuns(t)
	ctx := context.Background()
	r.placedAndKilled(t, vpsCart(r.killed, r.demo, "tf-killed"))
	p, err := r.next.LookupProductByPartnerID(ctx, r.demo.AccountNumber, "tf-killed")
	if err != nil || p == nil {
		t.Fatalf("product: %v, %v", p, err)
	}
	if err := r.next.SetProductStatus(ctx, r.demo.AccountNumber, p.ID, SetClosed); err != nil {
		t.Fatal(err)
	}
	if err := r.next.WaitForProductClosed(ctx, r.demo.AccountNumber, p.ID); err != nil {
		t.Fatal(err)
	}
	r.adoptsNothing(t, "a closed product left alone", 0)
}

// TestJournalLeavesOtherCreatesEntries: an entry with another fingerprint
// (another display name) and the entry of a live process (a concurrent
// apply) are not this create's: nothing is adopted, both entries stay.
func TestJournalLeavesOtherCreatesEntries(t *testing.T) {
	t.Parallel()
	r := newJournalRuns(t)
	ctx := context.Background()
	other := vpsCart(r.killed, r.demo, "tf-other")
	other.Product.DisplayName = "another VPS"
	r.placedAndKilled(t, other)

	// A live process's create of the very same VPS, still in flight.
	live := journal.NewUncached(r.dir, "default")
	liveClient := r.killed
	liveClient.SetJournal(live)
	if _, err := liveClient.PlaceCart(ctx, vpsCart(liveClient, r.demo, "tf-live"), CartProgress{}); err != nil {
		t.Fatal(err)
	}

	r.adoptsNothing(t, "nothing: one entry is another VPS's, one a live process's", 2)
}
