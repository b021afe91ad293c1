package chaos

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
)

func init() {
	Register(Kind{
		Name: "cloudorder_waldur_kubernetes_cluster",
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
resource "cloudorder_waldur_kubernetes_cluster" %q {
  project            = %q
  offering           = %q
  plan               = %q
  name               = %q
  kubernetes_version = "1.30"
  worker_count       = 3
}
`, resourceName(i), env.Seed.ProjectUUID, offering, plan, objectName(i))
			}
			return b.String()
		},
		// A cluster is a marketplace resource whose attributes.name is the
		// cluster's name.
		Live:   waldurResources,
		Delete: func(env *acctest.Env, id string) bool { return env.Mock.Waldur().DeleteResource(id) },
		Create: func(*acctest.Env) mockcloud.Fault {
			return mockcloud.Fault{Method: http.MethodPost, PathPrefix: "/api/marketplace-orders/", BodyContains: `"attributes"`}
		},
		Fail: failWaldurOffering,
	})
}
