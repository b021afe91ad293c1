package hostway

import (
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
)

// hwClient drives the Hostway mock like a client: it keeps the OwnerId
// cookie it was given and sends Basic credentials when told to.
type hwClient struct {
	e      *testEnv
	cookie string
	basic  bool
}

func (e *testEnv) hostway(basic bool) *hwClient { return &hwClient{e: e, basic: basic} }

func (c *hwClient) do(method, path string, body any) testResponse {
	c.e.T.Helper()
	header := map[string]string{}
	if c.cookie != "" {
		header["Cookie"] = "OwnerId=" + c.cookie
	}
	if c.basic {
		req, _ := http.NewRequest("GET", "/", nil)
		req.SetBasicAuth(c.e.Demo.Username, c.e.Demo.Password)
		header["Authorization"] = req.Header.Get("Authorization")
	}
	if !strings.HasPrefix(path, "http") {
		path = HostwayPrefix + path
	}
	if body == nil && (method == "POST" || method == "PUT") {
		body = map[string]any{}
	}
	return c.e.DoWith(method, path, body, header)
}

// newOrder creates a cart and keeps its cookie; it returns the order URL.
func (c *hwClient) newOrder() string {
	c.e.T.Helper()
	r := c.do("POST", "/orders", nil).Want(c.e.T, 201)
	for _, ck := range (&http.Response{Header: r.Header}).Cookies() {
		if ck.Name == "OwnerId" {
			c.cookie = ck.Value
		}
	}
	if c.cookie == "" {
		c.e.T.Fatalf("POST /orders set no OwnerId cookie: %v", r.Header)
	}
	return r.Header.Get("Location")
}

func (e *testEnv) hwURL(path string) string { return e.TS.URL + HostwayPrefix + path }

func (e *testEnv) offeringURLHostway() string {
	return e.hwURL("/productSpecifications/" + e.Demo.ProductSpecification + "/offerings/" + e.Demo.Offering)
}

func (e *testEnv) serviceSpecURL(code string) string {
	return e.hwURL("/serviceSpecifications/" + code)
}

func service(name, spec string, cycle int, related ...string) map[string]any {
	s := map[string]any{"name": name, "serviceSpecification": spec, "billingCycle": cycle}
	if len(related) > 0 {
		s["relatedTo"] = related
	}
	return s
}

// wantError fails unless the answer is Hostway's JSON error with key and a
// message containing msg.
func wantError(t *testing.T, r testResponse, status int, key, msg string) {
	t.Helper()
	r.Want(t, status)
	var body map[string]struct {
		GUID    string `json:"guid"`
		Message string `json:"message"`
		Code    int    `json:"code"`
	}
	if err := json.Unmarshal(r.Body, &body); err != nil {
		t.Fatalf("error body is not JSON: %s", r.Body)
	}
	e, ok := body[key]
	if !ok || e.GUID == "" || e.Code != status || !strings.Contains(e.Message, msg) {
		t.Fatalf("error body %s, want %q with a message containing %q", r.Body, key, msg)
	}
}

