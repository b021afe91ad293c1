package mockcloud

import (
	"encoding/json"
	"sync"
	"testing"
)

// stubAPI is an API without state, for tests of the mounting.
type stubAPI struct {
	sync.Mutex
	prefix string
	rt     *Router
}

func (a *stubAPI) Name() string                                { return "stub" + a.prefix }
func (a *stubAPI) Prefix() string                              { return a.prefix }
func (a *stubAPI) Router() *Router                             { return a.rt }
func (a *stubAPI) AdminRoutes(*Router)                         {}
func (a *stubAPI) StateVersion() uint64                        { return 0 }
func (a *stubAPI) State() any                                  { return struct{}{} }
func (a *stubAPI) DecodeState(json.RawMessage) (func(), error) { return func() {}, nil }

func TestRouterForPicksLongestPrefixAtSegmentBoundary(t *testing.T) {
	s := New()
	s.Mount(&stubAPI{prefix: "/", rt: &Router{}})
	other := &Router{}
	s.Mount(&stubAPI{prefix: "/testapi/v2", rt: other})
	waldur := s.routerFor("/api/marketplace-orders/")
	cases := map[string]*Router{
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
