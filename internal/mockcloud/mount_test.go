package mockcloud

import "testing"

func TestRouterForPicksLongestPrefixAtSegmentBoundary(t *testing.T) {
	s := New()
	other := &router{}
	s.mountAPI("/testapi/v2", other)
	waldur := s.routerFor("/api/marketplace-orders/")
	cases := map[string]*router{
		"/testapi/v2":           other,
		"/testapi/v2/projects":  other,
		"/testapi/v2x/projects": waldur,
		"/testapi":              waldur,
		"/api/customers/":       waldur,
	}
	for path, want := range cases {
		if got := s.routerFor(path); got != want {
			t.Errorf("routerFor(%q) picked the wrong API", path)
		}
	}
}

func TestAwanioIsMountedAtItsPrefix(t *testing.T) {
	s := New()
	if got := s.routerFor(AwanioPrefix + "/accounts/login"); got == s.routerFor("/api/projects/") {
		t.Fatal("Awanio paths go to the Waldur router")
	}
}
