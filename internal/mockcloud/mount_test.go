package mockcloud

import "testing"

func TestRouterForPicksLongestPrefixAtSegmentBoundary(t *testing.T) {
	s := New()
	other := &router{}
	s.mountAPI("/awanio/v2", other)
	waldur := s.routerFor("/api/marketplace-orders/")
	cases := map[string]*router{
		"/awanio/v2":           other,
		"/awanio/v2/projects":  other,
		"/awanio/v2x/projects": waldur,
		"/awanio":              waldur,
		"/api/customers/":      waldur,
	}
	for path, want := range cases {
		if got := s.routerFor(path); got != want {
			t.Errorf("routerFor(%q) picked the wrong API", path)
		}
	}
}