// TestHostwaySeedFlow walks the seed: a cart with a server and six child
// services, validate, submit, then provisioning of the account product.
func TestHostwaySeedFlow(t *testing.T) {
	e := newTestEnv(t, WithHostwayDelays(HostwayDelays{Pending: time.Second, Provisioning: time.Minute, Closing: time.Minute}))
	d := e.Demo
	c := e.hostway(true)
	orderURL := c.newOrder()
	if !strings.HasPrefix(orderURL, e.TS.URL+HostwayPrefix+"/orders/") {
		t.Fatalf("Location %q lacks the mount prefix", orderURL)
	}
	orderID := orderURL[strings.LastIndex(orderURL, "/")+1:]
	if len(orderID) != 40 {
		t.Errorf("order id %q is not 40 characters like the seed's", orderID)
	}

	// One open order per OwnerId.
	wantError(t, c.do("POST", "/orders", nil), 409, "conflict", "A new order has already been created for this ownerID")
	// Builder calls need the cookie: without it, or with another, a 401
	// in plain text (api-reference §3a).
	wantUnauthorized(t, (&hwClient{e: e, basic: true}).do("PUT", "/orders/"+orderID+"/account", map[string]any{"accountNumber": d.AccountNumber}),
		"OwnerId")
	wantUnauthorized(t, (&hwClient{e: e, basic: true, cookie: "not-the-owner"}).do("PUT", "/orders/"+orderID+"/account", map[string]any{"accountNumber": d.AccountNumber}),
		"OwnerId")
	// An existing account needs its owner's credentials: 401 in plain text.
	noBasic := &hwClient{e: e, cookie: c.cookie}
	r := noBasic.do("PUT", "/orders/"+orderID+"/account", map[string]any{"accountNumber": d.AccountNumber}).Want(t, 401)
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
		t.Errorf("401 Content-Type %q, want text/plain", ct)
	}
	c.do("PUT", "/orders/"+orderID+"/account", map[string]any{"accountNumber": d.AccountNumber}).Want(t, 204)

	productURL := c.do("POST", "/orders/"+orderID+"/account/products", map[string]any{
		"offering": e.offeringURLHostway(), "partnerId": "tf-marker",
	}).Want(t, 201).Header.Get("Location")
	productPath := strings.TrimPrefix(productURL, e.TS.URL+HostwayPrefix)

	// Children before the server, and a bad billing cycle, are refused.
	wantError(t, c.do("POST", productPath+"/services", service("x", e.serviceSpecURL(d.ChildSpecifications[4]), 1)),
		400, "badRequest", "needs to be created first")
	wantError(t, c.do("POST", productPath+"/services", service("x", e.serviceSpecURL(d.ServerSpecification), 121)),
		400, "badRequest", "from 1 to 120")
	wantError(t, c.do("POST", productPath+"/services", service("x", e.serviceSpecURL(d.ServerSpecification), 7)),
		400, "badRequest", "not offered")

	serverURL := c.do("POST", productPath+"/services", service("VPS Virtuozzo Test", e.serviceSpecURL(d.ServerSpecification), 1)).
		Want(t, 201).Header.Get("Location")
	wantError(t, c.do("POST", productPath+"/services", service("x", e.serviceSpecURL(d.ChildSpecifications[0]), 1)),
		400, "badRequest", "relatedTo")
	wantError(t, c.do("POST", productPath+"/services", service("x", e.serviceSpecURL(d.ChildSpecifications[0]), 1, e.hwURL("/orders/other/account/products/p/services/s"))),
		400, "badRequest", "does not name the Virtuozzo Server service")
	for _, spec := range d.ChildSpecifications {
		c.do("POST", productPath+"/services", service("VPS Virtuozzo Test", e.serviceSpecURL(spec), 1, serverURL)).Want(t, 201)
	}
	wantError(t, c.do("PUT", strings.TrimPrefix(serverURL, e.TS.URL+HostwayPrefix), map[string]any{"name": "renamed"}),
		400, "badRequest", "billingCycle")
	c.do("PUT", strings.TrimPrefix(serverURL, e.TS.URL+HostwayPrefix), map[string]any{"name": "VPS Virtuozzo Test", "billingCycle": 3}).Want(t, 204)

	wantError(t, c.do("POST", "/orders/"+orderID+"/action", map[string]any{"action": "cancel"}), 400, "badRequest", "Unknown action")
	c.do("POST", "/orders/"+orderID+"/action", map[string]any{"action": "validate"}).Want(t, 204)
	c.do("GET", "/orders/"+orderID, nil).Want(t, 200).WantJSON(t, `{"order":{"Status":"new","Account":"acct123456"},"links":{"self":{"href":"`+orderURL+`","rel":"self"}}}`)
	c.do("POST", "/orders/"+orderID+"/action", map[string]any{"action": "submit"}).Want(t, 202)
	wantError(t, c.do("POST", "/orders/"+orderID+"/action", map[string]any{"action": "submit"}), 409, "conflict", "already been submitted")
	wantError(t, c.do("DELETE", "/orders/"+orderID, nil), 405, "badMethod", "submitted")
	if got := c.do("GET", "/orders/"+orderID, nil).Want(t, 200).Object(t)["order"].(map[string]any)["Status"]; got != "Processing" {
		t.Fatalf("order status after submit %v, want Processing", got)
	}
	// The same OwnerId may start a new order once the first is submitted.
	c.do("POST", "/orders", nil).Want(t, 201)

	// The account product is found by partnerId; its id is not the order's.
	list := c.do("GET", "/accounts/"+d.AccountNumber+"/products?filterPartnerId=tf-marker", nil).Want(t, 200).Object(t)
	items := list["list"].([]any)
	if len(items) != 1 {
		t.Fatalf("filterPartnerId found %d products, want 1: %v", len(items), list)
	}
	p := items[0].(map[string]any)
	// No id field: the id is the last segment of the self link (§3a).
	pid := selfID(t, p)
	if _, has := p["id"]; has || p["status"] != HostwayNew || pid == lastSegment(productURL) {
		t.Fatalf("account product %v: want status new, no id field and an id of its own", p)
	}
	e.Clock.Advance(time.Second)
	if st := c.do("GET", "/accounts/"+d.AccountNumber+"/products/"+pid, nil).Want(t, 200).Object(t)["status"]; st != HostwayPending {
		t.Fatalf("status %v, want pending", st)
	}
	e.Clock.Advance(time.Minute)
	snap, _ := e.Store.Product(pid)
	if snap.Status != HostwayOpen || len(snap.Services) != 7 {
		t.Fatalf("product %+v, want open with 7 services", snap)
	}
	for i, s := range snap.Services {
		if s.Status != HostwayOpen {
			t.Errorf("service %d is %s, want open", i, s.Status)
		}
		if i > 0 && s.RelatedTo != snap.Services[0].ID {
			t.Errorf("service %d related to %q, want the server %s", i, s.RelatedTo, snap.Services[0].ID)
		}
	}
	if snap.Services[0].BillingCycle != 3 {
		t.Errorf("server billing cycle %d, want 3 (changed before submit)", snap.Services[0].BillingCycle)
	}

	// Account calls need Basic credentials.
	(&hwClient{e: e}).do("GET", "/accounts/"+d.AccountNumber+"/products", nil).Want(t, 401)
}

