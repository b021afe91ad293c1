package api

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest/testutil"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
)

// The fuzz targets feed arbitrary answers to the client's decoders (order
// envelope, products, services, lists, error bodies) and arbitrary
// Location headers to the id parsing. The seeds and testdata/fuzz run as
// ordinary tests; `make fuzz` explores further.

const fuzzPassword = "hostway-fuzz-password-3f9a1c"

// fuzzClient is a client whose every call gets the same answer
// (testutil.CannedClient): status, Location and Set-Cookie headers, body.
func fuzzClient(t *testing.T, status int, location, cookie string, body []byte) *Client {
	t.Helper()
	c, err := NewClient(Config{
		Endpoint: "https://hostway.invalid", Username: "fuzz@partner", Password: fuzzPassword,
		Account:   AccountSettings{AccountNumber: "acct100001"},
		Transport: apiclient.Transport{HTTPClient: testutil.CannedClient(status, body, "Location", location, "Set-Cookie", cookie)},
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// hostwaySeeds are answers in the shapes of the contract
// (internal/mockcloud/contract/specs/hostway.yaml, api-reference §3a):
// bodies carry no id (it is the last segment of the self link), lists are
// {"list", "links"} with page/pageSize links, catalog default flags are 0
// or 1, a service specification's attributes is a URL, offerings asked
// for with details=1 inline their prices, and an order's links are an
// object keyed by rel. A few seeds keep shapes the client tolerates
// (Account as an object or a URL) or must reject cleanly.
var hostwaySeeds = []string{
	`{"order":{"Status":"new","Account":"acct100001"},"links":{"self":{"href":"https://hostway.invalid/orders/o1","rel":"self"}}}`,
	`{"order":{"Status":"Processing","Account":""},"links":{"self":{"href":"https://hostway.invalid/orders/o1","rel":"self"}}}`,
	`{"order":{"Status":"Processing","Account":{"accountNumber":"acct100001"}},"links":{}}`,
	`{"order":{"Status":"processing","Account":{"links":[{"rel":"self","href":"https://hostway.invalid/accounts/acct9"}]}}}`,
	`{"order":{"Status":"new","Account":"https://hostway.invalid/accounts/acct100001"}}`,
	`{"status":"open","name":"vps1","displayName":"VPS 1","partnerId":"tf-1","billingCycle":1,` +
		`"productSpecification":"https://hostway.invalid/productSpecifications/core.plan.vps.virtuozzo.u101",` +
		`"links":[{"rel":"self","href":"https://hostway.invalid/accounts/acct100001/products/p1"}],` +
		`"changes":[{"type":"upgrade","id":"core.plan.vps.virtuozzo.u102","href":"https://hostway.invalid/productSpecifications/core.plan.vps.virtuozzo.u102"}]}`,
	`{"list":[{"status":"pending","partnerId":"tf-2","billingCycle":12,"productSpecification":"https://hostway.invalid/productSpecifications/core.plan.vps.virtuozzo.u101",` +
		`"links":[{"rel":"self","href":"https://hostway.invalid/accounts/acct100001/products/p2"}]}],` +
		`"links":[{"rel":"self","href":"https://hostway.invalid/accounts/acct100001/products?page=1&pageSize=50"},` +
		`{"rel":"next","href":"https://hostway.invalid/accounts/acct100001/products?page=2&pageSize=50"}]}`,
	`{"list":[{"name":"server","serviceSpecification":"https://hostway.invalid/serviceSpecifications/core.vps.virtuozzo.server.s1","status":"open","billingCycle":1,` +
		`"links":[{"rel":"self","href":"https://hostway.invalid/accounts/acct100001/products/p1/services/s1"}]}],` +
		`"links":[{"rel":"self","href":"https://hostway.invalid/accounts/acct100001/products/p1/services?page=1&pageSize=50"}]}`,
	`{"status":"open","name":"ip","displayName":"Additional IP","billingCycle":1,"serviceSpecification":"https://hostway.invalid/serviceSpecifications/core.vps.virtuozzo.ip",` +
		`"links":[{"rel":"self","href":"https://hostway.invalid/accounts/acct100001/products/p1/services/s2"}],` +
		`"changes":[{"type":"downgrade","name":"none","billingCycle":1,"href":"https://hostway.invalid/serviceSpecifications/core.vps.virtuozzo.ip.none"}]}`,
	`{"name":"Additional IP address","category":"ip","ranking":130,"attributes":"https://hostway.invalid/serviceSpecifications/core.vps.virtuozzo.ip/attributes",` +
		`"billingCycles":[{"default":1,"billingCycle":1},{"default":0,"billingCycle":12}],` +
		`"links":[{"rel":"self","href":"https://hostway.invalid/serviceSpecifications/core.vps.virtuozzo.ip"}]}`,
	`{"list":[{"billingPeriod":1,"currency":"USD","default":1,"prices":[{"type":"setup","amount":"0.00"},{"type":"recurring","amount":"24.95"}],` +
		`"links":[{"rel":"self","href":"https://hostway.invalid/productSpecifications/core.plan.vps.virtuozzo.u101/offerings/USD-1"}]},` +
		`{"billingPeriod":12,"currency":"USD","default":0,"prices":"https://hostway.invalid/productSpecifications/core.plan.vps.virtuozzo.u101/offerings/USD-12/prices",` +
		`"links":[{"rel":"self","href":"https://hostway.invalid/productSpecifications/core.plan.vps.virtuozzo.u101/offerings/USD-12"}]}],` +
		`"links":[{"rel":"self","href":"https://hostway.invalid/productSpecifications/core.plan.vps.virtuozzo.u101/offerings?page=1&pageSize=50"}]}`,
	`{"orderId":"00000143d407b725","links":[{"rel":"self","href":"https://hostway.invalid/orders/"},{"rel":"item","href":"https://hostway.invalid/orders/00000143d407b725"}]}`,
	`{"list":[],"links":[]}`,
	`{"itemNotFound":{"guid":"9f1c","message":"Product not found","code":404,"details":"no such product"}}`,
	`{"forbidden":{"guid":"1","message":"password ` + fuzzPassword + ` is wrong","code":403,"details":"x"}}`,
	`{"conflict":{"guid":"2","message":"The order was already submitted","code":409}}`,
	`Unauthorized`,
	`<html><head><title>502 Proxy Error</title></head></html>`,
	`{"order":`,
	``,
	`{"billingCycle":"twelve","default":true}`,
	`{"list":null,"links":"x"}`,
}

// FuzzHostwayDecoders sends one answer (status, Location, Set-Cookie and
// body) to the calls that decode orders, products, services, offerings
// and lists, and to the cart's create, which reads Location and the
// OwnerId cookie.
func FuzzHostwayDecoders(f *testing.F) {
	for _, s := range hostwaySeeds {
		f.Add(200, "", "", []byte(s))
	}
	f.Add(201, "https://hostway.invalid/orders/00000143d407b725", "OwnerId=abc; Path=/; HttpOnly", []byte(hostwaySeeds[11]))
	f.Add(201, "/orders/o%2F1", "OwnerId=", []byte(`{}`))
	f.Add(404, "", "", []byte(hostwaySeeds[13]))
	f.Add(401, "", "", []byte(hostwaySeeds[16]))
	f.Add(403, "", "", []byte(hostwaySeeds[14]))
	f.Add(409, "", "", []byte(hostwaySeeds[15]))
	f.Add(502, "", "", []byte(hostwaySeeds[17]))
	f.Fuzz(func(t *testing.T, status int, location, cookie string, body []byte) {
		if status < 100 || status > 599 {
			status = 200
		}
		c := fuzzClient(t, status, location, cookie, body)
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		check := func(name string, err error) {
			if err == nil {
				return
			}
			if msg := err.Error(); strings.TrimSpace(msg) == "" || strings.Contains(msg, fuzzPassword) {
				t.Errorf("%s: an empty error or one that repeats the password: %q", name, msg)
			}
		}
		_, err := c.GetOrder(ctx, "o1")
		check("GetOrder", err)
		_, err = c.GetProduct(ctx, "acct100001", "p1")
		check("GetProduct", err)
		_, err = c.ListProducts(ctx, "acct100001", ProductFilter{})
		check("ListProducts", err)
		_, err = c.ListServices(ctx, "acct100001", "p1")
		check("ListServices", err)
		_, err = c.GetServiceSpecification(ctx, "core.vps.virtuozzo.ip")
		check("GetServiceSpecification", err)
		_, err = c.ListOfferings(ctx, "core.plan.vps.virtuozzo.u101")
		check("ListOfferings", err)
		s := c.NewOrderSession()
		ref, err := s.Create(ctx)
		check("Create", err)
		if err == nil && (ref.ID == "" || s.OwnerID() == "") {
			t.Errorf("Create succeeded without an id (%q) or an OwnerId cookie (%q)", ref.ID, s.OwnerID())
		}
	})
}

// FuzzHostwayLocation checks how ids are read from Location headers: an id
// is found or a clear error given, and the id, put back into a path,
// addresses the same object.
func FuzzHostwayLocation(f *testing.F) {
	for _, s := range []string{
		"https://hostway.invalid/orders/00000143d407b725d9eb9a41007f000000010001",
		"/orders/o1/account/products/p1/services/s1",
		"orders/o1/", "https://other.invalid/x/y?z=1#f", "https://hostway.invalid/orders/a%2Fb",
		"https://hostway.invalid/", "%zz", " ", "https://hostway.invalid/orders/%E2%82%AC",
	} {
		f.Add(s)
	}
	c := fuzzClientForLocation(f)
	f.Fuzz(func(t *testing.T, loc string) {
		resp := &apiclient.Response{StatusCode: http.StatusCreated, Header: http.Header{}}
		resp.Header.Set("Location", loc)
		ref, err := c.locationRef(resp, "order")
		if err != nil {
			if !strings.Contains(err.Error(), "Location") {
				t.Errorf("the error does not say the Location header is at fault: %v", err)
			}
			return
		}
		if ref.ID == "" {
			t.Fatalf("no id and no error for Location %q", loc)
		}
		if _, err := url.Parse(ref.URL); err != nil {
			t.Fatalf("the stored URL %q of Location %q does not parse: %v", ref.URL, loc, err)
		}
		// The id goes back into request paths escaped as one segment.
		if got := idFromURL(c.url(orderPath(ref.ID))); got != ref.ID {
			t.Fatalf("id %q from Location %q comes back as %q from its own path", ref.ID, loc, got)
		}
	})
}

func fuzzClientForLocation(f *testing.F) *Client {
	c, err := NewClient(Config{
		Endpoint: "https://hostway.invalid/api", Username: "u@p", Password: "p",
		Account: AccountSettings{AccountNumber: "a"},
	})
	if err != nil {
		f.Fatal(err)
	}
	return c
}

// The seeds in the contract's shapes are answers the client reads without
// an error, so that the fuzzer starts from what Hostway sends.
func TestHostwaySeedsDecode(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, tc := range []struct {
		seed int
		call func(c *Client) error
	}{
		{0, func(c *Client) error { _, err := c.GetOrder(ctx, "o1"); return err }},
		{1, func(c *Client) error { _, err := c.GetOrder(ctx, "o1"); return err }},
		{5, func(c *Client) error { _, err := c.GetProduct(ctx, "acct100001", "p1"); return err }},
		{7, func(c *Client) error { _, err := c.ListServices(ctx, "acct100001", "p1"); return err }},
		{9, func(c *Client) error { _, err := c.GetServiceSpecification(ctx, "core.vps.virtuozzo.ip"); return err }},
		{10, func(c *Client) error { _, err := c.ListOfferings(ctx, "core.plan.vps.virtuozzo.u101"); return err }},
		{12, func(c *Client) error { _, err := c.ListProducts(ctx, "acct100001", ProductFilter{}); return err }},
	} {
		if err := tc.call(fuzzClient(t, http.StatusOK, "", "", []byte(hostwaySeeds[tc.seed]))); err != nil {
			t.Errorf("seed %d (%.60s…): %v", tc.seed, hostwaySeeds[tc.seed], err)
		}
	}
}
