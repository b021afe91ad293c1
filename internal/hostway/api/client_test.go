package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest/testutil"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/cloud"
	hostwaymock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/hostway"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waiter"
)

// mockClient starts a seeded mock and a client for its demo account.
func mockClient(t *testing.T, opts ...func(*Config)) (*Client, *cloud.Server, hostwaymock.HostwayDemo) {
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
	for _, o := range opts {
		o(&cfg)
	}
	c, err := NewClient(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c, mock.Server, mock.Seed.Hostway
}

func TestDecodeError(t *testing.T) {
	t.Parallel()
	e := decodeError(404, http.Header{}, []byte(`{"itemNotFound": {"guid": "7d3c", "message": "Order x was not found.", "code": 404, "details": "check the id"}}`))
	if e == nil || e.Code != "itemNotFound" || e.Message != "Order x was not found. (check the id)" || e.RequestID != "7d3c" {
		t.Fatalf("decoded %+v", e)
	}
	// 401s are plain text: left to the default decoder.
	if e := decodeError(401, http.Header{}, []byte("401 Unauthorized")); e != nil {
		t.Fatalf("plain text decoded as %+v", e)
	}
	if e := decodeError(400, http.Header{}, []byte(`{"a": 1, "b": 2}`)); e != nil {
		t.Fatalf("two keys decoded as %+v", e)
	}
}

func TestParseReferences(t *testing.T) {
	t.Parallel()
	okOfferings := map[string][2]string{
		"core.plan.vps.virtuozzo.u101/USD-1": {"core.plan.vps.virtuozzo.u101", "USD-1"},
		"https://api.hostway.com/productSpecifications/core.plan.vps.virtuozzo.u101/offerings/USD-1":      {"core.plan.vps.virtuozzo.u101", "USD-1"},
		"http://127.0.0.1:9/hostway/productSpecifications/core.plan.vps.virtuozzo.u102/offerings/USD-12/": {"core.plan.vps.virtuozzo.u102", "USD-12"},
	}
	for in, want := range okOfferings {
		spec, id, err := ParseOffering(in)
		if err != nil || spec != want[0] || id != want[1] {
			t.Errorf("ParseOffering(%q) = %q, %q, %v", in, spec, id, err)
		}
	}
	for _, bad := range []string{"USD-1", "a/b/c", "https://api.hostway.com/serviceSpecifications/x", "https://api.hostway.com/productSpecifications/x/plans/y", "/x"} {
		if _, _, err := ParseOffering(bad); err == nil {
			t.Errorf("ParseOffering(%q) accepted", bad)
		}
	}
	if code, err := ParseServiceSpecification("https://api.hostway.com/serviceSpecifications/core.vps.virtuozzo.ip"); err != nil || code != "core.vps.virtuozzo.ip" {
		t.Errorf("service URL: %q, %v", code, err)
	}
	for _, bad := range []string{"", "has space", "https://api.hostway.com/offerings/x", "ftp://x/serviceSpecifications/y"} {
		if _, err := ParseServiceSpecification(bad); err == nil {
			t.Errorf("ParseServiceSpecification(%q) accepted", bad)
		}
	}
	if code, err := ParseProductSpecification("https://h/productSpecifications/core.plan.vps.virtuozzo.u101"); err != nil || code != "core.plan.vps.virtuozzo.u101" {
		t.Errorf("product URL: %q, %v", code, err)
	}
}

func TestServiceKinds(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"core.vps.virtuozzo.server.u100":                  "server",
		"core.vps.virtuozzo.controlpanel.plesk9-10domain": "controlpanel",
		"core.vps.virtuozzo.additional_memory.256mb":      "additional_memory",
		"core.vps.virtuozzo.additional_disk.10gb":         "additional_disk",
		"core.vps.virtuozzo.additional_bandwidth.1000gb":  "additional_bandwidth",
		"core.vps.virtuozzo.ip":                           "ip",
		"core.vps.virtuozzo.powerpack":                    "powerpack",
		"core.vps.virtuozzo.ipv6":                         "",
		"core.vps.virtuozzo.server.":                      "",
		"core.vps.virtuozzo.gpu.a100":                     "",
	}
	for code, want := range cases {
		k, ok := KindOf(code)
		if (want == "") == ok || k.Name != want {
			t.Errorf("KindOf(%q) = %q, %v; want %q", code, k.Name, ok, want)
		}
	}
}

