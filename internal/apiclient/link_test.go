package apiclient_test

import (
	"net/http"
	"testing"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
)

func TestNextLink(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		links []string
		want  string
	}{
		{nil, ""},
		{[]string{`<https://w/api/orders/?page=1>; rel="first", <https://w/api/orders/?page=3>; rel="next", <https://w/api/orders/?page=9>; rel="last"`}, "https://w/api/orders/?page=3"},
		{[]string{`<https://w/api/orders/?page=1>; rel="prev"`, `<https://w/api/orders/?page=3>; rel=next`}, "https://w/api/orders/?page=3"},
		{[]string{`</api/x/?page=2>; title="x"; rel="prefetch next"`}, "/api/x/?page=2"},
		{[]string{`<https://w/api/orders/?page=9>; rel="last"`}, ""},
		{[]string{`garbage; rel="next"`}, ""},
		{[]string{`<https://w/api/x/?o=a,b&page=1>; rel="prev", <https://w/api/x/?o=a,b&page=3>; rel="next"`}, "https://w/api/x/?o=a,b&page=3"},
	} {
		h := http.Header{}
		for _, l := range tc.links {
			h.Add("Link", l)
		}
		if got := apiclient.NextLink(h); got != tc.want {
			t.Errorf("NextLink(%q) = %q, want %q", tc.links, got, tc.want)
		}
	}
}
