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

// lostTerminate destroys what config made while the answer to the
// Terminate order's POST is lost after Waldur placed the order: destroy
// must find that order and wait for it, not fail and not terminate twice.
// resourceOf names the marketplace resource of the state before destroy.
func lostTerminate(t *testing.T, env *acctest.Env, config string, resourceOf func(*terraform.State) (string, error)) {
	t.Helper()
	var tracked string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: func() {
					env.Mock.InjectFault(mockcloud.Fault{Method: http.MethodPost, PathPrefix: "/api/marketplace-resources/", DropAfterProcessing: true, Count: 1})
				},
				Config:  config,
				Destroy: true,
				// A destroy step's check sees the state before the destroy.
				Check: func(s *terraform.State) (err error) {
					tracked, err = resourceOf(s)
					return err
				},
			},
		},
		CheckDestroy: func(*terraform.State) error {
			if left := env.Mock.Faults(); len(left) != 0 {
				return fmt.Errorf("the lost answer never happened: faults left %+v", left)
			}
			res, ok := env.Mock.Waldur().Resource(tracked)
			if !ok {
				return fmt.Errorf("marketplace resource %q is not in the mock", tracked)
			}
			if res.State != "Terminated" {
				return fmt.Errorf("marketplace resource %s is %s after destroy, want Terminated", tracked, res.State)
			}
			var terminates []string
			for _, o := range env.Mock.Waldur().Orders() {
				if o.Type == "Terminate" && o.MarketplaceResourceUUID == tracked {
					terminates = append(terminates, o.UUID+" "+o.State)
				}
			}
			if len(terminates) != 1 {
				return fmt.Errorf("terminate orders of %s: %v, want exactly one", tracked, terminates)
			}
			return nil
		},
	})
}

func TestAccWaldurOrder_lostTerminateAnswer(t *testing.T) {
	env := acctest.NewEnv(t)
	config := seededConfig(env, "cloudorder_waldur_order", `
  attributes           = jsonencode({ name = "lost-terminate", kubernetes_version = "1.30", node_count = 3 })
  terminate_on_destroy = true`)
	lostTerminate(t, env, config, func(s *terraform.State) (string, error) {
		rs, ok := s.RootModule().Resources["cloudorder_waldur_order.test"]
		if !ok {
			return "", fmt.Errorf("the order is not in the state")
		}
		return rs.Primary.Attributes["marketplace_resource_uuid"], nil
	})
}

func TestAccWaldurKubernetesCluster_lostTerminateAnswer(t *testing.T) {
	env := acctest.NewEnv(t)
	config := seededConfig(env, "cloudorder_waldur_kubernetes_cluster", `
  name               = "lost-terminate"
  kubernetes_version = "1.30"
  worker_count       = 3`)
	lostTerminate(t, env, config, stateID("cloudorder_waldur_kubernetes_cluster.test"))
}

func TestAccWaldurResource_lostTerminateAnswer(t *testing.T) {
	env := acctest.NewEnv(t)
	config := seededConfig(env, "cloudorder_waldur_resource", `
  attributes = jsonencode({ name = "lost-terminate", kubernetes_version = "1.30", node_count = 3 })`)
	lostTerminate(t, env, config, stateID("cloudorder_waldur_resource.test"))
}