// submitServer orders the demo server alone and returns the open account product.
func submitServer(t *testing.T, e *testEnv, partner string) HostwayProductSnapshot {
	t.Helper()
	d := e.Demo
	c := e.hostway(true)
	id := lastSegment(c.newOrder())
	c.do("PUT", "/orders/"+id+"/account", map[string]any{"accountNumber": d.AccountNumber}).Want(t, 204)
	product := c.do("POST", "/orders/"+id+"/account/products", map[string]any{"offering": e.offeringURLHostway(), "partnerId": partner}).
		Want(t, 201).Header.Get("Location")
	c.do("POST", strings.TrimPrefix(product, e.TS.URL+HostwayPrefix)+"/services", service("srv", e.serviceSpecURL(d.ServerSpecification), 1)).Want(t, 201)
	c.do("POST", "/orders/"+id+"/action", map[string]any{"action": "submit"}).Want(t, 202)
	for _, p := range e.Store.Products(d.AccountNumber) {
		if p.PartnerID == partner {
			return p
		}
	}
	t.Fatalf("no product with partnerId %s", partner)
	return HostwayProductSnapshot{}
}

func lastSegment(u string) string { return u[strings.LastIndex(u, "/")+1:] }

func TestHostwayAddServiceToExistingProductAndClose(t *testing.T) {
	e := newTestEnv(t)
	d := e.Demo
	p := submitServer(t, e, "tf-a")
	serverURL := e.hwURL("/accounts/" + d.AccountNumber + "/products/" + p.ID + "/services/" + p.Services[0].ID)

	c := e.hostway(true)
	id := lastSegment(c.newOrder())
	c.do("PUT", "/orders/"+id+"/account", map[string]any{"accountNumber": d.AccountNumber}).Want(t, 204)
	product := strings.TrimPrefix(c.do("POST", "/orders/"+id+"/account/products", map[string]any{"offering": e.offeringURLHostway()}).
		Want(t, 201).Header.Get("Location"), e.TS.URL+HostwayPrefix)
	wantError(t, c.do("POST", product+"/services", service("ip", e.serviceSpecURL("core.vps.virtuozzo.ip"), 1,
		e.hwURL("/accounts/acct999999/products/"+p.ID+"/services/"+p.Services[0].ID))), 400, "badRequest", "account")
	c.do("POST", product+"/services", service("ip", e.serviceSpecURL("core.vps.virtuozzo.ip"), 1, serverURL)).Want(t, 201)
	c.do("POST", "/orders/"+id+"/action", map[string]any{"action": "submit"}).Want(t, 202)

	after, _ := e.Store.Product(p.ID)
	if len(after.Services) != 2 || after.Services[1].RelatedTo != p.Services[0].ID || after.Services[1].Status != HostwayOpen {
		t.Fatalf("product after the add-on order: %+v", after)
	}
	if n := len(e.Store.Products(d.AccountNumber)); n != 1 {
		t.Fatalf("the add-on order made %d products, want the existing one only", n)
	}

	// Closing: the server closes only with its product; a child alone.
	base := "/accounts/" + d.AccountNumber + "/products/" + p.ID
	wantError(t, c.do("PUT", base+"/services/"+p.Services[0].ID, map[string]any{"status": "closed"}), 409, "conflict", "closes only with its product")
	c.do("PUT", base+"/services/"+after.Services[1].ID, map[string]any{"status": "closed"}).Want(t, 204)
	wantError(t, c.do("PUT", base, map[string]any{"status": "gone"}), 400, "badRequest", "not one of")
	c.do("PUT", base, map[string]any{"status": "closed"}).Want(t, 204)
	wantError(t, c.do("PUT", base, map[string]any{"status": "closed"}), 409, "conflict", "closed")
	got := c.do("GET", base, nil).Want(t, 200).Object(t)
	if got["status"] != HostwayClosed {
		t.Fatalf("product status %v after close with no delay, want closed", got["status"])
	}
}

