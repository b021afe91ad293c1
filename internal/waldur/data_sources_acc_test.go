package waldur_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waldur/api"
)

func TestAccWaldurOrderDataSources(t *testing.T) {
	env := acctest.NewEnv(t)
	first := demoOrder(env, "ds-one")
	config := first.hcl(env) + fmt.Sprintf(`
resource "cloudorder_waldur_order" "second" {
  project    = %[1]q
  offering   = %[2]q
  plan       = %[3]q
  attributes = jsonencode({ name = "ds-two" })
}

data "cloudorder_waldur_order" "test" {
  uuid = cloudorder_waldur_order.test.id
}

data "cloudorder_waldur_orders" "done_in_project" {
  project  = %[1]q
  states   = ["done"]
  types    = ["Create"]
  depends_on = [cloudorder_waldur_order.test, cloudorder_waldur_order.second]
}

data "cloudorder_waldur_orders" "none" {
  project = %[1]q
  states  = ["rejected"]
  depends_on = [cloudorder_waldur_order.test, cloudorder_waldur_order.second]
}

data "cloudorder_waldur_order_offering" "test" {
  order_uuid = cloudorder_waldur_order.test.id
}
`, env.Seed.ProjectUUID, env.Seed.OfferingUUID, env.Seed.SecondPlanUUID)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config:           config,
			ConfigPlanChecks: acctest.EmptyPlanAfterApply,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.cloudorder_waldur_order.test", tfjsonpath.New("state"), knownvalue.StringExact("done")),
				statecheck.ExpectKnownValue("data.cloudorder_waldur_order.test", tfjsonpath.New("attributes"),
					knownvalue.StringExact(`{"kubernetes_version":"1.30","name":"ds-one","node_count":3}`)),
				statecheck.ExpectKnownValue("data.cloudorder_waldur_order.test", tfjsonpath.New("project"),
					knownvalue.StringExact(env.URL+"/api/projects/"+env.Seed.ProjectUUID+"/")),
				statecheck.ExpectKnownValue("data.cloudorder_waldur_orders.done_in_project", tfjsonpath.New("orders"), knownvalue.ListSizeExact(2)),
				statecheck.ExpectKnownValue("data.cloudorder_waldur_orders.none", tfjsonpath.New("orders"), knownvalue.ListSizeExact(0)),
				statecheck.ExpectKnownValue("data.cloudorder_waldur_order_offering.test", tfjsonpath.New("uuid"), knownvalue.StringExact(env.Seed.OfferingUUID)),
				statecheck.ExpectKnownValue("data.cloudorder_waldur_order_offering.test", tfjsonpath.New("plans"), knownvalue.ListSizeExact(2)),
			},
			Check: resource.ComposeTestCheckFunc(
				resource.TestCheckResourceAttrPair("data.cloudorder_waldur_order.test", "marketplace_resource_uuid",
					"cloudorder_waldur_order.test", "marketplace_resource_uuid"),
			),
		}},
	})
}

func TestAccWaldurOrdersDataSource_pagination(t *testing.T) {
	env := acctest.NewEnv(t)
	// More orders than one page of the largest page size (300).
	client, err := api.NewClient(api.Config{Endpoint: env.URL, Token: env.Seed.Token})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 305; i++ {
		_, err := client.CreateOrder(context.Background(), api.OrderCreateRequest{
			Project:    client.ProjectURL(env.Seed.ProjectUUID),
			Offering:   client.OfferingURL(env.Seed.OfferingUUID),
			Plan:       client.PlanURL(env.Seed.OfferingUUID, env.Seed.PlanUUID),
			Attributes: json.RawMessage(fmt.Sprintf(`{"name":"bulk-%d"}`, i)),
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: env.ProviderConfig() + fmt.Sprintf(`
data "cloudorder_waldur_orders" "all" {
  project = %q
}
`, env.Seed.ProjectUUID),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.cloudorder_waldur_orders.all", tfjsonpath.New("orders"), knownvalue.ListSizeExact(305)),
			},
		}},
	})
}

func TestAccWaldurOrderDataSource_validation(t *testing.T) {
	env := acctest.NewEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config:      env.ProviderConfig() + `data "cloudorder_waldur_order" "x" { uuid = "nope" }`,
				ExpectError: acctest.ExpectError("uuid", `"nope" is not a UUID`),
			},
			{
				Config:      env.ProviderConfig() + `data "cloudorder_waldur_orders" "x" { states = ["finished"] }`,
				ExpectError: acctest.ExpectError("states", "value must be one of"),
			},
			{
				Config:      env.ProviderConfig() + `data "cloudorder_waldur_order" "x" { uuid = "ffffffffffffffffffffffffffffffff" }`,
				ExpectError: acctest.ExpectError("Could not read Waldur order", "404"),
			},
		},
	})
}
