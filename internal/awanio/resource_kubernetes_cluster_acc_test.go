package awanio_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
	awaniomock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/awanio"
)

const clusterAddr = "cloudorder_awanio_kubernetes_cluster.test"

func clusterConfig(env *acctest.Env, name, extra string) string {
	a := env.Seed.Awanio
	tags := "  tags             = [\"testing\"]\n"
	if strings.Contains(extra, "tags") {
		tags = ""
	}
	return env.AwanioProviderConfig() + fmt.Sprintf(`
resource "cloudorder_awanio_kubernetes_cluster" "test" {
  project_uuid     = %q
  name             = %q
  version_uuid     = %q
  pricing_uuid     = %q
  pv_pricing_uuid  = %q
  with_external_ip = true
%s%s}
`, a.ProjectUUID, name, a.KubernetesVersionUUID, a.PodsPricingUUID, a.VolumePricingUUID, tags, extra)
}

func TestAccAwanioKubernetesCluster_basicAndUpdate(t *testing.T) {
	env := acctest.NewEnv(t)
	project := env.Seed.Awanio.ProjectUUID
	var uuid string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config:           clusterConfig(env, "my-cluster", ""),
				ConfigPlanChecks: emptyPlanAfterApply,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(clusterAddr, tfjsonpath.New("id"), knownvalue.StringExact("projects/"+project)),
					statecheck.ExpectKnownValue(clusterAddr, tfjsonpath.New("uuid"), knownvalue.StringRegexp(dashedUUID)),
					statecheck.ExpectKnownValue(clusterAddr, tfjsonpath.New("status"), knownvalue.StringExact("running")),
					statecheck.ExpectKnownValue(clusterAddr, tfjsonpath.New("enable_ha"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(clusterAddr, tfjsonpath.New("external_ip"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(clusterAddr, tfjsonpath.New("namespace"), knownvalue.StringExact("k8s-"+env.Seed.Awanio.OrganizationUUID)),
					statecheck.ExpectKnownValue(clusterAddr, tfjsonpath.New("tags"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("testing")})),
				},
				Check: func(s *terraform.State) error {
					uuid = s.RootModule().Resources[clusterAddr].Primary.Attributes["uuid"]
					return nil
				},
			},
			{
				ResourceName:      clusterAddr,
				ImportState:       true,
				ImportStateId:     "projects/" + project,
				ImportStateVerify: true,
				// Awanio never returns reserve_external_ip: null after an import.
				ImportStateVerifyIgnore: []string{"reserve_external_ip"},
			},
			{
				// Rename and HA in place: the cluster is pending again and
				// the update waits until it runs.
				Config: clusterConfig(env, "renamed", "  enable_ha = true\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(clusterAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(clusterAddr, tfjsonpath.New("status"), knownvalue.StringExact("running")),
					statecheck.ExpectKnownValue(clusterAddr, tfjsonpath.New("enable_ha"), knownvalue.Bool(true)),
				},
				Check: func(*terraform.State) error {
					k, ok := env.Mock.Awanio().KubernetesCluster("projects", project)
					if !ok || k.UUID != uuid || k.Name != "renamed" || !k.EnableHA {
						return fmt.Errorf("the mock holds %+v, want cluster %s renamed with HA", k, uuid)
					}
					return nil
				},
			},
			{
				// Tags cannot change in Awanio: replace.
				Config: clusterConfig(env, "renamed", "  enable_ha = true\n  tags = [\"prod\"]\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(clusterAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
			},
		},
		CheckDestroy: func(*terraform.State) error {
			if _, ok := env.Mock.Awanio().KubernetesCluster("projects", project); ok {
				return fmt.Errorf("the cluster still exists after destroy")
			}
			return nil
		},
	})
}

