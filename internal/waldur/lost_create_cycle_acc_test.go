package waldur_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
)

// The reproduction of issue 17, item 1: apply `repro-0`, destroy it, then
// apply it again while the answer to the create is lost. The earlier
// apply's order matches the request just as well; the create must find the
// one it placed, so that after the apply the mock holds exactly one live
// `repro-0`, the one in the state.
func lostCreateCycle(t *testing.T, env *acctest.Env, config string, resourceOf func(*terraform.State) (string, error)) {
	t.Helper()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: config},
			{Config: config, Destroy: true},
			{
				PreConfig: func() {
					env.Mock.InjectFault(mockcloud.Fault{Method: http.MethodPost, PathPrefix: "/api/marketplace-orders/", DropAfterProcessing: true, Count: 1})
				},
				Config:           config,
				ConfigPlanChecks: acctest.EmptyPlanAfterApply,
				Check: func(s *terraform.State) error {
					if left := env.Mock.Faults(); len(left) != 0 {
						return fmt.Errorf("the lost answer never happened: faults left %+v", left)
					}
					tracked, err := resourceOf(s)
					if err != nil {
						return err
					}
					var live []string
					for _, r := range env.Mock.Waldur().Resources() {
						if r.Name == "repro-0" && r.State != "Terminated" {
							live = append(live, r.UUID)
						}
					}
					if len(live) != 1 || live[0] != tracked {
						return fmt.Errorf("live repro-0 resources %v, want exactly the one in the state (%s)", live, tracked)
					}
					return nil
				},
			},
		},
	})
}

func TestAccWaldurOrder_lostCreateAfterDestroy(t *testing.T) {
	env := acctest.NewEnv(t)
	config := seededConfig(env, "cloudorder_waldur_order", `
  count                = 1
  attributes           = jsonencode({ name = "repro-${count.index}", kubernetes_version = "1.30", node_count = 3 })
  terminate_on_destroy = true`)
	lostCreateCycle(t, env, config, func(s *terraform.State) (string, error) {
		rs, ok := s.RootModule().Resources["cloudorder_waldur_order.test.0"]
		if !ok {
			return "", fmt.Errorf("the order is not in the state")
		}
		o, ok := env.Mock.Waldur().Order(rs.Primary.ID)
		if !ok {
			return "", fmt.Errorf("order %s of the state is not in the mock", rs.Primary.ID)
		}
		return o.MarketplaceResourceUUID, nil
	})
}

func TestAccWaldurKubernetesCluster_lostCreateAfterDestroy(t *testing.T) {
	env := acctest.NewEnv(t)
	config := seededConfig(env, "cloudorder_waldur_kubernetes_cluster", `
  count              = 1
  name               = "repro-${count.index}"
  kubernetes_version = "1.30"
  worker_count       = 3`)
	lostCreateCycle(t, env, config, stateID("cloudorder_waldur_kubernetes_cluster.test.0"))
}

func TestAccWaldurResource_lostCreateAfterDestroy(t *testing.T) {
	env := acctest.NewEnv(t)
	config := seededConfig(env, "cloudorder_waldur_resource", `
  count      = 1
  attributes = jsonencode({ name = "repro-${count.index}", kubernetes_version = "1.30", node_count = 3 })`)
	lostCreateCycle(t, env, config, stateID("cloudorder_waldur_resource.test.0"))
}

func stateID(addr string) func(*terraform.State) (string, error) {
	return func(s *terraform.State) (string, error) {
		rs, ok := s.RootModule().Resources[addr]
		if !ok {
			return "", fmt.Errorf("%s is not in the state", addr)
		}
		return rs.Primary.ID, nil
	}
}

// seededConfig is the provider configuration and one resource of type typ
// called "test" in the seed's project, offering and plan, with body's
// arguments added.
func seededConfig(env *acctest.Env, typ, body string) string {
	return env.ProviderConfig() + fmt.Sprintf(`
resource %q "test" {
  project  = %q
  offering = %q
  plan     = %q%s
}
`, typ, env.Seed.ProjectUUID, env.Seed.OfferingUUID, env.Seed.PlanUUID, body)
}