func TestHostwayChangeActions(t *testing.T) {
	e := newTestEnv(t, WithHostwayDelays(HostwayDelays{Provisioning: time.Minute}))
	d := e.Demo
	p := submitServer(t, e, "tf-change")
	e.Clock.Advance(time.Minute)
	c := e.hostway(true)
	base := "/accounts/" + d.AccountNumber + "/products/" + p.ID
	svc := base + "/services/" + p.Services[0].ID

	// The object plus its changes, not a list (§3a).
	withTargets := c.do("GET", svc+"?getTargetServiceSpecifications=1", nil).Want(t, 200).Object(t)
	if withTargets["status"] != HostwayOpen || withTargets["list"] != nil {
		t.Fatalf("service with targets %v: want the service plus changes", withTargets)
	}
	targets := withTargets["changes"].([]any)
	if len(targets) != 2 {
		t.Fatalf("%d service targets, want the two other servers: %v", len(targets), targets)
	}
	wantError(t, c.do("POST", svc+"/action", map[string]any{"action": "change", "actionData": map[string]string{"targetServiceSpecification": e.serviceSpecURL("core.vps.virtuozzo.ip")}}),
		400, "badRequest", "not a valid target")
	c.do("POST", svc+"/action", map[string]any{"action": "change", "actionData": map[string]string{"targetServiceSpecification": e.serviceSpecURL(d.SecondServerSpecification)}}).Want(t, 204)
	s := c.do("GET", svc, nil).Want(t, 200).Object(t)
	if s["status"] != HostwayPending || !strings.HasSuffix(str(s["serviceSpecification"]), d.SecondServerSpecification) {
		t.Fatalf("service after change: %v", s)
	}
	wantError(t, c.do("POST", svc+"/action", map[string]any{"action": "change", "actionData": map[string]string{"targetServiceSpecification": e.serviceSpecURL(d.ServerSpecification)}}),
		409, "conflict", "pending")

	e.Clock.Advance(time.Minute)
	ptargets := c.do("GET", base+"?getTargetProductSpecifications=1", nil).Want(t, 200).Object(t)["changes"].([]any)
	if len(ptargets) != 1 || ptargets[0].(map[string]any)["id"] != d.SecondProductSpecification || ptargets[0].(map[string]any)["type"] != "upgrade" {
		t.Fatalf("product targets %v", ptargets)
	}
	c.do("POST", base+"/action", map[string]any{"action": "change", "actionData": map[string]string{"targetProductSpecification": e.hwURL("/productSpecifications/" + d.SecondProductSpecification)}}).Want(t, 204)
	if snap, _ := e.Store.Product(p.ID); snap.ProductSpecification != d.SecondProductSpecification || snap.Status != HostwayPending {
		t.Fatalf("product after change: %+v", snap)
	}
}