func TestIDFromURL(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"https://api.hostway.com/orders/00000143d407b34742ee26ae007f000000010001":  "00000143d407b34742ee26ae007f000000010001",
		"https://api.hostway.com/orders/00000143d407b34742ee26ae007f000000010001/": "00000143d407b34742ee26ae007f000000010001",
		"/orders/a%2Fb": "a/b",
	} {
		if got := idFromURL(in); got != want {
			t.Errorf("idFromURL(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAccountNumberOf(t *testing.T) {
	t.Parallel()
	for raw, want := range map[string]string{
		`"acct123456"`: "acct123456",
		`"https://api.hostway.com/accounts/acct123456"`:                    "acct123456",
		`{"accountNumber": "acct1"}`:                                       "acct1",
		`{"links": [{"href": "https://h/accounts/acct2", "rel": "self"}]}`: "acct2",
		`""`: "",
	} {
		if got := accountNumberOf([]byte(raw)); got != want {
			t.Errorf("accountNumberOf(%s) = %q, want %q", raw, got, want)
		}
	}
}

// TestOrderSessionCookies checks the cookie discipline against the mock:
// no cookie on POST /orders, the OwnerId on every later call of the order,
// and independent sessions never share a cookie (no 409).
func TestOrderSessionCookies(t *testing.T) {
	t.Parallel()
	c, m, demo := mockClient(t)
	ctx := context.Background()
	a, b := c.NewOrderSession(), c.NewOrderSession()
	orderA, err := a.Create(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Create(ctx); err != nil {
		t.Fatalf("a second session got %v; sessions must not share the OwnerId", err)
	}
	if a.OwnerID() == "" || a.OwnerID() == b.OwnerID() {
		t.Fatalf("owner ids %q and %q", a.OwnerID(), b.OwnerID())
	}
	if _, err := a.Create(ctx); err == nil {
		t.Fatal("a session built a second order")
	}
	if !strings.HasPrefix(orderA.URL, c.base.String()+"orders/") {
		t.Errorf("order URL %q is not below the endpoint %s", orderA.URL, c.base)
	}
	if err := a.SetAccount(ctx, AccountSettings{AccountNumber: demo.AccountNumber}); err != nil {
		t.Fatal(err)
	}
	o, err := a.Get(ctx)
	if err != nil || !o.IsNew() || o.Account != demo.AccountNumber {
		t.Fatalf("order %+v, %v", o, err)
	}
	// Another Terraform run resumes the cart with the saved OwnerId.
	if err := c.ResumeOrderSession(orderA.ID, a.OwnerID()).Delete(ctx); err != nil {
		t.Fatalf("deleting a resumed cart: %v", err)
	}
	err = c.ResumeOrderSession(orderA.ID, a.OwnerID()).Delete(ctx)
	if !apiclient.IsNotFound(err) {
		t.Fatalf("deleting a deleted cart: %v, want 404", err)
	}
	for i, r := range m.RequestLog() {
		first := r.Method == "POST" && r.Path == "/hostway/orders"
		if first != (len(r.Cookies) == 0) {
			t.Errorf("request %d %s %s carried cookies %v", i, r.Method, r.Path, r.Cookies)
		}
	}
}

func TestPlaceCartDeletesCartOnFailure(t *testing.T) {
	t.Parallel()
	c, m, demo := mockClient(t)
	ctx := context.Background()
	var created Ref
	_, err := c.PlaceCart(ctx, Cart{
		Account: AccountSettings{AccountNumber: demo.AccountNumber},
		Product: ProductRequest{Offering: c.OfferingURL(demo.ProductSpecification, demo.Offering), PartnerID: "tf-x"},
		Server:  &ServiceRequest{Name: "s", ServiceSpecification: c.ServiceSpecificationURL(demo.ServerSpecification), BillingCycle: 1},
		// A child the catalog does not know: the API refuses it.
		Children: []ServiceRequest{{Name: "s", ServiceSpecification: c.ServiceSpecificationURL("core.vps.virtuozzo.ip.v6"), BillingCycle: 1}},
	}, CartProgress{Created: func(r Ref, owner string) { created = r }})
	var ce *CartError
	if !errors.As(err, &ce) || !CartDeleted(err) || ce.Order.ID != created.ID {
		t.Fatalf("err %v, want a CartError for order %s with the cart deleted", err, created.ID)
	}
	if !strings.Contains(err.Error(), "was not found") || !strings.Contains(err.Error(), "Nothing was ordered") {
		t.Errorf("error %q lacks the API's message or the outcome", err)
	}
	if n := len(m.Hostway().Orders()); n != 0 {
		t.Fatalf("%d carts left", n)
	}
}

func TestPasswordNeverInErrors(t *testing.T) {
	t.Parallel()
	c, _, demo := mockClient(t, func(cfg *Config) { cfg.Password = "wrong-secret-password" })
	_, err := c.ListProducts(context.Background(), demo.AccountNumber, ProductFilter{})
	if !apiclient.IsUnauthorized(err) {
		t.Fatalf("err %v, want 401", err)
	}
	if strings.Contains(err.Error(), "wrong-secret-password") {
		t.Fatalf("the password leaked: %v", err)
	}
	if !strings.Contains(err.Error(), "invalid user name or password") {
		t.Errorf("the plain-text 401 message is missing: %v", err)
	}
}

func TestNewClientChecksSettings(t *testing.T) {
	t.Parallel()
	for _, cfg := range []Config{
		{Username: "u", Password: "p"},
		{Username: "u", Account: AccountSettings{AccountNumber: "a"}},
		{Username: "u", Password: "p", Account: AccountSettings{AccountNumber: "a"}, Endpoint: "api.hostway.com"},
	} {
		if _, err := NewClient(cfg); err == nil {
			t.Errorf("NewClient(%+v) accepted", cfg)
		}
	}
	c, err := NewClient(Config{Username: "u", Password: "p", Account: AccountSettings{Currency: "USD", Language: "en"}})
	if err != nil || c.base.String() != DefaultEndpoint+"/" || !c.Account().NewAccount() {
		t.Fatalf("default endpoint: %v, %v", c, err)
	}
}

// TestListFollows303AndNextLinks checks the paging rules of api-reference
// §3a from the client's side: page and pageSize go together, a 303 the API
// answers is followed with the credentials, every page is read through its
// next link, and ids come from self links that end in "/".
func TestListFollows303AndNextLinks(t *testing.T) {
	t.Parallel()
	var srvURL string
	var sent []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sent = append(sent, r.URL.RequestURI())
		if user, pass, ok := r.BasicAuth(); !ok || user != "u@p" || pass != "pw" {
			w.Header().Set("Content-Type", "text/plain; charset=UTF-8")
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = w.Write([]byte("401 Unauthorized"))
			return
		}
		q := r.URL.Query()
		if q.Has("page") != q.Has("pageSize") {
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte(`{"badRequest":{"guid":"g","message":"page and pageSize must be given together.","code":400}}`))
			return
		}
		if q.Get("pageSize") != "2" {
			http.Redirect(w, r, r.URL.Path+"?filterPartnerId=tf-x&page=1&pageSize=2", http.StatusSeeOther)
			return
		}
		self := func(id string) string { return srvURL + "/hw/accounts/a1/products/" + id + "/" }
		w.Header().Set("Content-Type", "application/json; charset=UTF-8")
		switch q.Get("page") {
		case "1":
			_, _ = fmt.Fprintf(w, `{"list":[{"status":"open","productSpecification":"x","links":[{"rel":"self","href":%q}]},`+
				`{"status":"open","productSpecification":"x","links":[{"rel":"self","href":%q}]}],`+
				`"links":[{"rel":"self","href":"x"},{"rel":"next","href":%q}]}`, self("p1"), self("p2"), srvURL+"/hw/accounts/a1/products?filterPartnerId=tf-x&page=2&pageSize=2")
		default:
			_, _ = fmt.Fprintf(w, `{"list":[{"status":"open","productSpecification":"x","links":[{"rel":"self","href":%q}]}],"links":[]}`, self("p3"))
		}
	}))
	t.Cleanup(srv.Close)
	srvURL = srv.URL
	c, err := NewClient(Config{Endpoint: srv.URL + "/hw", Username: "u@p", Password: "pw", Account: AccountSettings{AccountNumber: "a1"}})
	if err != nil {
		t.Fatal(err)
	}
	products, err := c.ListProducts(context.Background(), "a1", ProductFilter{PartnerID: "tf-x"})
	if err != nil {
		t.Fatalf("%v (requests %v)", err, sent)
	}
	var ids []string
	for _, p := range products {
		ids = append(ids, p.ID+"@"+p.AccountNumber)
	}
	if strings.Join(ids, ",") != "p1@a1,p2@a1,p3@a1" {
		t.Fatalf("products %v, want p1, p2 and p3 of a1 (requests %v)", ids, sent)
	}
	if len(sent) != 3 || !strings.Contains(sent[0], "page=1") || !strings.Contains(sent[0], "pageSize=400") {
		t.Fatalf("requests %v: want page=1&pageSize=400, the 303's page, then the next link", sent)
	}
}

