package awanio_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest"
)

func TestAccAwanioVirtualMachinesDataSource(t *testing.T) {
	env := acctest.NewEnv(t)
	org := env.Seed.Awanio.OrganizationUUID
	// Two VMs in the organization (one from a resource, so the list is
	// read after it exists) and the provider's project, which is empty.
	p := env.AwanioProviderConfig(fmt.Sprintf("project_uuid = %q", env.Seed.Awanio.ProjectUUID))
	cfg := p + fmt.Sprintf(`
resource "cloudorder_awanio_virtual_machine" "a" {
  organization_uuid  = %[1]q
  catalogue_uuid     = %[2]q
  instance_type_uuid = %[3]q
  title              = "a"
  hostname           = "a"
  ssh_public_key     = %[4]q
}

resource "cloudorder_awanio_virtual_machine" "b" {
  organization_uuid  = %[1]q
  catalogue_uuid     = %[2]q
  instance_type_uuid = %[3]q
  title              = "b"
  hostname           = "b"
  ssh_public_key     = %[4]q
  depends_on         = [cloudorder_awanio_virtual_machine.a]
}

data "cloudorder_awanio_virtual_machines" "org" {
  organization_uuid = cloudorder_awanio_virtual_machine.b.organization_uuid
}

data "cloudorder_awanio_virtual_machines" "default" {
  depends_on = [cloudorder_awanio_virtual_machine.b]
}
`, org, env.Seed.Awanio.VMCatalogueUUID, env.Seed.Awanio.VMPricingUUID, testSSHKey)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				// The data sources of a new resource are read at apply.
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.cloudorder_awanio_virtual_machines.org", tfjsonpath.New("virtual_machines"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectPartial(map[string]knownvalue.Check{
							"title": knownvalue.StringExact("a"), "status": knownvalue.StringExact("running"),
							"instance_type": knownvalue.StringExact("s-a"), "catalogue_uuid": knownvalue.StringExact(env.Seed.Awanio.VMCatalogueUUID),
						}),
						knownvalue.ObjectPartial(map[string]knownvalue.Check{"title": knownvalue.StringExact("b"), "hostname": knownvalue.StringExact("b")}),
					})),
					statecheck.ExpectKnownValue("data.cloudorder_awanio_virtual_machines.default", tfjsonpath.New("project_uuid"), knownvalue.StringExact(env.Seed.Awanio.ProjectUUID)),
					statecheck.ExpectKnownValue("data.cloudorder_awanio_virtual_machines.default", tfjsonpath.New("virtual_machines"), knownvalue.ListSizeExact(0)),
				},
			},
		},
	})
}

func TestAccAwanioBaremetalMachinesDataSource(t *testing.T) {
	env := acctest.NewEnv(t)
	const addr = "data.cloudorder_awanio_baremetal_machines.test"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: env.AwanioProviderConfig(fmt.Sprintf("organization_uuid = %q", env.Seed.Awanio.OrganizationUUID)) + `
data "cloudorder_awanio_baremetal_machines" "test" {}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("organization_uuid"), knownvalue.StringExact(env.Seed.Awanio.OrganizationUUID)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("machines"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"name": knownvalue.StringExact(env.Seed.Awanio.MachineName), "architecture": knownvalue.StringExact("amd64/generic"),
							"zone": knownvalue.StringExact("asia/jakarta"), "pricing_uuid": knownvalue.StringExact(env.Seed.Awanio.BaremetalPricingUUID),
							"instance_type": knownvalue.StringExact("bh-a"), "vcpu_core": knownvalue.Float64Exact(32),
							"ram_mb": knownvalue.Int64Exact(262144), "storage_gb": knownvalue.Int64Exact(2000),
							"price_per_hour": knownvalue.Float64Exact(5556), "price_per_month": knownvalue.Float64Exact(4000000),
						}),
					})),
				},
			},
			{
				// A deployed server takes its machine off the list.
				Config: env.AwanioProviderConfig(fmt.Sprintf("organization_uuid = %q", env.Seed.Awanio.OrganizationUUID)) + fmt.Sprintf(`
resource "cloudorder_awanio_baremetal" "test" {
  catalogue_uuid = %q
  machine_name   = %q
  billing_period = "price_per_hour"
  title          = "metal"
  hostname       = "metal"
  ssh_public_key = %q
}

data "cloudorder_awanio_baremetal_machines" "test" {
  depends_on = [cloudorder_awanio_baremetal.test]
}
`, env.Seed.Awanio.BaremetalCatalogueUUID, env.Seed.Awanio.MachineName, testSSHKey),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("machines"), knownvalue.ListSizeExact(0)),
				},
			},
		},
	})
}

func TestAccAwanioComputeDataSources_badOwner(t *testing.T) {
	env := acctest.NewEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config:      env.AwanioProviderConfig() + "\ndata \"cloudorder_awanio_virtual_machines\" \"x\" {\n  project_uuid = \"x\"\n}\n",
				ExpectError: acctest.ExpectError("project_uuid", "UUID"),
			},
			{
				// No owner anywhere.
				Config:      env.AwanioProviderConfig() + "\ndata \"cloudorder_awanio_baremetal_machines\" \"x\" {}\n",
				ExpectError: acctest.ExpectError("Missing owner", "Set organization_uuid or project_uuid here", "CLOUDORDER_AWANIO_ORGANIZATION_UUID)."),
			},
			{
				// Awanio's own message for an organization that does not exist.
				Config:      env.AwanioProviderConfig() + "\ndata \"cloudorder_awanio_virtual_machines\" \"x\" {\n  organization_uuid = \"9b7c1d2e-3f40-4a51-8b62-7c83d94ea5f6\"\n}\n",
				ExpectError: acctest.ExpectError("Could not list the Awanio virtual machines", "ORGANIZATION NOT FOUND"),
			},
		},
	})
}
