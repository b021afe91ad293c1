package waldur_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest"
)

func TestAccWaldurResourceDataSources(t *testing.T) {
	env := acctest.NewEnv(t)
	config := env.ProviderConfig() + fmt.Sprintf(`
resource "cloudorder_waldur_kubernetes_cluster" "a" {
  project  = %[1]q
  offering = %[2]q
  plan     = %[3]q
  name     = "ds-cluster"
}

resource "cloudorder_waldur_resource" "b" {
  project    = %[1]q
  offering   = %[2]q
  plan       = %[4]q
  attributes = jsonencode({ name = "ds-other" })
  limits     = { cpu = 2 }
}

data "cloudorder_waldur_resource" "by_uuid" {
  uuid = cloudorder_waldur_kubernetes_cluster.a.id
}

data "cloudorder_waldur_resource" "by_name" {
  name       = "ds-other"
  project    = %[1]q
  depends_on = [cloudorder_waldur_resource.b]
}

data "cloudorder_waldur_resources" "ok_in_project" {
  project    = %[1]q
  states     = ["OK"]
  depends_on = [cloudorder_waldur_kubernetes_cluster.a, cloudorder_waldur_resource.b]
}

data "cloudorder_waldur_resources" "named" {
  name       = "ds-clu"
  depends_on = [cloudorder_waldur_kubernetes_cluster.a, cloudorder_waldur_resource.b]
}
`, env.Seed.ProjectUUID, env.Seed.OfferingUUID, env.Seed.PlanUUID, env.Seed.SecondPlanUUID)

	const byUUID, byName = "data.cloudorder_waldur_resource.by_uuid", "data.cloudorder_waldur_resource.by_name"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config:           config,
			ConfigPlanChecks: acctest.EmptyPlanAfterApply,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(byUUID, tfjsonpath.New("name"), knownvalue.StringExact("ds-cluster")),
				statecheck.ExpectKnownValue(byUUID, tfjsonpath.New("state"), knownvalue.StringExact("OK")),
				statecheck.ExpectKnownValue(byUUID, tfjsonpath.New("project"), knownvalue.StringExact(env.Seed.ProjectUUID)),
				statecheck.ExpectKnownValue(byUUID, tfjsonpath.New("attributes"), knownvalue.StringExact(`{"name":"ds-cluster"}`)),
				statecheck.ExpectKnownValue(byUUID, tfjsonpath.New("endpoints").AtMapKey("Kubernetes API"), knownvalue.StringRegexp(regexp.MustCompile(`^https://`))),
				statecheck.ExpectKnownValue(byName, tfjsonpath.New("plan_name"), knownvalue.StringExact("large")),
				statecheck.ExpectKnownValue(byName, tfjsonpath.New("limits"), knownvalue.MapExact(map[string]knownvalue.Check{"cpu": knownvalue.Int64Exact(2)})),
				statecheck.ExpectKnownValue("data.cloudorder_waldur_resources.ok_in_project", tfjsonpath.New("resources"), knownvalue.ListSizeExact(2)),
				statecheck.ExpectKnownValue("data.cloudorder_waldur_resources.named", tfjsonpath.New("resources"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact("ds-cluster"), "offering_name": knownvalue.StringExact("WAYSCloud Kubernetes")}),
				})),
			},
			Check: resource.TestCheckResourceAttrPair(byName, "id", "cloudorder_waldur_resource.b", "id"),
		}},
	})
}

func TestAccWaldurResourceDataSource_errors(t *testing.T) {
	env := acctest.NewEnv(t)
	ds := func(body string) string {
		return env.ProviderConfig() + "data \"cloudorder_waldur_resource\" \"test\" {\n" + body + "\n}\n"
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: ds(`name = "x"`), ExpectError: acctest.ExpectError("project", "must be specified")},
			{Config: ds(fmt.Sprintf("uuid = %q\nname = \"x\"\nproject = %q", env.Seed.ProjectUUID, env.Seed.ProjectUUID)), ExpectError: acctest.ExpectError("Invalid Attribute Combination")},
			{Config: ds(`uuid = "ffffffffffffffffffffffffffffffff"`), ExpectError: acctest.ExpectError("Marketplace resource not found", "ffffffffffffffffffffffffffffffff")},
			{Config: ds(fmt.Sprintf("name = \"nothing-here\"\nproject = %q", env.Seed.ProjectUUID)), ExpectError: acctest.ExpectError("no marketplace resource named", "nothing-here")},
		},
	})
}
