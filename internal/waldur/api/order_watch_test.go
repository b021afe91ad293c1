package api

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest/testutil"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
	waldurmock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/waldur"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waiter"
)

// gateClock is the poll clock of these tests: Now is real, and every
// Sleep (the watcher's gathering window) waits until the test opens it.
type gateClock struct {
	mu   sync.Mutex
	gate chan struct{}
}

func (c *gateClock) Now() time.Time { return time.Now() }

func (c *gateClock) Sleep(ctx context.Context, _ time.Duration) error {
	c.mu.Lock()
	gate := c.gate
	c.mu.Unlock()
	select {
	case <-gate:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// open lets the sleeps of now pass and makes the next ones wait again.
func (c *gateClock) open() {
	c.mu.Lock()
	defer c.mu.Unlock()
	close(c.gate)
	c.gate = make(chan struct{})
}

const (
	orderGetRoute  = "GET /api/marketplace-orders/{uuid}/"
	orderListRoute = "GET /api/marketplace-orders/"
)

// TestSharedOrderPolls: the polls of 20 orders of one project that come
// together cost one list per round, and no GET.
func TestSharedOrderPolls(t *testing.T) {
	t.Parallel()
	mockClock := mockcloud.NewFakeClock(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	mock := testutil.NewMock(t, mockcloud.WithClock(mockClock), waldurmock.WithWaldurDelays(waldurmock.WaldurDelays{Executing: time.Hour}))
	clock := &gateClock{gate: make(chan struct{})}
	c, err := NewClient(Config{
		Endpoint: mock.URL, Token: mock.Seed.Token,
		Transport: apiclient.Transport{MaxRetries: 1, Poll: waiter.Options{Clock: clock}},
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	project := mock.Seed.ProjectUUID
	var polls []*orderPoll
	for i := range 20 {
		o, err := c.CreateOrder(ctx, OrderCreateRequest{
			Project:    c.ProjectURL(project),
			Offering:   c.OfferingURL(mock.Seed.OfferingUUID),
			Plan:       c.PlanURL(mock.Seed.OfferingUUID, mock.Seed.PlanUUID),
			Attributes: json.RawMessage(fmt.Sprintf(`{"name":"o%d"}`, i)),
		})
		if err != nil {
			t.Fatal(err)
		}
		polls = append(polls, c.newOrderPoll(o.UUID))
	}

	round := func(want string, wantLists int) {
		t.Helper()
		mock.Server.ResetCounters()
		errs := make(chan error, len(polls))
		for _, p := range polls {
			go func() {
				o, err := p.get(ctx)
				if err == nil && o.State != want {
					err = fmt.Errorf("order %s is %s, want %s", o.UUID, o.State, want)
				}
				errs <- err
			}()
		}
		if wantLists > 0 {
			for i := 0; c.orders.w.Gathering(project) < len(polls); i++ {
				if i > 10_000_000 {
					t.Fatal("the polls never all joined the list")
				}
				runtime.Gosched()
			}
			clock.open()
		}
		for range polls {
			if err := <-errs; err != nil {
				t.Error(err)
			}
		}
		n := mock.Server.Counters()
		if n[orderListRoute] != wantLists || n[orderGetRoute] != 0 {
			t.Errorf("a round of 20 polls sent %d lists and %d GETs, want %d and 0 (%v)", n[orderListRoute], n[orderGetRoute], wantLists, n)
		}
	}
	round(OrderExecuting, 1)
	round(OrderExecuting, 1) // nothing changed: the delta is (nearly) empty
	mockClock.Advance(2 * time.Hour)
	round(OrderDone, 1)
	round(OrderDone, 0) // done is final: answered from the view

	for _, p := range polls {
		p.done()
	}
	if n := c.orders.w.Gathering(project); n != 0 {
		t.Errorf("%d Gets still gathering", n)
	}
}

// TestOrderPollFallsBack: a wait reads its order itself when the watcher
// cannot answer: an order this client did not create (project unknown),
// a failed list, and after maxWatchedUnchanged polls without a change.
func TestOrderPollFallsBack(t *testing.T) {
	t.Parallel()
	c, mock, o := executingOrder(t, "x", waiter.Options{Clock: instantClock{}})
	ctx := t.Context()
	c.orders.takeProject(o.UUID) // as if another process had created it

	p := c.newOrderPoll(o.UUID)
	defer p.done()
	count := func(step string, wantGets, wantLists int) {
		t.Helper()
		if _, err := p.get(ctx); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		n := mock.Server.Counters()
		if n[orderGetRoute] != wantGets || n[orderListRoute] != wantLists {
			t.Errorf("%s: %d GETs and %d lists so far, want %d and %d", step, n[orderGetRoute], n[orderListRoute], wantGets, wantLists)
		}
	}
	mock.Server.ResetCounters()
	count("project unknown", 1, 0)
	count("seeded by the GET", 1, 1)
	mock.Server.InjectFault(mockcloud.Fault{Method: "GET", PathPrefix: "/api/marketplace-orders/", Status: 500, Count: 1})
	count("the list fails", 2, 2)
	mock.Server.ClearFaults()
	for i := range maxWatchedUnchanged {
		count(fmt.Sprintf("unchanged %d", i+2), 2, 3+i)
	}
	lists := 2 + maxWatchedUnchanged
	count("unchanged too long", 3, lists)
	count("watched again", 3, lists+1)
}

// instantClock sleeps not at all.
type instantClock struct{}

func (instantClock) Now() time.Time { return time.Now() }

func (instantClock) Sleep(ctx context.Context, _ time.Duration) error { return ctx.Err() }

// TestOrderPollSolo: with waiter.Options.Solo (the bench's upstream-like
// baseline) every poll reads its own order, even one this client created
// and could watch through the project's list.
func TestOrderPollSolo(t *testing.T) {
	t.Parallel()
	c, mock, o := executingOrder(t, "solo", waiter.Options{Clock: instantClock{}, Solo: true})
	ctx := t.Context()
	p := c.newOrderPoll(o.UUID)
	defer p.done()
	mock.Server.ResetCounters()
	for range 3 {
		if _, err := p.get(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if n := mock.Server.Counters(); n[orderGetRoute] != 3 || n[orderListRoute] != 0 {
		t.Errorf("3 solo polls sent %d GETs and %d lists, want 3 and 0", n[orderGetRoute], n[orderListRoute])
	}
}

// executingOrder creates an order named name on a fresh mock where orders
// execute for an hour, through a client that polls with poll.
func executingOrder(t *testing.T, name string, poll waiter.Options) (*Client, *testutil.Mock, *Order) {
	t.Helper()
	mock := testutil.NewMock(t, waldurmock.WithWaldurDelays(waldurmock.WaldurDelays{Executing: time.Hour}))
	c, err := NewClient(Config{
		Endpoint: mock.URL, Token: mock.Seed.Token,
		Transport: apiclient.Transport{
			MaxRetries: 1, MinBackoff: time.Millisecond, MaxBackoff: time.Millisecond,
			Poll: poll,
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	o, err := c.CreateOrder(t.Context(), OrderCreateRequest{
		Project:    c.ProjectURL(mock.Seed.ProjectUUID),
		Offering:   c.OfferingURL(mock.Seed.OfferingUUID),
		Plan:       c.PlanURL(mock.Seed.OfferingUUID, mock.Seed.PlanUUID),
		Attributes: json.RawMessage(fmt.Sprintf(`{"name":%q}`, name)),
	})
	if err != nil {
		t.Fatal(err)
	}
	return c, mock, o
}
