package api

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest/testutil"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/adopt"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/journal"
	hostwaymock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/hostway"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waiter"
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
	cfg := Config{
		Endpoint: mock.URL + hostwaymock.HostwayPrefix,
		Username: mock.Seed.Hostway.Username, Password: mock.Seed.Hostway.Password,
		Account: AccountSettings{AccountNumber: mock.Seed.Hostway.AccountNumber},
		Transport: apiclient.Transport{
			MaxRetries: 2, MinBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond,
			Poll: waiter.Options{MinInterval: time.Millisecond, MaxInterval: 5 * time.Millisecond},
		},
	}
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
	files, err := os.ReadDir(r.dir)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f.Name(), ".json") {
			n++
		}
	}
	return n
}

// warnings collects the warnings journal.Warn reports.
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
	if _, err := r.killed.PlaceCart(ctx, cart, CartProgress{}); err != nil {
		t.Fatal(err)
	}
	r.killedJ.Abandon()
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

	a, err := r.next.AdoptFromJournal(ctx, vpsCart(r.next, r.demo, "tf-next"))
	if err != nil || a != nil {
		t.Fatalf("AdoptFromJournal = %+v, %v; want nothing to adopt", a, err)
	}
	if n := len(r.mock.Server.Hostway().Orders()); n != 0 {
		t.Errorf("%d orders left, want the unsubmitted cart deleted", n)
	}
	if n := r.entries(t); n != 0 {
		t.Errorf("%d entries left, want the entry dropped", n)
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
	a, err := r.next.AdoptFromJournal(ctx, vpsCart(r.next, r.demo, "tf-next"))
	if err != nil || a != nil {
		t.Fatalf("AdoptFromJournal = %+v, %v; want nothing to adopt", a, err)
	}
	if n := r.entries(t); n != 0 {
		t.Errorf("%d entries left, want the entry dropped", n)
	}
}

// TestJournalDropsAClosedProduct: the product of the killed create was
// closed since (someone closed it in the console): it is not adopted.
func TestJournalDropsAClosedProduct(t *testing.T) {
	t.Parallel()
	r := newJournalRuns(t)
	ctx := context.Background()
	if _, err := r.killed.PlaceCart(ctx, vpsCart(r.killed, r.demo, "tf-killed"), CartProgress{}); err != nil {
		t.Fatal(err)
	}
	r.killedJ.Abandon()
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
	a, err := r.next.AdoptFromJournal(ctx, vpsCart(r.next, r.demo, "tf-next"))
	if err != nil || a != nil {
		t.Fatalf("AdoptFromJournal = %+v, %v; want a closed product left alone", a, err)
	}
	if n := r.entries(t); n != 0 {
		t.Errorf("%d entries left, want the entry dropped", n)
	}
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
	if _, err := r.killed.PlaceCart(ctx, other, CartProgress{}); err != nil {
		t.Fatal(err)
	}
	r.killedJ.Abandon()

	// A live process's create of the very same VPS, still in flight.
	live := journal.NewUncached(r.dir, "default")
	liveClient := r.killed
	liveClient.SetJournal(live)
	if _, err := liveClient.PlaceCart(ctx, vpsCart(liveClient, r.demo, "tf-live"), CartProgress{}); err != nil {
		t.Fatal(err)
	}

	a, err := r.next.AdoptFromJournal(ctx, vpsCart(r.next, r.demo, "tf-next"))
	if err != nil || a != nil {
		t.Fatalf("AdoptFromJournal = %+v, %v; want nothing: one entry is another VPS's, one a live process's", a, err)
	}
	if n := r.entries(t); n != 2 {
		t.Errorf("%d entries, want both left alone", n)
	}
}