func TestHostwayDeleteNewOrderAndNewAccount(t *testing.T) {
	e := newTestEnv(t)
	c := e.hostway(true)
	id := lastSegment(c.newOrder())
	wantError(t, c.do("PUT", "/orders/"+id+"/account", map[string]any{"currency": "usd", "language": "en"}), 400, "badRequest", "ISO 4217")
	wantError(t, c.do("PUT", "/orders/"+id+"/account", map[string]any{}), 400, "badRequest", "accountNumber")
	c.do("DELETE", "/orders/"+id, nil).Want(t, 204)
	wantError(t, c.do("GET", "/orders/"+id, nil), 404, "itemNotFound", id)

	// A new account is created at submit and belongs to the Basic user.
	id = lastSegment(c.newOrder())
	c.do("PUT", "/orders/"+id+"/account", map[string]any{"currency": "USD", "language": "en-US"}).Want(t, 204)
	product := strings.TrimPrefix(c.do("POST", "/orders/"+id+"/account/products", map[string]any{"offering": e.offeringURLHostway()}).
		Want(t, 201).Header.Get("Location"), e.TS.URL+HostwayPrefix)
	c.do("POST", product+"/services", service("srv", e.serviceSpecURL(e.Demo.ServerSpecification), 1)).Want(t, 201)
	c.do("POST", "/orders/"+id+"/action", map[string]any{"action": "submit"}).Want(t, 202)
	// Basic alone (no cookie) may check the submitted order.
	account := str((&hwClient{e: e, basic: true}).do("GET", "/orders/"+id, nil).Want(t, 200).Object(t)["order"].(map[string]any)["Account"])
	if a, ok := e.Store.Account(account); !ok || a.Owner != e.Demo.Username || a.Currency != "USD" {
		t.Fatalf("new account %q: %+v", account, a)
	}
}

