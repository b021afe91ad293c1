package api

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest/testutil"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
	hostwaymock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/hostway"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waiter"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waiter/waitertest"
)

// clockedMock starts a mock whose products stay new for pending and
// pending for provisioning on clock, the clock the client's waits sleep on.
func clockedMock(t *testing.T, clock *waitertest.FakeClock, pending, provisioning time.Duration, poll waiter.Options) (*Client, *testutil.Mock) {
	t.Helper()
	mock := testutil.NewMock(t, mockcloud.WithClock(clock),
		hostwaymock.WithHostwayDelays(hostwaymock.HostwayDelays{Pending: pending, Provisioning: provisioning}))
	poll.Clock = clock
	c, err := NewClient(Config{
		Endpoint: mock.URL + hostwaymock.HostwayPrefix,
		Username: mock.Seed.Hostway.Username, Password: mock.Seed.Hostway.Password,
		Account: AccountSettings{AccountNumber: mock.Seed.Hostway.AccountNumber},
		Transport: apiclient.Transport{
			MaxRetries: 2, MinBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond,
			Poll: poll,
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	return c, mock
}

// vpsCart is a VPS of the demo catalog with the given child services.
func vpsCart(c *Client, demo hostwaymock.HostwayDemo, partnerID string, children ...string) Cart {
	cart := Cart{
		Account: c.Account(),
		Product: ProductRequest{Offering: c.OfferingURL(demo.ProductSpecification, demo.Offering), PartnerID: partnerID},
		Server:  &ServiceRequest{Name: "vps", ServiceSpecification: c.ServiceSpecificationURL(demo.ServerSpecification), BillingCycle: 1},
	}
	for _, code := range children {
		cart.Children = append(cart.Children, ServiceRequest{Name: "vps", ServiceSpecification: c.ServiceSpecificationURL(code), BillingCycle: 1})
	}
	return cart
}

// orderVPS places the cart and follows its product until it is open.
func orderVPS(ctx context.Context, t *testing.T, c *Client, cart Cart) *Provisioned {
	t.Helper()
	if _, err := c.PlaceCart(ctx, cart, CartProgress{}); err != nil {
		t.Fatal(err)
	}
	var found *Product
	pv, err := c.WaitForNewProduct(ctx, c.Account().AccountNumber, cart.Product.PartnerID, func(p *Product) { found = p })
	if err != nil {
		t.Fatal(err)
	}
	if found == nil || found.ID != pv.Product.ID || pv.Product.Status != StatusOpen || len(pv.Services) != 1+len(cart.Children) {
		t.Fatalf("found %+v, provisioned %+v: want the open product with its %d services", found, pv, 1+len(cart.Children))
	}
	return pv
}

// routeList is the mock's request log as "METHOD route" lines.
func routeList(log []mockcloud.LoggedRequest) []string {
	out := make([]string, len(log))
	for i, r := range log {
		out[i] = r.Route
	}
	return out
}

// TestOrderVPSAtTheProtocolMinimum counts the requests of one VPS when the
// first poll comes when the product is open (as with a learned kind): the
// seed's calls to order, validate and submit, one filtered list that
// finds the product open, one services list. Nothing else.
func TestOrderVPSAtTheProtocolMinimum(t *testing.T) {
	t.Parallel()
	clock := waitertest.NewFakeClock()
	const pending, provisioning = time.Second, 2 * time.Second
	c, mock := clockedMock(t, clock, pending, provisioning, waiter.Options{Delay: pending + provisioning, MinInterval: time.Second, Jitter: -1})
	demo := mock.Seed.Hostway
	children := demo.ChildSpecifications[:2]
	orderVPS(context.Background(), t, c, vpsCart(c, demo, "tf-min", children...))

	p := "/hostway"
	want := []string{
		"POST " + p + "/orders",
		"PUT " + p + "/orders/{order}/account",
		"POST " + p + "/orders/{order}/account/products",
		"POST " + p + "/orders/{order}/account/products/{product}/services", // server
		"POST " + p + "/orders/{order}/account/products/{product}/services", // child 1
		"POST " + p + "/orders/{order}/account/products/{product}/services", // child 2
		"POST " + p + "/orders/{order}/action",                              // validate
		"POST " + p + "/orders/{order}/action",                              // submit
		"GET " + p + "/accounts/{account}/products",                         // found, open
		"GET " + p + "/accounts/{account}/products/{product}/services",
	}
	got := routeList(mock.Server.RequestLog())
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("requests:\n%s\nwant the protocol's minimum (7 + %d) and its optional validate:\n%s", strings.Join(got, "\n"), len(children), strings.Join(want, "\n"))
	}
}

// TestOrderVPSPollsReadOnlyTheProduct follows a VPS polled from the start:
// each poll while the product provisions is one request (the product), and
// its services are listed once, when the product is open.
func TestOrderVPSPollsReadOnlyTheProduct(t *testing.T) {
	t.Parallel()
	clock := waitertest.NewFakeClock()
	c, mock := clockedMock(t, clock, time.Second, 2*time.Second, waiter.Options{MinInterval: time.Second, Multiplier: 1, Jitter: -1})
	demo := mock.Seed.Hostway
	orderVPS(context.Background(), t, c, vpsCart(c, demo, "tf-polled", demo.ChildSpecifications[0]))

	counts := map[string]int{}
	for _, r := range mock.Server.RequestLog() {
		counts[r.Route]++
	}
	// Polls at 0 s (new), 1 s (pending), 2 s (pending), 3 s (open).
	want := map[string]int{
		"POST /hostway/orders": 1, "PUT /hostway/orders/{order}/account": 1,
		"POST /hostway/orders/{order}/account/products":                    1,
		"POST /hostway/orders/{order}/account/products/{product}/services": 2,
		"POST /hostway/orders/{order}/action":                              2, // validate, submit
		"GET /hostway/accounts/{account}/products":                         1,
		"GET /hostway/accounts/{account}/products/{product}":               3,
		"GET /hostway/accounts/{account}/products/{product}/services":      1,
	}
	if fmt.Sprint(counts) != fmt.Sprint(want) {
		t.Fatalf("requests by route %v, want %v", counts, want)
	}
}

// TestCatalogReadOncePerClient: plan checks the offering and the server
// specification of every VPS; the client reads each catalog entry once,
// also when many ask at the same time, and asks again after a failure.
func TestCatalogReadOncePerClient(t *testing.T) {
	t.Parallel()
	c, m, demo := mockClient(t)
	ctx := context.Background()
	m.InjectFault(mockcloud.Fault{Method: "GET", PathPrefix: "/hostway/servicespecifications/", Status: 404, Count: 1,
		Body: `{"itemNotFound": {"guid": "g", "message": "not yet", "code": 404, "details": ""}}`})
	if _, err := c.GetServiceSpecification(ctx, demo.ServerSpecification); err == nil {
		t.Fatal("the injected 404 was not returned")
	}
	done := make(chan error)
	const n = 20
	for range n {
		go func() {
			_, err := c.GetOffering(ctx, demo.ProductSpecification, demo.Offering)
			if err == nil {
				var s *ServiceSpecification
				if s, err = c.GetServiceSpecification(ctx, demo.ServerSpecification); err == nil && s.Code() != demo.ServerSpecification {
					err = fmt.Errorf("service specification %q, want %q", s.Code(), demo.ServerSpecification)
				}
			}
			done <- err
		}()
	}
	for range n {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	counts := map[string]int{}
	for _, r := range m.RequestLog() {
		counts[r.Route]++
	}
	if counts["GET /hostway/productspecifications/{code}/offerings/{offering}"] != 1 || counts["GET /hostway/servicespecifications/{code}"] != 2 {
		t.Fatalf("catalog requests %v: want the offering read once and the specification twice (once failed, once read)", counts)
	}
}

// gateClock lets a test hold the watcher's gathering: Sleep blocks until
// release is closed, and every Now (a Get registering) is counted.
type gateClock struct {
	release chan struct{}
	nows    chan struct{}
}

func (g *gateClock) Now() time.Time {
	select {
	case g.nows <- struct{}{}:
	default:
	}
	return time.Now()
}

func (g *gateClock) Sleep(ctx context.Context, _ time.Duration) error {
	select {
	case <-g.release:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// placeN places n VPS carts with markers tf-share-0 … and returns them.
func placeN(ctx context.Context, t *testing.T, c *Client, demo hostwaymock.HostwayDemo, n int) []string {
	t.Helper()
	markers := make([]string, n)
	for i := range markers {
		markers[i] = fmt.Sprintf("tf-share-%d", i)
		if _, err := c.PlaceCart(ctx, vpsCart(c, demo, markers[i]), CartProgress{}); err != nil {
			t.Fatal(err)
		}
	}
	return markers
}

// TestProductPollsShareOneList: the polls of several waits on one account
// that come together are answered by one list of the account's products,
// with no filtered list and no GET of a single product.
func TestProductPollsShareOneList(t *testing.T) {
	t.Parallel()
	gate := &gateClock{release: make(chan struct{}), nows: make(chan struct{}, 64)}
	c, mock := clockedMock(t, waitertest.NewFakeClock(), 0, 0, waiter.Options{})
	c.products = newProductWatch(c, gate)
	ctx := context.Background()
	const n = 5
	markers := placeN(ctx, t, c, mock.Seed.Hostway, n)
	before := len(mock.Server.RequestLog())

	polls := make([]*productPoll, n)
	for i, m := range markers {
		polls[i] = c.pollNewProduct(c.Account().AccountNumber, m)
	}
	type result struct {
		p   *Product
		err error
	}
	results := make(chan result, n)
	for _, p := range polls {
		go func() {
			got, err := p.get(ctx)
			results <- result{got, err}
		}()
	}
	for range n { // every Get has registered with the gathering list
		<-gate.nows
	}
	close(gate.release)
	ids := map[string]bool{}
	for range n {
		r := <-results
		if r.err != nil {
			t.Fatal(r.err)
		}
		ids[r.p.ID] = true
	}
	for _, p := range polls {
		p.close()
	}
	if len(ids) != n {
		t.Fatalf("%d distinct products for %d markers", len(ids), n)
	}
	log := mock.Server.RequestLog()[before:]
	if len(log) != 1 || log[0].Route != "GET /hostway/accounts/{account}/products" || strings.Contains(log[0].Query, "filterPartnerId") {
		t.Fatalf("requests %v (%+v), want one list of the account's products", routeList(log), log)
	}
}

// TestProductPollFallsBack: a wait reads for itself when the shared list
// fails or lacks its product, and a single wait never lists the account.
func TestProductPollFallsBack(t *testing.T) {
	t.Parallel()
	clock := waitertest.NewFakeClock()
	c, mock := clockedMock(t, clock, 0, 0, waiter.Options{})
	ctx := context.Background()
	account := c.Account().AccountNumber
	markers := placeN(ctx, t, c, mock.Seed.Hostway, 1)

	routesSince := func(from int) ([]string, int) {
		log := mock.Server.RequestLog()
		var out []string
		for _, r := range log[from:] {
			out = append(out, r.Route+"?"+r.Query)
		}
		return out, len(log)
	}
	_, mark := routesSince(0)

	// One wait alone: its own filtered list, then GETs.
	alone := c.pollNewProduct(account, markers[0])
	p, err := alone.get(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := alone.get(ctx); err != nil {
		t.Fatal(err)
	}
	got, mark := routesSince(mark)
	if len(got) != 2 || !strings.Contains(got[0], "filterPartnerId="+markers[0]) || !strings.HasPrefix(got[1], "GET /hostway/accounts/{account}/products/{product}?") {
		t.Fatalf("a single wait sent %v, want its filtered list, then a GET of its product", got)
	}

	// Two waits share the list; the second one's product does not exist.
	other := c.pollNewProduct(account, "tf-nobody")
	mock.Server.InjectFault(mockcloud.Fault{Method: "GET", PathPrefix: "/hostway/accounts/", Status: 502, Count: 3})
	if q, err := alone.get(ctx); err != nil || q.ID != p.ID {
		t.Fatalf("after a failed list: %+v, %v; want product %s from its own GET", q, err, p.ID)
	}
	got, mark = routesSince(mark)
	if len(got) != 4 || strings.Contains(strings.Join(got[:3], ""), "{product}") || !strings.HasPrefix(got[3], "GET /hostway/accounts/{account}/products/{product}?") {
		t.Fatalf("requests %v: want the shared list (three 502s, retries exhausted), then the product's own GET", got)
	}
	if _, err := other.get(ctx); err == nil || !errors.Is(err, waiter.ErrNotFound) {
		t.Fatalf("a product the list lacks: %v, want not found", err)
	}
	got, _ = routesSince(mark)
	if len(got) != 2 || strings.Contains(got[0], "filterPartnerId") || !strings.Contains(got[1], "filterPartnerId=tf-nobody") {
		t.Fatalf("requests %v: want the shared list, then the wait's own filtered list", got)
	}
	alone.close()
	other.close()
	if c.products.shared(account) || len(c.products.accounts) != 0 {
		t.Fatalf("waits still counted after they ended: %+v", c.products.accounts)
	}
}
