package awanio_test

import (
	"maps"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest"
	awaniomock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/awanio"
)

// anyLength is a list length that dataList does not check.
const anyLength = -1

// dataList checks the list attr of data.cloudorder_awanio_<source>: its
// length n (unless anyLength) and fields of its first element.
func dataList(source, attr string, n int, first map[string]knownvalue.Check) []statecheck.StateCheck {
	addr := "data.cloudorder_awanio_" + source
	var checks []statecheck.StateCheck
	if n != anyLength {
		checks = append(checks, statecheck.ExpectKnownValue(addr, tfjsonpath.New(attr), knownvalue.ListSizeExact(n)))
	}
	for _, field := range slices.Sorted(maps.Keys(first)) {
		checks = append(checks, statecheck.ExpectKnownValue(addr, tfjsonpath.New(attr).AtSliceIndex(0).AtMapKey(field), first[field]))
	}
	return checks
}

// dataChecks runs the data sources in cfg and checks them.
func dataChecks(t *testing.T, cfg string, checks ...[]statecheck.StateCheck) {
	t.Helper()
	accSteps(t, resource.TestStep{Config: cfg, ConfigStateChecks: slices.Concat(checks...)})
}

func TestAccAwanioDataSources_organizationsAndProjects(t *testing.T) {
	env := acctest.NewEnv(t)
	a := env.Seed.Awanio
	second := env.Mock.Awanio().AddOrganization(awaniomock.AwanioOrganizationSpec{Name: "Second", OwnerUUID: a.UserUUID})
	env.Mock.Awanio().AddProject(awaniomock.AwanioProjectSpec{Name: "Elsewhere", OrganizationUUID: second.UUID, OwnerUUID: a.UserUUID})
	// Not the user's: never listed.
	env.Mock.Awanio().AddOrganization(awaniomock.AwanioOrganizationSpec{Name: "Foreign", OwnerUUID: a.ColleagueUUID})
	cfg := env.AwanioTokenProviderConfig() +
		block("data", "organizations", "all") +
		block("data", "organizations", "second", arg("name", "Second")) +
		block("data", "projects", "all") +
		block("data", "projects", "demo_org", arg("organization_uuid", a.OrganizationUUID))
	dataChecks(t, cfg,
		dataList("organizations.all", "organizations", 2, map[string]knownvalue.Check{
			"uuid":       knownvalue.StringExact(a.OrganizationUUID),
			"is_default": knownvalue.Bool(true),
			"balance":    knownvalue.Float64Exact(5000000),
		}),
		dataList("organizations.second", "organizations", 1, map[string]knownvalue.Check{"uuid": knownvalue.StringExact(second.UUID)}),
		dataList("projects.all", "projects", 2, nil),
		dataList("projects.demo_org", "projects", 1, map[string]knownvalue.Check{
			"uuid":       knownvalue.StringExact(a.ProjectUUID),
			"primary":    knownvalue.Bool(true),
			"user_level": knownvalue.Int64Exact(1),
		}),
	)
}

func TestAccAwanioDataSources_volumesAndVPCs(t *testing.T) {
	env := acctest.NewEnv(t)
	a := env.Seed.Awanio
	cfg := withDefaultOrg(env) +
		block("resource", "volume", "org", arg("label", "org-volume"), pricing(a.VolumePricingUUID)) +
		block("resource", "volume", "project", arg("project_uuid", a.ProjectUUID), arg("label", "project-volume"), pricing(a.LargeVolumePricingUUID)) +
		block("resource", "vpc", "net", arg("label", "net"), arg("size", 24)) +
		block("data", "volumes", "org", "  depends_on = [cloudorder_awanio_volume.org, cloudorder_awanio_volume.project]\n") +
		block("data", "volumes", "project", "  project_uuid = cloudorder_awanio_volume.project.project_uuid\n", arg("label", "project-volume")) +
		block("data", "vpcs", "all", "  depends_on = [cloudorder_awanio_vpc.net]\n")
	dataChecks(t, cfg,
		dataList("volumes.org", "volumes", 1, map[string]knownvalue.Check{
			"label":   knownvalue.StringExact("org-volume"),
			"size_gb": knownvalue.Int64Exact(10),
		}),
		dataList("volumes.project", "volumes", 1, map[string]knownvalue.Check{
			"size_gb":      knownvalue.Int64Exact(20),
			"pricing_uuid": knownvalue.StringExact(a.LargeVolumePricingUUID),
		}),
		dataList("vpcs.all", "vpcs", 1, map[string]knownvalue.Check{
			"cidr": knownvalue.StringExact("10.0.0.0/24"),
			"size": knownvalue.Int64Exact(24),
		}),
	)
}

func TestAccAwanioDataSources_catalogPricingAndInvoices(t *testing.T) {
	env := acctest.NewEnv(t)
	a := env.Seed.Awanio
	cfg := withDefaultOrg(env) +
		block("data", "catalogues", "baremetal", arg("service", "baremetal")) +
		block("data", "catalogues", "all") +
		block("data", "pricing", "volume", arg("suitable_for", "volume")) +
		block("data", "pricing", "pods", arg("suitable_for", "pods")) +
		block("data", "pricing", "s_b", arg("instance_type", "s-b")) +
		block("data", "invoices", "all") +
		block("data", "invoices", "unpaid", arg("status", "UNPAID"))
	dataChecks(t, cfg,
		dataList("catalogues.baremetal", "catalogues", 1, map[string]knownvalue.Check{"uuid": knownvalue.StringExact(a.BaremetalCatalogueUUID)}),
		dataList("catalogues.all", "catalogues", 3, nil),
		dataList("pricing.volume", "pricings", 2, map[string]knownvalue.Check{"storage_gb": knownvalue.Float64Exact(10)}),
		dataList("pricing.pods", "pricings", anyLength, map[string]knownvalue.Check{
			"uuid":      knownvalue.StringExact(a.PodsPricingUUID),
			"vcpu_core": knownvalue.Float64Exact(0.5),
		}),
		dataList("pricing.s_b", "pricings", 1, map[string]knownvalue.Check{"uuid": knownvalue.StringExact(a.LargeVMPricingUUID)}),
		dataList("invoices.all", "invoices", 2, map[string]knownvalue.Check{
			"number":   knownvalue.StringExact("INV-0001"),
			"currency": knownvalue.StringExact("IDR"),
		}),
		dataList("invoices.unpaid", "invoices", 1, map[string]knownvalue.Check{"amount": knownvalue.Float64Exact(10000)}),
	)
}

func TestAccAwanioDataSources_validation(t *testing.T) {
	env := acctest.NewEnv(t)
	p := env.AwanioProviderConfig()
	accSteps(t,
		applyError(p+block("data", "pricing", "x", arg("suitable_for", "gpu")), "suitable_for", "value must be one of", "pods"),
		applyError(p+block("data", "vpcs", "x"), "Missing organization_uuid", "CLOUDORDER_AWANIO_ORGANIZATION_UUID"),
		applyError(p+block("data", "volumes", "x", arg("organization_uuid", env.Seed.Awanio.OrganizationUUID), arg("project_uuid", env.Seed.Awanio.ProjectUUID)),
			"Invalid Attribute Combination"),
		applyError(p+block("data", "invoices", "x", arg("organization_uuid", "ffffffff-ffff-4fff-8fff-ffffffffffff")),
			"Could not list Awanio invoices", "ORGANIZATION NOT FOUND"),
	)
}