func TestHostwayCatalog(t *testing.T) {
	e := newTestEnv(t)
	c := &hwClient{e: e}
	spec := "/productSpecifications/" + e.Demo.ProductSpecification
	c.do("GET", spec, nil).Want(t, 200)
	offs := c.do("GET", spec+"/offerings", nil).Want(t, 200).Object(t)["list"].([]any)
	// default is 0 or 1, prices a URL unless details=1 (§3a).
	if len(offs) != 2 || offs[0].(map[string]any)["default"] != float64(1) || offs[1].(map[string]any)["default"] != float64(0) {
		t.Fatalf("offerings %v", offs)
	}
	if prices, ok := offs[0].(map[string]any)["prices"].(string); !ok || !strings.HasPrefix(prices, "http") {
		t.Fatalf("offering prices %v, want a URL", offs[0])
	}
	detailed := c.do("GET", spec+"/offerings/USD-1?details=1", nil).Want(t, 200).Object(t)
	if _, ok := detailed["prices"].([]any); !ok {
		t.Fatalf("offering with details=1: %v, want inlined prices", detailed)
	}
	c.do("GET", spec+"/offerings/USD-1", nil).Want(t, 200)
	wantError(t, c.do("GET", spec+"/offerings/EUR-9", nil), 404, "itemNotFound", "EUR-9")
	services := c.do("GET", spec+"/serviceSpecifications?page=1&pageSize=5", nil).Want(t, 200).Object(t)
	if n := len(services["list"].([]any)); n != 5 {
		t.Fatalf("page of %d service specifications, want 5", n)
	}
	if !strings.Contains(string(mustJSON(t, services["links"])), `"rel":"next"`) {
		t.Fatalf("no next link: %v", services["links"])
	}
	ss := c.do("GET", "/serviceSpecifications/core.vps.virtuozzo.ip", nil).Want(t, 200).Object(t)
	for _, k := range []string{"name", "category", "ranking", "attributes", "billingCycles", "links"} {
		if _, ok := ss[k]; !ok {
			t.Errorf("service specification lacks %s: %v", k, ss)
		}
	}
	// Catalog hrefs are lower-case; both spellings are served.
	if self := selfHref(t, ss); !strings.Contains(self, "/servicespecifications/") {
		t.Errorf("service specification self %q, want lower-case", self)
	}
	c.do("GET", "/servicespecifications/core.vps.virtuozzo.ip", nil).Want(t, 200)
	if def := ss["billingCycles"].([]any)[0].(map[string]any)["default"]; def != float64(1) {
		t.Errorf("billingCycles[0].default %v, want 1", def)
	}
	wantError(t, c.do("GET", "/nowhere", nil), 404, "itemNotFound", "/nowhere")
	wantError(t, c.do("PATCH", "/orders/x", nil), 405, "badMethod", "PATCH")
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestHostwayRequestLogRecordsCookieNames(t *testing.T) {
	e := newTestEnv(t)
	c := e.hostway(false)
	id := lastSegment(c.newOrder())
	c.do("GET", "/orders/"+id, nil).Want(t, 200)
	log := e.Server.RequestLog()
	if len(log) != 2 || len(log[0].Cookies) != 0 || len(log[1].Cookies) != 1 || log[1].Cookies[0] != "OwnerId" {
		t.Fatalf("request log %+v: want no cookie on POST /orders, then OwnerId", log)
	}
	if log[1].Route != "GET /hostway/orders/{order}" {
		t.Errorf("route %q", log[1].Route)
	}
}

func TestFaultBodyContains(t *testing.T) {
	e := newTestEnv(t)
	c := e.hostway(true)
	id := lastSegment(c.newOrder())
	e.Server.InjectFault(mockcloud.Fault{Method: "POST", PathPrefix: HostwayPrefix + "/orders/", BodyContains: `"submit"`, Status: 503})
	wantError(t, c.do("POST", "/orders/"+id+"/action", map[string]any{"action": "validate"}), 400, "badRequest", "no account")
	c.do("POST", "/orders/"+id+"/action", map[string]any{"action": "submit"}).Want(t, 503)
	if o, _ := e.Store.Order(id); strings.Join(o.Actions, ",") != "validate" {
		t.Fatalf("actions %v: the faulted submit must not reach the handler", o.Actions)
	}
}

func TestHostwayStateSurvivesSaveAndLoad(t *testing.T) {
	e := newTestEnv(t)
	p := submitServer(t, e, "tf-saved")
	path := filepath.Join(t.TempDir(), "state.json")
	if err := e.Server.SaveState(path); err != nil {
		t.Fatal(err)
	}
	freshServer := mockcloud.New()
	fresh := Mount(freshServer)
	if err := freshServer.LoadState(path); err != nil {
		t.Fatal(err)
	}
	got, ok := fresh.Product(p.ID)
	if !ok || got.PartnerID != "tf-saved" || len(got.Services) != 1 {
		t.Fatalf("loaded product %+v", got)
	}
	if _, ok := fresh.Account(e.Demo.AccountNumber); !ok {
		t.Fatal("the demo account was not saved")
	}
}

// TestHostwayConcurrentCarts builds carts in parallel: each owner gets its
// own order and product, and the store stays consistent (run with -race).
func TestHostwayConcurrentCarts(t *testing.T) {
	e := newTestEnv(t)
	const n = 8
	t.Run("carts", func(t *testing.T) {
		for i := 0; i < n; i++ {
			t.Run(itoa(i), func(t *testing.T) {
				t.Parallel()
				api, env := *e.API, *e.Env
				env.T = t
				api.Env = &env
				submitServer(t, &testEnv{&api}, "tf-concurrent-"+itoa(i))
			})
		}
	})
	orders, products := e.Store.Orders(), e.Store.Products(e.Demo.AccountNumber)
	seen := map[string]bool{}
	for _, p := range products {
		seen[p.PartnerID] = true
	}
	if len(orders) != n || len(products) != n || len(seen) != n {
		t.Fatalf("%d orders, %d products with %d markers; want %d of each", len(orders), len(products), len(seen), n)
	}
}

// wantUnauthorized fails unless the answer is Hostway's plain-text 401.
func wantUnauthorized(t *testing.T, r testResponse, msg string) {
	t.Helper()
	r.Want(t, 401)
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
		t.Fatalf("401 Content-Type %q, want text/plain", ct)
	}
	if body := string(r.Body); !strings.HasPrefix(body, "401 Unauthorized") || !strings.Contains(body, msg) {
		t.Fatalf("401 body %q, want 401 Unauthorized ... %s", body, msg)
	}
}

