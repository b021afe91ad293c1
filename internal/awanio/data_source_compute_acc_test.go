package awanio_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest"
)

func TestAccAwanioVirtualMachinesDataSource(t *testing.T) {
	env := acctest.NewEnv(t)
	a := env.Seed.Awanio
	// Two VMs in the organization (one from a resource, so the list is
	// read after it exists) and the provider's project, which is empty.
	vm := func(name string, extra ...string) string {
		return block("resource", "virtual_machine", name, append([]string{arg("organization_uuid", a.OrganizationUUID), vmArgs(env, name, name), sshKey}, extra...)...)
	}
	cfg := withDefaultProject(env) + vm("a") + vm("b", "  depends_on = [cloudorder_awanio_virtual_machine.a]\n") +
		block("data", "virtual_machines", "org", "  organization_uuid = cloudorder_awanio_virtual_machine.b.organization_uuid\n") +
		block("data", "virtual_machines", "default", "  depends_on = [cloudorder_awanio_virtual_machine.b]\n")
	accSteps(t, resource.TestStep{
		// The data sources of a new resource are read at apply.
		Config: cfg,
		ConfigStateChecks: append(
			attrs("data.cloudorder_awanio_virtual_machines.org", map[string]knownvalue.Check{
				"virtual_machines": knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"title": knownvalue.StringExact("a"), "status": knownvalue.StringExact("running"),
						"instance_type": knownvalue.StringExact("s-a"), "catalogue_uuid": knownvalue.StringExact(a.VMCatalogueUUID),
					}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"title": knownvalue.StringExact("b"), "hostname": knownvalue.StringExact("b")}),
				}),
			}),
			attrs("data.cloudorder_awanio_virtual_machines.default", map[string]knownvalue.Check{
				"project_uuid":     knownvalue.StringExact(a.ProjectUUID),
				"virtual_machines": knownvalue.ListSizeExact(0),
			})...),
	})
}

func TestAccAwanioBaremetalMachinesDataSource(t *testing.T) {
	env := acctest.NewEnv(t)
	a := env.Seed.Awanio
	const addr = "data.cloudorder_awanio_baremetal_machines.test"
	accSteps(t,
		resource.TestStep{
			Config: withDefaultOrg(env) + block("data", "baremetal_machines", "test"),
			ConfigStateChecks: attrs(addr, map[string]knownvalue.Check{
				"organization_uuid": knownvalue.StringExact(a.OrganizationUUID),
				"machines": knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{
						"name": knownvalue.StringExact(a.MachineName), "architecture": knownvalue.StringExact("amd64/generic"),
						"zone": knownvalue.StringExact("asia/jakarta"), "pricing_uuid": knownvalue.StringExact(a.BaremetalPricingUUID),
						"instance_type": knownvalue.StringExact("bh-a"), "vcpu_core": knownvalue.Float64Exact(32),
						"ram_mb": knownvalue.Int64Exact(262144), "storage_gb": knownvalue.Int64Exact(2000),
						"price_per_hour": knownvalue.Float64Exact(5556), "price_per_month": knownvalue.Float64Exact(4000000),
					}),
				}),
			}),
		},
		resource.TestStep{
			// A deployed server takes its machine off the list.
			Config: withDefaultOrg(env) +
				block("resource", "baremetal", "test", arg("catalogue_uuid", a.BaremetalCatalogueUUID), arg("machine_name", a.MachineName),
					arg("billing_period", "price_per_hour"), arg("title", "metal"), arg("hostname", "metal"), sshKey) +
				block("data", "baremetal_machines", "test", "  depends_on = [cloudorder_awanio_baremetal.test]\n"),
			ConfigStateChecks: attrs(addr, map[string]knownvalue.Check{"machines": knownvalue.ListSizeExact(0)}),
		},
	)
}

func TestAccAwanioComputeDataSources_badOwner(t *testing.T) {
	env := acctest.NewEnv(t)
	p := env.AwanioProviderConfig()
	accSteps(t,
		applyError(p+block("data", "virtual_machines", "x", arg("project_uuid", "x")), "project_uuid", "UUID"),
		// No owner anywhere.
		applyError(p+block("data", "baremetal_machines", "x"),
			"Missing owner", "Set organization_uuid or project_uuid here", "CLOUDORDER_AWANIO_ORGANIZATION_UUID)."),
		// Awanio's own message for an organization that does not exist.
		applyError(p+block("data", "virtual_machines", "x", arg("organization_uuid", "9b7c1d2e-3f40-4a51-8b62-7c83d94ea5f6")),
			"Could not list the Awanio virtual machines", "ORGANIZATION NOT FOUND"),
	)
}
