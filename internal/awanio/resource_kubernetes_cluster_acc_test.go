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
	awaniomock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/awanio"
)

const clusterAddr = "cloudorder_awanio_kubernetes_cluster.test"

func clusterConfig(env *acctest.Env, name, extra string) string {
	a := env.Seed.Awanio
	tags := "  tags             = [\"testing\"]\n"
	if strings.Contains(extra, "tags") {
		tags = ""
	}
	return testResource(env.AwanioProviderConfig(), "kubernetes_cluster",
		arg("project_uuid", a.ProjectUUID), arg("name", name), arg("version_uuid", a.KubernetesVersionUUID),
		arg("pricing_uuid", a.PodsPricingUUID), arg("pv_pricing_uuid", a.VolumePricingUUID), arg("with_external_ip", true), tags, extra)
}

func TestAccAwanioKubernetesCluster_basicAndUpdate(t *testing.T) {
	env := acctest.NewEnv(t)
	project := env.Seed.Awanio.ProjectUUID
	id := "projects/" + project
	var uuid string
	accCase(t, resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config:           clusterConfig(env, "my-cluster", ""),
				ConfigPlanChecks: acctest.EmptyPlanAfterApply,
				ConfigStateChecks: attrs(clusterAddr, map[string]knownvalue.Check{
					"id":          knownvalue.StringExact(id),
					"uuid":        knownvalue.StringRegexp(dashedUUID),
					"status":      knownvalue.StringExact("running"),
					"enable_ha":   knownvalue.Bool(false),
					"external_ip": knownvalue.NotNull(),
					"namespace":   knownvalue.StringExact("k8s-" + env.Seed.Awanio.OrganizationUUID),
					"tags":        knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("testing")}),
				}),
				Check: func(s *terraform.State) error {
					uuid = s.RootModule().Resources[clusterAddr].Primary.Attributes["uuid"]
					return nil
				},
			},
			// Awanio never returns reserve_external_ip: null after an import.
			importStep(clusterAddr, literalID(id), "reserve_external_ip"),
			{
				// Rename and HA in place: the cluster is pending again and
				// the update waits until it runs.
				Config:           clusterConfig(env, "renamed", arg("enable_ha", true)),
				ConfigPlanChecks: actionThenEmpty(clusterAddr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: attrs(clusterAddr, map[string]knownvalue.Check{
					"status":    knownvalue.StringExact("running"),
					"enable_ha": knownvalue.Bool(true),
				}),
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
				Config:           clusterConfig(env, "renamed", arg("enable_ha", true)+"  tags = [\"prod\"]\n"),
				ConfigPlanChecks: actionOnly(clusterAddr, plancheck.ResourceActionDestroyBeforeCreate),
			},
		},
		CheckDestroy: goneAfterDestroy("cluster", &id, findByGroup(env.Mock.Awanio().KubernetesCluster)),
	})
}

func TestAccAwanioKubernetesCluster_disappears(t *testing.T) {
	env := acctest.NewEnv(t)
	accSteps(t, disappearsSteps(clusterConfig(env, "short-lived", ""), clusterAddr, false, removed("cluster", deleteByGroup(env.Mock.Awanio().DeleteKubernetesCluster)))...)
}

// A cluster that ends in error is reported with Awanio's message and kept,
// tainted, so the next apply replaces it.
func TestAccAwanioKubernetesCluster_errorStatusTaints(t *testing.T) {
	env := acctest.NewEnv(t)
	project := env.Seed.Awanio.ProjectUUID
	env.Mock.Awanio().FailKubernetesClusters("projects", project, "error", "INSUFFICIENT CAPACITY IN ZONE asia/jakarta")
	cfg := clusterConfig(env, "doomed", "")
	accSteps(t,
		applyError(cfg, "did not start", "INSUFFICIENT CAPACITY IN ZONE asia/jakarta"),
		resource.TestStep{
			PreConfig:        func() { env.Mock.Awanio().FailKubernetesClusters("projects", project, "", "") },
			Config:           cfg,
			ConfigPlanChecks: actionThenEmpty(clusterAddr, plancheck.ResourceActionDestroyBeforeCreate),
		},
	)
}

func TestAccAwanioKubernetesCluster_timeout(t *testing.T) {
	env := acctest.NewEnv(t)
	// Stuck pending: the create waits until its timeout and leaves the
	// cluster in the state, tainted.
	env.Mock.Awanio().FailKubernetesClusters("projects", env.Seed.Awanio.ProjectUUID, "pending", "")
	accSteps(t, applyError(clusterConfig(env, "slow", timeouts("create", "1s")), "did not start", "pending"))
}

func TestAccAwanioKubernetesCluster_validation(t *testing.T) {
	env := acctest.NewEnv(t)
	a := env.Seed.Awanio
	badVersion := testResource(env.AwanioProviderConfig(), "kubernetes_cluster",
		arg("project_uuid", a.ProjectUUID), arg("name", "ok"), arg("version_uuid", "1.27"), arg("pricing_uuid", a.PodsPricingUUID))
	accSteps(t,
		planError(clusterConfig(env, "", ""), "name", "length must be between 1 and 63"),
		planError(badVersion, "version_uuid", "must be a UUID"),
		planError(clusterConfig(env, "ok", timeouts("create", "forever")), "create", `"forever"`),
	)
}

func TestAccAwanioKubernetesVersionsDataSource(t *testing.T) {
	env := acctest.NewEnv(t)
	const addr = "data.cloudorder_awanio_kubernetes_versions.all"
	cfg := env.AwanioProviderConfig() + block("data", "kubernetes_versions", "all")
	accSteps(t,
		resource.TestStep{
			// The demo has one version: Awanio answers a single object.
			Config: cfg,
			ConfigStateChecks: attrs(addr, map[string]knownvalue.Check{
				"versions": knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"uuid": knownvalue.StringExact(env.Seed.Awanio.KubernetesVersionUUID),
						"name": knownvalue.StringExact("1.27"),
					}),
				}),
			}),
		},
		resource.TestStep{
			// With two, a list.
			PreConfig: func() { env.Mock.Awanio().AddKubernetesVersion(awaniomock.AwanioKubeVersion{Name: "1.28"}) },
			Config:    cfg,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("versions").AtSliceIndex(1).AtMapKey("name"), knownvalue.StringExact("1.28")),
			},
		},
	)
}

// The answer to the create is lost after Awanio acted: the provider adopts
// the group's cluster instead of failing or making a second one.
func TestAccAwanioKubernetesCluster_lostCreateAnswer(t *testing.T) {
	env := acctest.NewEnv(t)
	project := env.Seed.Awanio.ProjectUUID
	lostCreateAnswer(t, env, "/awanio/v2/projects/"+project+"/kubernetes", clusterConfig(env, "lost-answer", ""), func(s *terraform.State) error {
		k, ok := env.Mock.Awanio().KubernetesCluster("projects", project)
		if !ok || s.RootModule().Resources[clusterAddr].Primary.Attributes["uuid"] != k.UUID {
			return fmt.Errorf("the state does not hold the mock's cluster %+v", k)
		}
		return nil
	})
}
