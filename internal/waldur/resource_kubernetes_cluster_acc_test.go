package waldur_test

import (
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest"
)

const clusterAddr = "cloudorder_waldur_kubernetes_cluster.test"

func clusterConfig(env *acctest.Env, plan, body string) string {
	return env.ProviderConfig() + fmt.Sprintf(`
resource "cloudorder_waldur_kubernetes_cluster" "test" {
  project  = %q
  offering = %q
  plan     = %q
%s
}
`, env.Seed.ProjectUUID, env.Seed.OfferingUUID, plan, body)
}

const clusterBody = `
  name               = "acc-cluster"
  description        = "made by a test"
  kubernetes_version = "1.30"
  worker_count       = 3
  worker_flavor      = "m1.medium"
  ssh_public_key     = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAcc test@example"
  extra_attributes   = { region = "oslo" }
`

func TestAccWaldurKubernetesCluster_basic(t *testing.T) {
	env := acctest.NewEnv(t)
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config:           clusterConfig(env, env.Seed.PlanUUID, clusterBody),
				ConfigPlanChecks: acctest.EmptyPlanAfterApply,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(clusterAddr, tfjsonpath.New("state"), knownvalue.StringExact("OK")),
					statecheck.ExpectKnownValue(clusterAddr, tfjsonpath.New("endpoint"), knownvalue.StringRegexp(regexp.MustCompile(`^https://acc-cluster-`))),
					statecheck.ExpectKnownValue(clusterAddr, tfjsonpath.New("worker_count"), knownvalue.Int64Exact(3)),
					statecheck.ExpectKnownValue(clusterAddr, tfjsonpath.New("offering_type"), knownvalue.StringExact("Marketplace.Kubernetes")),
				},
				Check: func(s *terraform.State) error {
					r, err := mockResource(env, s, clusterAddr)
					if err != nil {
						return err
					}
					id = r.UUID
					var got map[string]any
					if err := json.Unmarshal(r.Attributes, &got); err != nil {
						return err
					}
					want := map[string]any{
						"name": "acc-cluster", "description": "made by a test", "kubernetes_version": "1.30",
						"node_count": float64(3), "flavor": "m1.medium", "region": "oslo",
						"ssh_public_key": "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAcc test@example",
					}
					if !reflect.DeepEqual(got, want) {
						return fmt.Errorf("the Create order sent attributes %v, want %v", got, want)
					}
					return nil
				},
			},
			{
				ResourceName:      clusterAddr,
				ImportState:       true,
				ImportStateVerify: true,
			},
			{
				Config: clusterConfig(env, env.Seed.SecondPlanUUID, clusterBody),
				ConfigPlanChecks: acctest.PlanChecks(
					plancheck.ExpectResourceAction(clusterAddr, plancheck.ResourceActionUpdate),
					// No "(known after apply)" noise for a value a plan switch keeps.
					plancheck.ExpectKnownValue(clusterAddr, tfjsonpath.New("error_message"), knownvalue.Null()),
				),
				Check: resource.ComposeTestCheckFunc(
					sameID(clusterAddr, &id),
					resource.TestCheckResourceAttr(clusterAddr, "plan_name", "large"),
				),
			},
			{
				// A cluster setting is an attribute of the Create order: a
				// change replaces the cluster.
				Config:           clusterConfig(env, env.Seed.SecondPlanUUID, regexp.MustCompile(`worker_count\s+= 3`).ReplaceAllString(clusterBody, "worker_count = 5")),
				ConfigPlanChecks: acctest.PlanChecks(plancheck.ExpectResourceAction(clusterAddr, plancheck.ResourceActionDestroyBeforeCreate)),
			},
		},
		CheckDestroy: func(*terraform.State) error {
			for _, r := range env.Mock.Waldur().Resources() {
				if r.State != "Terminated" {
					return fmt.Errorf("cluster %s is %s after destroy, want Terminated", r.UUID, r.State)
				}
			}
			return nil
		},
	})
}

func TestAccWaldurKubernetesCluster_disappears(t *testing.T) {
	env := acctest.NewEnv(t)
	body := "  name = \"acc-gone\"\n"
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: clusterConfig(env, env.Seed.PlanUUID, body),
				Check: func(s *terraform.State) error {
					id = s.RootModule().Resources[clusterAddr].Primary.ID
					if !env.Mock.Waldur().DeleteResource(id) {
						return fmt.Errorf("cluster %s not in the mock", id)
					}
					return nil
				},
				ExpectNonEmptyPlan: true,
			},
			{
				Config:           clusterConfig(env, env.Seed.PlanUUID, body),
				ConfigPlanChecks: acctest.PlanChecks(plancheck.ExpectResourceAction(clusterAddr, plancheck.ResourceActionCreate)),
			},
		},
	})
}

func TestAccWaldurKubernetesCluster_validation(t *testing.T) {
	env := acctest.NewEnv(t)
	cases := []struct {
		body string
		want []string
	}{
		{`  name = "Bad_Name"`, []string{"name", "lower-case letters, digits and dashes"}},
		{"  name = \"ok-name\"\n  worker_count = 0", []string{"worker_count", "at least 1"}},
		{"  name = \"ok-name\"\n  extra_attributes = { node_count = \"4\" }", []string{"extra_attributes", `may not set "node_count"`, "worker_count argument"}},
	}
	steps := make([]resource.TestStep, 0, len(cases))
	for _, tc := range cases {
		steps = append(steps, resource.TestStep{
			Config:      clusterConfig(env, env.Seed.PlanUUID, tc.body),
			PlanOnly:    true,
			ExpectError: acctest.ExpectError(tc.want...),
		})
	}
	// WAYSCloud requires a plan (seed): leaving it out fails at plan time.
	noPlan := strings.Replace(clusterConfig(env, env.Seed.PlanUUID, `  name = "ok-name"`), fmt.Sprintf("plan     = %q", env.Seed.PlanUUID), "", 1)
	steps = append(steps, resource.TestStep{Config: noPlan, PlanOnly: true, ExpectError: acctest.ExpectError(`"plan" is required`)})
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(), Steps: steps})
	if n := len(env.Mock.Waldur().Orders()); n != 0 {
		t.Fatalf("invalid configurations placed %d orders", n)
	}
}
