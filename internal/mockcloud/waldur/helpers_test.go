package waldur

import (
	"net/http"
	"testing"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/mocktest"
)

// testEnv is a mock serving Waldur alone behind an httptest server,
// seeded with its demo data; the HTTP helpers are mocktest's.
type testEnv struct {
	*mocktest.Waldur
	srv   *mockcloud.Server
	store *Waldur
	demo  WaldurDemoSeed
}

var str = mocktest.Str

func newTestEnv(t *testing.T, opts ...mockcloud.Option) *testEnv {
	t.Helper()
	e := &testEnv{}
	env := mocktest.NewEnv(t, func(opts ...mockcloud.Option) http.Handler {
		e.srv = mockcloud.New(opts...)
		e.store = Mount(e.srv)
		e.demo = SeedWaldurDemo(e.store)
		return e.srv.Handler()
	}, opts...)
	env.Token = e.demo.Token
	e.Waldur = &mocktest.Waldur{Env: env, ProjectUUID: e.demo.ProjectUUID, OfferingUUID: e.demo.OfferingUUID, PlanUUID: e.demo.PlanUUID}
	return e
}

// addOffering adds a Marketplace.Basic offering with one plan.
func (e *testEnv) addOffering(approval ApprovalMode, outcome OrderOutcome) Offering {
	e.T.Helper()
	return e.store.AddOffering(OfferingSpec{
		Name: "Test offering " + string(approval), Type: "Marketplace.Basic",
		CustomerUUID: e.demo.CustomerUUID, Approval: approval, Outcome: outcome,
		Plans: []PlanSpec{{Name: "basic", UnitPrice: "10"}},
	})
}
