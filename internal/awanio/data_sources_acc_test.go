package awanio_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest"
	awaniomock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/awanio"
)

func dsCheck(addr string, p tfjsonpath.Path, v knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(addr, p, v)
}

func at(attr string, i int, field string) tfjsonpath.Path {
	return tfjsonpath.New(attr).AtSliceIndex(i).AtMapKey(field)
}

func TestAccAwanioDataSources_organizationsAndProjects(t *testing.T) {
	env := acctest.NewEnv(t)
	a := env.Seed.Awanio
	second := env.Mock.Awanio().AddOrganization(awaniomock.AwanioOrganizationSpec{Name: "Second", OwnerUUID: a.UserUUID})
	env.Mock.Awanio().AddProject(awaniomock.AwanioProjectSpec{Name: "Elsewhere", OrganizationUUID: second.UUID, OwnerUUID: a.UserUUID})
	// Not the user's: never listed.
	env.Mock.Awanio().AddOrganization(awaniomock.AwanioOrganizationSpec{Name: "Foreign", OwnerUUID: a.ColleagueUUID})
	cfg := env.AwanioTokenProviderConfig() + fmt.Sprintf(`
data "cloudorder_awanio_organizations" "all" {}

data "cloudorder_awanio_organizations" "second" {
  name = "Second"
}

data "cloudorder_awanio_projects" "all" {}

data "cloudorder_awanio_projects" "demo_org" {
  organization_uuid = %q
}
`, a.OrganizationUUID)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: cfg,
			ConfigStateChecks: []statecheck.StateCheck{
				dsCheck("data.cloudorder_awanio_organizations.all", tfjsonpath.New("organizations"), knownvalue.ListSizeExact(2)),
				dsCheck("data.cloudorder_awanio_organizations.all", at("organizations", 0, "uuid"), knownvalue.StringExact(a.OrganizationUUID)),
				dsCheck("data.cloudorder_awanio_organizations.all", at("organizations", 0, "is_default"), knownvalue.Bool(true)),
				dsCheck("data.cloudorder_awanio_organizations.all", at("organizations", 0, "balance"), knownvalue.Float64Exact(5000000)),
				dsCheck("data.cloudorder_awanio_organizations.second", at("organizations", 0, "uuid"), knownvalue.StringExact(second.UUID)),
				dsCheck("data.cloudorder_awanio_organizations.second", tfjsonpath.New("organizations"), knownvalue.ListSizeExact(1)),
				dsCheck("data.cloudorder_awanio_projects.all", tfjsonpath.New("projects"), knownvalue.ListSizeExact(2)),
				dsCheck("data.cloudorder_awanio_projects.demo_org", tfjsonpath.New("projects"), knownvalue.ListSizeExact(1)),
				dsCheck("data.cloudorder_awanio_projects.demo_org", at("projects", 0, "uuid"), knownvalue.StringExact(a.ProjectUUID)),
				dsCheck("data.cloudorder_awanio_projects.demo_org", at("projects", 0, "primary"), knownvalue.Bool(true)),
				dsCheck("data.cloudorder_awanio_projects.demo_org", at("projects", 0, "user_level"), knownvalue.Int64Exact(1)),
			},
		}},
	})
}

func TestAccAwanioDataSources_volumesAndVPCs(t *testing.T) {
	env := acctest.NewEnv(t)
	a := env.Seed.Awanio
	cfg := withDefaultOrg(env) + fmt.Sprintf(`
resource "cloudorder_awanio_volume" "org" {
  label        = "org-volume"
  pricing_uuid = %[1]q
}

resource "cloudorder_awanio_volume" "project" {
  project_uuid = %[2]q
  label        = "project-volume"
  pricing_uuid = %[3]q
}

resource "cloudorder_awanio_vpc" "net" {
  label = "net"
  size  = 24
}

data "cloudorder_awanio_volumes" "org" {
  depends_on = [cloudorder_awanio_volume.org, cloudorder_awanio_volume.project]
}

data "cloudorder_awanio_volumes" "project" {
  project_uuid = cloudorder_awanio_volume.project.project_uuid
  label        = "project-volume"
}

data "cloudorder_awanio_vpcs" "all" {
  depends_on = [cloudorder_awanio_vpc.net]
}
`, a.VolumePricingUUID, a.ProjectUUID, a.LargeVolumePricingUUID)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: cfg,
			ConfigStateChecks: []statecheck.StateCheck{
				dsCheck("data.cloudorder_awanio_volumes.org", tfjsonpath.New("volumes"), knownvalue.ListSizeExact(1)),
				dsCheck("data.cloudorder_awanio_volumes.org", at("volumes", 0, "label"), knownvalue.StringExact("org-volume")),
				dsCheck("data.cloudorder_awanio_volumes.org", at("volumes", 0, "size_gb"), knownvalue.Int64Exact(10)),
				dsCheck("data.cloudorder_awanio_volumes.project", tfjsonpath.New("volumes"), knownvalue.ListSizeExact(1)),
				dsCheck("data.cloudorder_awanio_volumes.project", at("volumes", 0, "size_gb"), knownvalue.Int64Exact(20)),
				dsCheck("data.cloudorder_awanio_volumes.project", at("volumes", 0, "pricing_uuid"), knownvalue.StringExact(a.LargeVolumePricingUUID)),
				dsCheck("data.cloudorder_awanio_vpcs.all", tfjsonpath.New("vpcs"), knownvalue.ListSizeExact(1)),
				dsCheck("data.cloudorder_awanio_vpcs.all", at("vpcs", 0, "cidr"), knownvalue.StringExact("10.0.0.0/24")),
				dsCheck("data.cloudorder_awanio_vpcs.all", at("vpcs", 0, "size"), knownvalue.Int64Exact(24)),
			},
		}},
	})
}