func selfHref(t *testing.T, obj map[string]any) string {
	t.Helper()
	links, _ := obj["links"].([]any)
	for _, l := range links {
		if m, _ := l.(map[string]any); m["rel"] == "self" {
			return str(m["href"])
		}
	}
	t.Fatalf("no self link in %v", obj)
	return ""
}

// selfID is an object's id: the last segment of its self link, which may
// end in "/".
func selfID(t *testing.T, obj map[string]any) string {
	t.Helper()
	return lastSegment(strings.TrimRight(selfHref(t, obj), "/"))
}

// TestHostwayPaging checks the paging rules of api-reference §3a.
func TestHostwayPaging(t *testing.T) {
	e := newTestEnv(t)
	d := e.Demo
	h := e.Store
	h.locked(func() {
		for i := range 150 {
			p := &hwProduct{Seq: h.nextSeq(), ID: fmt.Sprintf("p%03d", i), Account: d.AccountNumber, ProductSpec: d.ProductSpecification,
				OfferingID: d.Offering, Status: HostwayOpen, Services: []*hwService{}}
			h.db.Products[p.ID] = p
		}
	})
	c := e.hostway(true)
	base := "/accounts/" + d.AccountNumber + "/products"
	wantError(t, c.do("GET", base+"?page=1", nil), 400, "badRequest", "together")
	wantError(t, c.do("GET", base+"?pageSize=10", nil), 400, "badRequest", "together")
	wantError(t, c.do("GET", base+"?page=0&pageSize=10", nil), 400, "badRequest", "whole numbers")
	if loc := c.do("GET", base+"?filterDisplayName=", nil).Want(t, 303).Header.Get("Location"); !strings.Contains(loc, "page=1&pageSize=100") {
		t.Fatalf("303 to %q, want page 1 of 100", loc)
	}
	if loc := c.do("GET", base+"?page=2&pageSize=500", nil).Want(t, 303).Header.Get("Location"); !strings.Contains(loc, "page=2&pageSize=400") {
		t.Fatalf("303 to %q, want page 2 of 400", loc)
	}
	rels := func(obj map[string]any) string {
		var out []string
		for _, l := range obj["links"].([]any) {
			out = append(out, str(l.(map[string]any)["rel"]))
		}
		return strings.Join(out, ",")
	}
	first := c.do("GET", base+"?page=1&pageSize=100", nil).Want(t, 200).Object(t)
	if n, r := len(first["list"].([]any)), rels(first); n != 100 || r != "self,next,last" {
		t.Fatalf("first page: %d items, links %s", n, r)
	}
	last := c.do("GET", base+"?page=2&pageSize=100", nil).Want(t, 200).Object(t)
	if n, r := len(last["list"].([]any)), rels(last); n != 50 || r != "self,first,previous" {
		t.Fatalf("last page: %d items, links %s", n, r)
	}
}

