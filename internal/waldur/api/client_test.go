package api

import (
	"net/http"
	"testing"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
)

func TestAPIBaseURL(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"https://api.wayscloud.services":        "https://api.wayscloud.services/api/",
		"https://api.wayscloud.services/":       "https://api.wayscloud.services/api/",
		"https://api.wayscloud.services/api":    "https://api.wayscloud.services/api/",
		"https://api.wayscloud.services/api/":   "https://api.wayscloud.services/api/",
		"http://127.0.0.1:8080/waldur/api/?x=1": "http://127.0.0.1:8080/waldur/api/",
	} {
		got, err := apiBaseURL(in)
		if err != nil || got.String() != want {
			t.Errorf("apiBaseURL(%q) = %v, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "waldur.example.com", "ftp://x/"} {
		if _, err := apiBaseURL(bad); err == nil {
			t.Errorf("apiBaseURL(%q) accepted", bad)
		}
	}
}

func TestNextLink(t *testing.T) {
	t.Parallel()
	h := []string{`<http://h/api/marketplace-orders/?page=1>; rel="first", <http://h/api/marketplace-orders/?page=3>; rel="next", <http://h/api/marketplace-orders/?page=9>; rel="last"`}
	if got := apiclient.NextLink(http.Header{"Link": h}); got != "http://h/api/marketplace-orders/?page=3" {
		t.Fatalf("nextLink = %q", got)
	}
	if got := apiclient.NextLink(http.Header{"Link": {`<http://h/?page=1>; rel="first"`}}); got != "" {
		t.Fatalf("nextLink without next = %q", got)
	}
}

func TestOrderMatchesRequest(t *testing.T) {
	t.Parallel()
	plan := "http://h/api/marketplace-public-offerings/11111111111111111111111111111111/plans/22222222222222222222222222222222/"
	o := Order{Type: "Create", BaseItem: BaseItem{Plan: &plan, Attributes: []byte(`{"name":"a","n":1}`)}}
	req := OrderCreateRequest{Plan: "https://other/api/marketplace-public-offerings/11111111111111111111111111111111/plans/22222222222222222222222222222222/", Attributes: []byte(`{"n":1,"name":"a"}`)}
	if !orderMatchesRequest(o, req) {
		t.Fatal("equivalent order not matched")
	}
	req.Attributes = []byte(`{"name":"b","n":1}`)
	if orderMatchesRequest(o, req) {
		t.Fatal("order with other attributes matched")
	}
}