// TestTargetsAndFlags reads the documented shapes: targets in "changes" of
// the object, not a list, and catalog flags as 0 or 1.
func TestTargetsAndFlags(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.URL.Query().Get("getTargetProductSpecifications") == "1":
			_, _ = w.Write([]byte(`{"status":"open","productSpecification":"x","links":[],"changes":[{"type":"upgrade","id":"core.plan.b","href":"https://h/productspecifications/core.plan.b"},{"type":"downgrade","href":"https://h/productspecifications/core.plan.c/"}]}`))
		case r.URL.Query().Get("getTargetServiceSpecifications") == "1":
			_, _ = w.Write([]byte(`{"status":"open","name":"s","serviceSpecification":"x","links":[],"changes":[{"href":"https://h/servicespecifications/core.vps.virtuozzo.server.u200/","type":"upgrade","name":"U200","billingCycle":1}]}`))
		default:
			_, _ = w.Write([]byte(`{"list":[{"billingPeriod":1,"currency":"USD","default":1,"prices":"https://h/p","links":[{"rel":"self","href":"https://h/productspecifications/c/offerings/USD-1"}]},` +
				`{"billingPeriod":12,"currency":"USD","default":0,"prices":"https://h/p","links":[{"rel":"self","href":"https://h/productspecifications/c/offerings/USD-12"}]}],"links":[]}`))
		}
	}))
	t.Cleanup(srv.Close)
	c, err := NewClient(Config{Endpoint: srv.URL, Username: "u@p", Password: "pw", Account: AccountSettings{AccountNumber: "a1"}})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	pt, err := c.TargetProductSpecifications(ctx, "a1", "p1")
	if err != nil || len(pt) != 2 || pt[0].Code() != "core.plan.b" || pt[1].Code() != "core.plan.c" {
		t.Fatalf("product targets %+v, %v", pt, err)
	}
	st, err := c.TargetServiceSpecifications(ctx, "a1", "p1", "s1")
	if err != nil || len(st) != 1 || st[0].Code() != "core.vps.virtuozzo.server.u200" {
		t.Fatalf("service targets %+v, %v", st, err)
	}
	offs, err := c.ListOfferings(ctx, "c")
	if err != nil || len(offs) != 2 || !bool(offs[0].Default) || bool(offs[1].Default) || offs[1].ID() != "USD-12" {
		t.Fatalf("offerings %+v, %v", offs, err)
	}
	spec, id, ok, err := c.OfferingOf(ctx, &Product{ProductSpecification: "https://h/productspecifications/c", BillingCycle: 12})
	if err != nil || !ok || spec != "c" || id != "USD-12" {
		t.Fatalf("offering of a 12-month product: %s/%s %v %v", spec, id, ok, err)
	}
	var f Flag
	if err := json.Unmarshal([]byte("2"), &f); err == nil {
		t.Fatal("2 read as a 0/1 flag")
	}
}
