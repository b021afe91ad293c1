package apiclient_test

import (
	"net/http"
	"testing"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
)

func TestNextLink(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		links []string
		want  string
	}{
		{"no header", nil, ""},
		{"waldur first next last", []string{`<https://w/api/orders/?page=1>; rel="first", <https://w/api/orders/?page=3>; rel="next", <https://w/api/orders/?page=9>; rel="last"`}, "https://w/api/orders/?page=3"},
		{"two fields, unquoted token", []string{`<https://w/api/orders/?page=1>; rel="prev"`, `<https://w/api/orders/?page=3>; rel=next`}, "https://w/api/orders/?page=3"},
		{"several relation types, rel not first", []string{`</api/x/?page=2>; title="x"; rel="prefetch next"`}, "/api/x/?page=2"},
		{"last page", []string{`<https://w/api/orders/?page=9>; rel="last"`}, ""},
		{"no target", []string{`garbage; rel="next"`}, ""},
		{"commas inside <>", []string{`<https://w/api/x/?o=a,b&page=1>; rel="prev", <https://w/api/x/?o=a,b&page=3>; rel="next"`}, "https://w/api/x/?o=a,b&page=3"},

		// RFC 8288, section 3.5.
		{"rfc: previous with title", []string{`<http://example.com/TheBook/chapter2>; rel="previous"; title="previous chapter"`}, ""},
		{"rfc: extension relation type", []string{`</>; rel="http://example.net/foo"`}, ""},
		{"rfc: title* and next", []string{`</TheBook/chapter2>; rel="previous"; title*=UTF-8'de'letztes%20Kapitel, </TheBook/chapter4>; rel="next"; title*=UTF-8'de'n%c3%a4chstes%20Kapitel`}, "/TheBook/chapter4"},
		{"rfc: start and a URI type", []string{`<http://example.org/>; rel="start http://example.net/relation/other"`}, ""},
		{"rfc: two links", []string{`<https://example.org/>; rel="start", <https://example.org/index>; rel="index"`}, ""},

		// Edge cases of the grammar.
		{"relation type case-insensitive", []string{`</p2>; rel="NEXT"`}, "/p2"},
		{"parameter name case-insensitive", []string{`</p2>; REL=next`}, "/p2"},
		{"BWS around =", []string{`</p2> ; rel = "next"`}, "/p2"},
		{"no OWS at all", []string{`</p1>;rel=prev,</p2>;rel=next`}, "/p2"},
		{"tabs as OWS", []string{"</p2>\t;\trel=\"next\""}, "/p2"},
		{"comma inside a quoted string", []string{`</p1>; rel="prev"; title="a, <b>; rel=next", </p2>; rel="next"`}, "/p2"},
		{"semicolon inside a quoted string", []string{`</p1>; title="x; rel=next"; rel="prev"`}, ""},
		{"escaped quote inside a quoted string", []string{`</p1>; title="say \"hi\", rel=next"; rel=prev, </p2>; rel=next`}, "/p2"},
		{"quoted-pair in rel", []string{`</p2>; rel="ne\xt"`}, "/p2"},
		{"only the first rel counts", []string{`</p1>; rel="prev"; rel="next"`}, ""},
		{"first rel is next", []string{`</p2>; rel="next"; rel="prev"`}, "/p2"},
		{"rel without a value", []string{`</p1>; rel, </p2>; rel=next`}, "/p2"},
		{"a link with an anchor is about another context", []string{`</p2>; rel="next"; anchor="#foo"`}, ""},
		{"empty parameters", []string{`</p2>;; rel=next;`}, "/p2"},
		{"empty list elements", []string{`, ,</p2>; rel=next,`}, "/p2"},
		{"relation type that merely contains next", []string{`</p2>; rel="nextpage next-archive"`}, ""},
		{"unquoted URI relation type", []string{`</p2>; rel=http://example.net/next`}, ""},
		{"malformed link skipped", []string{`</p1> junk; rel=next, </p2>; rel=next`}, "/p2"},
		{"< inside the target", []string{`<<>;rel=next`}, ""},
		{"unterminated target", []string{`</p1; rel=next`}, ""},
		{"unterminated quoted string", []string{`</p1>; title="x, </p2>; rel=next`}, ""},
		{"empty target is the answer's own URL", []string{`<>; rel=next`}, ""},
	} {
		h := http.Header{}
		for _, l := range tc.links {
			h.Add("Link", l)
		}
		if got := apiclient.NextLink(h); got != tc.want {
			t.Errorf("%s: NextLink(%q) = %q, want %q", tc.name, tc.links, got, tc.want)
		}
	}
}