func TestAccAwanioKubernetesCluster_disappears(t *testing.T) {
	env := acctest.NewEnv(t)
	cfg := clusterConfig(env, "short-lived", "")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: func(*terraform.State) error {
					if !env.Mock.Awanio().DeleteKubernetesCluster("projects", env.Seed.Awanio.ProjectUUID) {
						return fmt.Errorf("no cluster in the mock")
					}
					return nil
				},
				ExpectNonEmptyPlan: true,
			},
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(clusterAddr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

// A cluster that ends in error is reported with Awanio's message and kept,
// tainted, so the next apply replaces it.
func TestAccAwanioKubernetesCluster_errorStatusTaints(t *testing.T) {
	env := acctest.NewEnv(t)
	project := env.Seed.Awanio.ProjectUUID
	env.Mock.Awanio().FailKubernetesClusters("projects", project, "error", "INSUFFICIENT CAPACITY IN ZONE asia/jakarta")
	cfg := clusterConfig(env, "doomed", "")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config:      cfg,
				ExpectError: acctest.ExpectError("did not start", "INSUFFICIENT CAPACITY IN ZONE asia/jakarta"),
			},
			{
				PreConfig: func() { env.Mock.Awanio().FailKubernetesClusters("projects", project, "", "") },
				Config:    cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(clusterAddr, plancheck.ResourceActionDestroyBeforeCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

func TestAccAwanioKubernetesCluster_timeout(t *testing.T) {
	env := acctest.NewEnv(t)
	project := env.Seed.Awanio.ProjectUUID
	// Stuck pending: the create waits until its timeout and leaves the
	// cluster in the state, tainted.
	env.Mock.Awanio().FailKubernetesClusters("projects", project, "pending", "")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config:      clusterConfig(env, "slow", "  timeouts {\n    create = \"1s\"\n  }\n"),
			ExpectError: acctest.ExpectError("did not start", "pending"),
		}},
	})
}

func TestAccAwanioKubernetesCluster_validation(t *testing.T) {
	env := acctest.NewEnv(t)
	cases := []struct {
		config string
		want   []string
	}{
		{clusterConfig(env, "", ""), []string{"name", "length must be between 1 and 63"}},
		{badVersionConfig(env), []string{"version_uuid", "must be a UUID"}},
		{clusterConfig(env, "ok", "  timeouts {\n    create = \"forever\"\n  }\n"), []string{"create", `"forever"`}},
	}
	steps := make([]resource.TestStep, 0, len(cases))
	for _, tc := range cases {
		steps = append(steps, resource.TestStep{Config: tc.config, PlanOnly: true, ExpectError: acctest.ExpectError(tc.want...)})
	}
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(), Steps: steps})
}

func badVersionConfig(env *acctest.Env) string {
	return env.AwanioProviderConfig() + fmt.Sprintf(`
resource "cloudorder_awanio_kubernetes_cluster" "test" {
  project_uuid = %q
  name         = "ok"
  version_uuid = "1.27"
  pricing_uuid = %q
}
`, env.Seed.Awanio.ProjectUUID, env.Seed.Awanio.PodsPricingUUID)
}

func TestAccAwanioKubernetesVersionsDataSource(t *testing.T) {
	env := acctest.NewEnv(t)
	const addr = "data.cloudorder_awanio_kubernetes_versions.all"
	cfg := env.AwanioProviderConfig() + `
data "cloudorder_awanio_kubernetes_versions" "all" {}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				// The demo has one version: Awanio answers a single object.
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("versions"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectPartial(map[string]knownvalue.Check{
							"uuid": knownvalue.StringExact(env.Seed.Awanio.KubernetesVersionUUID),
							"name": knownvalue.StringExact("1.27"),
						}),
					})),
				},
			},
			{
				// With two, a list.
				PreConfig: func() { env.Mock.Awanio().AddKubernetesVersion(mockKubeVersion("1.28")) },
				Config:    cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("versions").AtSliceIndex(1).AtMapKey("name"), knownvalue.StringExact("1.28")),
				},
			},
		},
	})
}

func mockKubeVersion(name string) awaniomock.AwanioKubeVersion {
	return awaniomock.AwanioKubeVersion{Name: name}
}

// The answer to the create is lost after Awanio acted: the provider adopts
// the group's cluster instead of failing or making a second one.
func TestAccAwanioKubernetesCluster_lostCreateAnswer(t *testing.T) {
	env := acctest.NewEnv(t)
	project := env.Seed.Awanio.ProjectUUID
	env.Mock.InjectFault(mockcloud.Fault{Method: "POST", PathPrefix: "/awanio/v2/projects/" + project + "/kubernetes", DropAfterProcessing: true})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config:           clusterConfig(env, "lost-answer", ""),
			ConfigPlanChecks: emptyPlanAfterApply,
			Check: func(s *terraform.State) error {
				k, ok := env.Mock.Awanio().KubernetesCluster("projects", project)
				if !ok || s.RootModule().Resources[clusterAddr].Primary.Attributes["uuid"] != k.UUID {
					return fmt.Errorf("the state does not hold the mock's cluster %+v", k)
				}
				return nil
			},
		}},
	})
}
