package mockcloud_test

import (
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/cloud"
)

func TestRouteKind(t *testing.T) {
	t.Parallel()
	for route, want := range map[string]string{
		"POST /api/marketplace-orders/":                                          mockcloud.KindCreate,
		"GET /api/marketplace-orders/{uuid}/":                                    mockcloud.KindGet,
		"GET /api/marketplace-orders/":                                           mockcloud.KindOther,
		"POST /api/marketplace-orders/{uuid}/approve_by_consumer/":               mockcloud.KindOther,
		"POST /api/marketplace-orders/{uuid}/cancel/":                            mockcloud.KindOther,
		"POST /api/marketplace-resources/{uuid}/terminate/":                      mockcloud.KindOther,
		"POST /api/marketplace-resources/{uuid}/update_limits/":                  mockcloud.KindOther,
		"POST /awanio/v2/{group_type}/{uuid}/vms":                                mockcloud.KindCreate,
		"GET /awanio/v2/{group_type}/{uuid}/vms/{vm_uuid}":                       mockcloud.KindGet,
		"DELETE /awanio/v2/{group_type}/{uuid}/vms/{vm_uuid}":                    mockcloud.KindOther,
		"POST /awanio/v2/accounts/login":                                         mockcloud.KindOther,
		"POST /hostway/orders":                                                   mockcloud.KindCreate,
		"POST /hostway/orders/{order}/account/products":                          mockcloud.KindCreate,
		"POST /hostway/orders/{order}/action":                                    mockcloud.KindOther,
		"GET /hostway/accounts/{account}/products/{product}":                     mockcloud.KindGet,
		"POST /hostway/accounts/{account}/products/{product}/services/{service}": mockcloud.KindOther,
		"bogus": mockcloud.KindOther,
	} {
		if got := mockcloud.RouteKind(route); got != want {
			t.Errorf("RouteKind(%q) = %q, want %q", route, got, want)
		}
	}
}

func TestKindCountersAndLatency(t *testing.T) {
	t.Parallel()
	// Long enough that a loaded machine (-race, 2 CPUs, acceptance tests
	// beside) cannot make a control request look slowed by it.
	const latency = time.Second
	m := cloud.New(mockcloud.WithLatency(latency))
	seed := cloud.SeedDemo(m)
	srv := httptest.NewServer(m.Handler())
	defer srv.Close()

	get := func(path string, auth bool) (*http.Response, time.Duration) {
		t.Helper()
		req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, srv.URL+path, nil)
		if auth {
			req.Header.Set("Authorization", "Token "+seed.Token)
		}
		start := time.Now()
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		return resp, time.Since(start)
	}
	resp, took := get("/api/marketplace-orders/00000000000000000000000000000000/", true)
	resp.Body.Close()
	if took < latency {
		t.Errorf("API request took %v, want at least the %v latency", took, latency)
	}
	resp, took = get("/_mock/counters?by=kind", false)
	defer resp.Body.Close()
	if took >= latency {
		t.Errorf("/_mock/ request took %v: the latency must not slow the controls", took)
	}
	var kinds map[string]int
	if err := json.NewDecoder(resp.Body).Decode(&kinds); err != nil {
		t.Fatal(err)
	}
	if want := map[string]int{mockcloud.KindCreate: 0, mockcloud.KindGet: 1, mockcloud.KindOther: 0}; !maps.Equal(kinds, want) {
		t.Errorf("counters by kind = %v, want %v", kinds, want)
	}
}

func TestConnectionsCountsOpenedConnections(t *testing.T) {
	t.Parallel()
	m := cloud.New()
	seed := cloud.SeedDemo(m)
	srv := httptest.NewUnstartedServer(m.Handler())
	srv.Config.ConnState = m.ConnState
	srv.Start()
	defer srv.Close()
	get := func(c *http.Client) {
		t.Helper()
		req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, srv.URL+"/api/projects/"+seed.ProjectUUID+"/", nil)
		req.Header.Set("Authorization", "Token "+seed.Token)
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	keepAlive := &http.Client{Transport: &http.Transport{}}
	for range 5 {
		get(keepAlive)
	}
	if got := m.Connections(); got != 1 {
		t.Errorf("5 requests on a keep-alive client opened %d connections, want 1", got)
	}
	m.ResetCounters()
	noKeepAlive := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	for range 3 {
		get(noKeepAlive)
	}
	if got := m.Connections(); got != 3 {
		t.Errorf("3 requests without keep-alive opened %d connections, want 3", got)
	}
}
