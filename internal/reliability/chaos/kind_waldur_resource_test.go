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

func init() {
	Register(Kind{
		Name: "cloudorder_waldur_resource",
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
resource "cloudorder_waldur_resource" %q {
  project    = %q
  offering   = %q
  plan       = %q
  attributes = jsonencode({ name = %q, kubernetes_version = "1.30", node_count = 3 })
}
`, resourceName(i), env.Seed.ProjectUUID, offering, plan, objectName(i))
			}
			return b.String()
		},
		Live: waldurResources,
		Delete: func(env *acctest.Env, id string) bool {
			return env.Mock.Waldur().DeleteResource(id)
		},
		Create: func(*acctest.Env) mockcloud.Fault {
			return mockcloud.Fault{Method: http.MethodPost, PathPrefix: "/api/marketplace-orders/", BodyContains: `"attributes"`}
		},
		Fail: failWaldurOffering,
	})
}

// waldurResources lists the mock's marketplace resources, named by their
// attributes' name. A terminated resource holds nothing: a state entry may
// still track it until the next refresh, but left behind it is no orphan.
func waldurResources(env *acctest.Env) []Object {
	var out []Object
	for _, r := range env.Mock.Waldur().Resources() {
		var attrs struct {
			Name string `json:"name"`
		}
		_ = json.Unmarshal(r.Attributes, &attrs)
		name := attrs.Name
		out = append(out, Object{ID: r.UUID, Name: name, Inert: r.State == waldurmock.ResourceTerminated})
	}
	return out
}
