package chaos

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
	waldurmock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/waldur"
)

// The first order goes to an offering of its own, so that the suite can
// make that one order err while the others succeed.
const (
	waldurFailingOffering = "c4a05f1e0d2b4b7a9e3c6f8d1a2b3c4d"
	waldurFailingPlan     = "d5b16a2f1e3c4c8b8f4d7a9e2b3c4d5e"
)

func init() {
	Register(Kind{
		Name: "cloudorder_waldur_order",
		Config: func(env *acctest.Env, n int) string {
			addWaldurFailingOffering(env)
			var b strings.Builder
			b.WriteString(env.ProviderConfig())
			for i := range n {
				offering, plan := env.Seed.OfferingUUID, env.Seed.PlanUUID
				if i == 0 {
					offering, plan = waldurFailingOffering, waldurFailingPlan
				}
				fmt.Fprintf(&b, `
resource "cloudorder_waldur_order" %q {
  project              = %q
  offering             = %q
  plan                 = %q
  attributes           = jsonencode({ name = %q, kubernetes_version = "1.30", node_count = 3 })
  terminate_on_destroy = true
}
`, resourceName(i), env.Seed.ProjectUUID, offering, plan, objectName(i))
			}
			return b.String()
		},
		Live: func(env *acctest.Env) []Object {
			w := env.Mock.Waldur()
			var out []Object
			for _, o := range w.Orders() {
				if o.Type != waldurmock.OrderTypeCreate {
					continue
				}
				out = append(out, Object{ID: o.UUID, Name: waldurOrderName(o), Inert: waldurOrderInert(w, o)})
			}
			return out
		},
		Delete: func(env *acctest.Env, id string) bool {
			w := env.Mock.Waldur()
			o, ok := w.Order(id)
			if !ok {
				return false
			}
			// Gone for good, as if an operator removed it: the order and
			// what it built.
			w.DeleteResource(o.MarketplaceResourceUUID)
			return w.DeleteOrder(id)
		},
		Create: func(*acctest.Env) mockcloud.Fault {
			return mockcloud.Fault{Method: http.MethodPost, PathPrefix: "/api/marketplace-orders/", BodyContains: `"attributes"`}
		},
		Fail: failWaldurOffering,
	})
}

// addWaldurFailingOffering adds the offering of the first order, which
// failWaldurOffering makes err.
func addWaldurFailingOffering(env *acctest.Env) {
	env.Mock.Waldur().AddOffering(waldurmock.OfferingSpec{
		UUID: waldurFailingOffering, Name: "chaos offering", Type: "Marketplace.Kubernetes",
		CustomerUUID: env.Seed.CustomerUUID,
		Plans:        []waldurmock.PlanSpec{{UUID: waldurFailingPlan, Name: "small", Unit: "month", UnitPrice: "1.00"}},
	})
}

// failWaldurOffering makes the orders of the failing offering err until
// undo is called.
func failWaldurOffering(env *acctest.Env, _ string) (undo func()) {
	w := env.Mock.Waldur()
	mustNot(w.SetOfferingOutcome(waldurFailingOffering, waldurmock.OutcomeErred{Message: "chaos: the backend failed"}))
	return func() { mustNot(w.SetOfferingOutcome(waldurFailingOffering, waldurmock.OutcomeDone)) }
}

func waldurOrderName(o waldurmock.OrderSnapshot) string {
	var attrs struct {
		Name string `json:"name"`
	}
	_ = json.Unmarshal(o.Attributes, &attrs)
	return attrs.Name
}

// waldurOrderInert: an order that ended without building anything (erred,
// canceled, rejected), or whose resource was terminated, holds nothing.
func waldurOrderInert(w *waldurmock.Waldur, o waldurmock.OrderSnapshot) bool {
	switch o.State {
	case "erred", "canceled", "rejected":
		return true
	}
	if o.MarketplaceResourceUUID == "" {
		return false
	}
	r, ok := w.Resource(o.MarketplaceResourceUUID)
	return !ok || r.State == waldurmock.ResourceTerminated
}

func mustNot(err error) {
	if err != nil {
		panic(err)
	}
}