func TestAccAwanioDataSources_catalogPricingAndInvoices(t *testing.T) {
	env := acctest.NewEnv(t)
	a := env.Seed.Awanio
	cfg := withDefaultOrg(env) + `
data "cloudorder_awanio_catalogues" "baremetal" {
  service = "baremetal"
}

data "cloudorder_awanio_catalogues" "all" {}

data "cloudorder_awanio_pricing" "volume" {
  suitable_for = "volume"
}

data "cloudorder_awanio_pricing" "pods" {
  suitable_for = "pods"
}

data "cloudorder_awanio_pricing" "s_b" {
  instance_type = "s-b"
}

data "cloudorder_awanio_invoices" "all" {}

data "cloudorder_awanio_invoices" "unpaid" {
  status = "UNPAID"
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: cfg,
			ConfigStateChecks: []statecheck.StateCheck{
				dsCheck("data.cloudorder_awanio_catalogues.baremetal", tfjsonpath.New("catalogues"), knownvalue.ListSizeExact(1)),
				dsCheck("data.cloudorder_awanio_catalogues.baremetal", at("catalogues", 0, "uuid"), knownvalue.StringExact(a.BaremetalCatalogueUUID)),
				dsCheck("data.cloudorder_awanio_catalogues.all", tfjsonpath.New("catalogues"), knownvalue.ListSizeExact(3)),
				dsCheck("data.cloudorder_awanio_pricing.volume", tfjsonpath.New("pricings"), knownvalue.ListSizeExact(2)),
				dsCheck("data.cloudorder_awanio_pricing.volume", at("pricings", 0, "storage_gb"), knownvalue.Float64Exact(10)),
				dsCheck("data.cloudorder_awanio_pricing.pods", at("pricings", 0, "uuid"), knownvalue.StringExact(a.PodsPricingUUID)),
				dsCheck("data.cloudorder_awanio_pricing.pods", at("pricings", 0, "vcpu_core"), knownvalue.Float64Exact(0.5)),
				dsCheck("data.cloudorder_awanio_pricing.s_b", tfjsonpath.New("pricings"), knownvalue.ListSizeExact(1)),
				dsCheck("data.cloudorder_awanio_pricing.s_b", at("pricings", 0, "uuid"), knownvalue.StringExact(a.LargeVMPricingUUID)),
				dsCheck("data.cloudorder_awanio_invoices.all", tfjsonpath.New("invoices"), knownvalue.ListSizeExact(2)),
				dsCheck("data.cloudorder_awanio_invoices.all", at("invoices", 0, "number"), knownvalue.StringExact("INV-0001")),
				dsCheck("data.cloudorder_awanio_invoices.all", at("invoices", 0, "currency"), knownvalue.StringExact("IDR")),
				dsCheck("data.cloudorder_awanio_invoices.unpaid", tfjsonpath.New("invoices"), knownvalue.ListSizeExact(1)),
				dsCheck("data.cloudorder_awanio_invoices.unpaid", at("invoices", 0, "amount"), knownvalue.Float64Exact(10000)),
			},
		}},
	})
}

func TestAccAwanioDataSources_validation(t *testing.T) {
	env := acctest.NewEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config:      env.AwanioProviderConfig() + "data \"cloudorder_awanio_pricing\" \"x\" {\n  suitable_for = \"gpu\"\n}\n",
				ExpectError: acctest.ExpectError("suitable_for", "value must be one of", "pods"),
			},
			{
				Config:      env.AwanioProviderConfig() + "data \"cloudorder_awanio_vpcs\" \"x\" {}\n",
				ExpectError: acctest.ExpectError("Missing organization_uuid", "CLOUDORDER_AWANIO_ORGANIZATION_UUID"),
			},
			{
				Config: env.AwanioProviderConfig() + fmt.Sprintf("data \"cloudorder_awanio_volumes\" \"x\" {\n  organization_uuid = %q\n  project_uuid = %q\n}\n",
					env.Seed.Awanio.OrganizationUUID, env.Seed.Awanio.ProjectUUID),
				ExpectError: acctest.ExpectError("Invalid Attribute Combination"),
			},
			{
				Config:      env.AwanioProviderConfig() + "data \"cloudorder_awanio_invoices\" \"x\" {\n  organization_uuid = \"ffffffff-ffff-4fff-8fff-ffffffffffff\"\n}\n",
				ExpectError: acctest.ExpectError("Could not list Awanio invoices", "ORGANIZATION NOT FOUND"),
			},
		},
	})
}
