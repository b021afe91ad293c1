package hostway_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest"
)

func TestAccHostwayDataSources(t *testing.T) {
	env := acctest.NewEnv(t)
	h := env.Seed.Hostway
	cfg := demoVPS(env)
	cfg.services = []serviceCfg{{spec: "core.vps.virtuozzo.ip"}}
	cfg.extra = "  display_name = \"data-source-vps\"\n"
	lookups := `
data "cloudorder_hostway_order" "test" {
  id = cloudorder_hostway_vps.test.order_id
}

data "cloudorder_hostway_product" "by_marker" {
  partner_id = cloudorder_hostway_vps.test.partner_id
}

data "cloudorder_hostway_product" "by_id" {
  account_number = cloudorder_hostway_vps.test.account_number
  product_id     = cloudorder_hostway_vps.test.product_id
}

data "cloudorder_hostway_product" "by_name" {
  display_name = "data-source-vps"
  depends_on   = [cloudorder_hostway_vps.test]
}

data "cloudorder_hostway_offerings" "vps" {
  product_specification = cloudorder_hostway_vps.test.product_specification
}
`
	const (
		order    = "data.cloudorder_hostway_order.test"
		byMarker = "data.cloudorder_hostway_product.by_marker"
		byID     = "data.cloudorder_hostway_product.by_id"
		byName   = "data.cloudorder_hostway_product.by_name"
		catalog  = "data.cloudorder_hostway_offerings.vps"
	)
	same := func(ds, attr string) statecheck.StateCheck {
		return statecheck.CompareValuePairs(ds, tfjsonpath.New(attr), vpsAddr, tfjsonpath.New(attr), compare.ValuesSame())
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				// Lookups that match nothing fail with the reason.
				Config: env.HostwayProviderConfig() + `
data "cloudorder_hostway_product" "missing" {
  partner_id = "tf-no-such-marker"
}
`,
				ExpectError: acctest.ExpectError("Could not find the Hostway product", "no product with partnerId tf-no-such-marker"),
			},
			{
				Config:      env.HostwayProviderConfig() + "\ndata \"cloudorder_hostway_order\" \"missing\" {\n  id = \"0000000000000000000000000000000000000000\"\n}\n",
				ExpectError: acctest.ExpectError("Could not read Hostway order", "404", "was not found"),
			},
			{
				Config: env.HostwayProviderConfig() + `
data "cloudorder_hostway_product" "two" {
  product_id = "x"
  partner_id = "y"
}
`,
				PlanOnly:    true,
				ExpectError: acctest.ExpectError("Invalid Attribute Combination"),
			},
			{
				Config: cfg.hcl(env) + lookups,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(order, tfjsonpath.New("status"), knownvalue.StringExact("Processing")),
					statecheck.ExpectKnownValue(order, tfjsonpath.New("submitted"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(order, tfjsonpath.New("account_number"), knownvalue.StringExact(h.AccountNumber)),
					same(byMarker, "product_id"),
					same(byID, "partner_id"),
					same(byName, "product_id"),
					statecheck.ExpectKnownValue(byMarker, tfjsonpath.New("status"), knownvalue.StringExact("open")),
					statecheck.ExpectKnownValue(byMarker, tfjsonpath.New("services"), knownvalue.ListSizeExact(2)),
					statecheck.ExpectKnownValue(byMarker, tfjsonpath.New("services").AtSliceIndex(0).AtMapKey("kind"), knownvalue.StringExact("server")),
					statecheck.ExpectKnownValue(byMarker, tfjsonpath.New("services").AtSliceIndex(1).AtMapKey("kind"), knownvalue.StringExact("ip")),
					statecheck.ExpectKnownValue(byMarker, tfjsonpath.New("services").AtSliceIndex(1).AtMapKey("related_to"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(byID, tfjsonpath.New("product_specification"), knownvalue.StringExact(h.ProductSpecification)),
					statecheck.ExpectKnownValue(catalog, tfjsonpath.New("name"), knownvalue.StringExact("VPS Virtuozzo U101")),
					statecheck.ExpectKnownValue(catalog, tfjsonpath.New("offerings"), knownvalue.ListSizeExact(2)),
					statecheck.ExpectKnownValue(catalog, tfjsonpath.New("offerings").AtSliceIndex(0).AtMapKey("code"), knownvalue.StringExact(h.ProductSpecification+"/USD-1")),
					statecheck.ExpectKnownValue(catalog, tfjsonpath.New("offerings").AtSliceIndex(0).AtMapKey("default"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(catalog, tfjsonpath.New("service_specifications").AtSliceIndex(0).AtMapKey("code"), knownvalue.StringExact(h.ServerSpecification)),
					statecheck.ExpectKnownValue(catalog, tfjsonpath.New("service_specifications").AtSliceIndex(0).AtMapKey("kind"), knownvalue.StringExact("server")),
					statecheck.ExpectKnownValue(catalog, tfjsonpath.New("service_specifications").AtSliceIndex(0).AtMapKey("billing_cycles"),
						knownvalue.ListExact([]knownvalue.Check{knownvalue.Int64Exact(1), knownvalue.Int64Exact(3), knownvalue.Int64Exact(6), knownvalue.Int64Exact(12), knownvalue.Int64Exact(24)})),
					statecheck.ExpectKnownValue(catalog, tfjsonpath.New("service_specifications").AtSliceIndex(0).AtMapKey("default_billing_cycle"), knownvalue.Int64Exact(1)),
				},
			},
		},
		CheckDestroy: checkAllClosed(env),
	})
}