// TestHostwayAccountCallsNeedJSON checks the 415 of account calls.
func TestHostwayAccountCallsNeedJSON(t *testing.T) {
	e := newTestEnv(t)
	d := e.Demo
	p := submitServer(t, e, "tf-415")
	c := e.hostway(true)
	base := e.hwURL("/accounts/" + d.AccountNumber + "/products/" + p.ID)
	req, _ := http.NewRequest("GET", "/", nil)
	req.SetBasicAuth(d.Username, d.Password)
	auth := req.Header.Get("Authorization")
	wantError(t, e.DoWith("PUT", base, []byte(`{"status":"closed"}`), map[string]string{"Authorization": auth, "Content-Type": "text/plain"}),
		415, "unsupportedMediaType", "text/plain")
	// With JSON the same call goes through.
	c.do("PUT", "/accounts/"+d.AccountNumber+"/products/"+p.ID, map[string]any{"status": "closed"}).Want(t, 204)
	product := c.do("GET", "/accounts/"+d.AccountNumber+"/products/"+p.ID, nil).Want(t, 200).Object(t)
	if _, has := product["id"]; has || selfID(t, product) != p.ID {
		t.Fatalf("product %v: want no id field and the id in the self link", product)
	}
	if spec := str(product["productSpecification"]); !strings.Contains(spec, "/productspecifications/") {
		t.Fatalf("productSpecification %q, want a lower-case catalog href", spec)
	}
}

// Poll lag: the first answer that shows a product open is recorded against
// the moment it opened, by the mock's clock.
func TestHostwayProductPollLag(t *testing.T) {
	e := newTestEnv(t, WithHostwayDelays(HostwayDelays{Provisioning: time.Minute}))
	e.Server.ResetCounters()
	start := e.Clock.Now()
	p := submitServer(t, e, "lag")
	products := "/accounts/" + e.Demo.AccountNumber + "/products"
	e.hostway(true).do("GET", products, nil).Want(t, 200)
	if lag := e.Server.PollLag(); len(lag) != 0 {
		t.Fatalf("a pending product was recorded: %+v", lag)
	}
	e.Clock.Advance(time.Minute + 250*time.Millisecond)
	e.hostway(true).do("GET", products, nil).Want(t, 200)
	e.Clock.Advance(time.Second)
	e.hostway(true).do("GET", products+"/"+p.ID, nil).Want(t, 200)
	lag := e.Server.PollLag()
	if len(lag) != 1 || lag[0].Kind != "hostway product" || lag[0].ID != p.ID ||
		!lag[0].FinalAt.Equal(start.Add(time.Minute)) || lag[0].Lag() != 250*time.Millisecond {
		t.Fatalf("poll lag %+v", lag)
	}
}
