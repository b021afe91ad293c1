package awanio_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest"
	awaniomock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/awanio"
)

const bmAddr = "cloudorder_awanio_baremetal.test"

// bmConfig is a server on the demo machine in the demo organization.

// baremetalImportIgnore adds compute_same_config, which Awanio never returns.
var baremetalImportIgnore = append(append([]string{}, vmImportIgnore...), "compute_same_config")

func bmConfig(env *acctest.Env, providerBlock, hostname, extra string) string {
	return providerBlock + fmt.Sprintf(`
resource "cloudorder_awanio_baremetal" "test" {
  organization_uuid = %q
  catalogue_uuid    = %q
  machine_name      = %q
  billing_period    = "price_per_month"
  title             = "metal"
  hostname          = %q
%s}
`, env.Seed.Awanio.OrganizationUUID, env.Seed.Awanio.BaremetalCatalogueUUID, env.Seed.Awanio.MachineName, hostname, extra)
}

func bmImportID(s *terraform.State) (string, error) {
	rs, ok := s.RootModule().Resources[bmAddr]
	if !ok {
		return "", fmt.Errorf("%s not in state", bmAddr)
	}
	return "organizations/" + rs.Primary.Attributes["organization_uuid"] + "/" + rs.Primary.ID, nil
}

var bmKey = fmt.Sprintf("  ssh_public_key = %q\n", testSSHKey)

func TestAccAwanioBaremetal_basic(t *testing.T) {
	env := acctest.NewEnv(t)
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config:           bmConfig(env, env.AwanioProviderConfig(), "metal-1", bmKey+"  with_external_ip = true\n"),
				ConfigPlanChecks: emptyPlanAfterApply,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(bmAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(dashedUUID)),
					statecheck.ExpectKnownValue(bmAddr, tfjsonpath.New("status"), knownvalue.StringExact("Deployed")),
					statecheck.ExpectKnownValue(bmAddr, tfjsonpath.New("instance_type"), knownvalue.StringExact("bh-a")),
					statecheck.ExpectKnownValue(bmAddr, tfjsonpath.New("pricing_uuid"), knownvalue.StringExact(env.Seed.Awanio.BaremetalPricingUUID)),
					statecheck.ExpectKnownValue(bmAddr, tfjsonpath.New("username"), knownvalue.StringExact("root")),
					statecheck.ExpectKnownValue(bmAddr, tfjsonpath.New("external_ip_address"), knownvalue.NotNull()),
				},
				Check: func(s *terraform.State) error {
					var err error
					if id, err = stateID(s, bmAddr); err != nil {
						return err
					}
					if b, ok := env.Mock.Awanio().Baremetal(id); !ok || b.BillingPeriod != "price_per_month" {
						return fmt.Errorf("the mock holds %+v", b)
					}
					return nil
				},
			},
			{
				ResourceName:            bmAddr,
				ImportState:             true,
				ImportStateIdFunc:       bmImportID,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: baremetalImportIgnore,
			},
			{
				// timeouts changes in place; anything else replaces.
				Config: bmConfig(env, env.AwanioProviderConfig(), "metal-1", bmKey+"  with_external_ip = true\n  timeouts {\n    delete = \"5m\"\n  }\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(bmAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				Config: bmConfig(env, env.AwanioProviderConfig(), "metal-2", bmKey),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(bmAddr, plancheck.ResourceActionDestroyBeforeCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: func(s *terraform.State) error {
					now, _ := stateID(s, bmAddr)
					if now == id {
						return fmt.Errorf("the server was not replaced")
					}
					id = now
					return nil
				},
			},
		},
		CheckDestroy: func(*terraform.State) error {
			if _, ok := env.Mock.Awanio().Baremetal(id); ok {
				return fmt.Errorf("server %s still exists after destroy", id)
			}
			return nil
		},
	})
}

func TestAccAwanioBaremetal_passwordWriteOnly(t *testing.T) {
	env := acctest.NewEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config:           bmConfig(env, env.AwanioTokenProviderConfig(), "metal-pw", "  password_wo = \"root-Passw0rd\"\n  password_wo_version = 1\n"),
			ConfigPlanChecks: emptyPlanAfterApply,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(bmAddr, tfjsonpath.New("password_wo"), knownvalue.Null()),
				statecheck.ExpectKnownValue(bmAddr, tfjsonpath.New("password_wo_version"), knownvalue.Int64Exact(1)),
			},
		}},
	})
}

func TestAccAwanioBaremetal_disappears(t *testing.T) {
	env := acctest.NewEnv(t)
	cfg := bmConfig(env, env.AwanioProviderConfig(), "metal-gone", bmKey)
	var first string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: func(s *terraform.State) error {
					var err error
					if first, err = stateID(s, bmAddr); err != nil {
						return err
					}
					if !env.Mock.Awanio().DeleteBaremetal(first) {
						return fmt.Errorf("server %s not in the mock", first)
					}
					return nil
				},
				ExpectNonEmptyPlan: true,
			},
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(bmAddr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

func TestAccAwanioBaremetal_validation(t *testing.T) {
	env := acctest.NewEnv(t)
	p := env.AwanioProviderConfig()
	withPeriod := func(period string) string {
		return p + fmt.Sprintf(`
resource "cloudorder_awanio_baremetal" "test" {
  organization_uuid = %q
  catalogue_uuid    = %q
  machine_name      = "m"
  billing_period    = %q
  title             = "metal"
  hostname          = "metal"
  ssh_public_key    = %q
}
`, env.Seed.Awanio.OrganizationUUID, env.Seed.Awanio.BaremetalCatalogueUUID, period, testSSHKey)
	}
	cases := []struct {
		config string
		want   []string
	}{
		{withPeriod("monthly"), []string{"billing_period", "price_per_month"}},
		{bmConfig(env, p, "-bad-", bmKey), []string{"hostname", "must be one DNS label"}},
		{bmConfig(env, p, "ok", ""), []string{"ssh_public_key", "password_wo"}},
		{bmConfig(env, p, "ok", bmKey+"  reserved_ip_uuid = \"0b7c1d2e-3f40-4a51-8b62-7c83d94ea5f6\"\n"), []string{"reserved_ip_uuid", "with_external_ip = true"}},
		{bmConfig(env, p, "ok", bmKey+"  password_wo_version = 2\n"), []string{"password_wo_version", "password_wo"}},
	}
	steps := make([]resource.TestStep, 0, len(cases))
	for _, tc := range cases {
		steps = append(steps, resource.TestStep{Config: tc.config, PlanOnly: true, ExpectError: acctest.ExpectError(tc.want...)})
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps:                    steps,
	})
	if n := len(env.Mock.Awanio().Baremetals()); n != 0 {
		t.Fatalf("invalid configurations created %d servers", n)
	}
}

func TestAccAwanioBaremetal_unknownMachine(t *testing.T) {
	env := acctest.NewEnv(t)
	cfg := env.AwanioProviderConfig() + fmt.Sprintf(`
resource "cloudorder_awanio_baremetal" "test" {
  organization_uuid = %q
  catalogue_uuid    = %q
  machine_name      = "No-Such-Machine"
  billing_period    = "price_per_hour"
  title             = "metal"
  hostname          = "metal"
  ssh_public_key    = %q
}
`, env.Seed.Awanio.OrganizationUUID, env.Seed.Awanio.BaremetalCatalogueUUID, testSSHKey)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config:      cfg,
			ExpectError: acctest.ExpectError("Could not create the Awanio baremetal server", `MACHINE "No-Such-Machine" NOT FOUND`),
		}},
	})
}

func TestAccAwanioBaremetal_failedDeploymentIsTainted(t *testing.T) {
	env := acctest.NewEnv(t)
	env.Mock.Awanio().FailProvisioning("metal-doomed", "power on failed: BMC unreachable")
	cfg := bmConfig(env, env.AwanioProviderConfig(), "metal-doomed", bmKey)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config:      cfg,
				ExpectError: acctest.ExpectError("was not deployed", `"Failed deployment"`, "BMC unreachable", "tainted"),
			},
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(bmAddr, plancheck.ResourceActionDestroyBeforeCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(bmAddr, tfjsonpath.New("status"), knownvalue.StringExact("Deployed")),
				},
			},
		},
	})
}

func TestAccAwanioBaremetal_createTimeout(t *testing.T) {
	env := acctest.NewEnv(t, awaniomock.WithAwanioDelays(awaniomock.AwanioDelays{Provision: 10 * time.Second}))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config:      bmConfig(env, env.AwanioProviderConfig(), "metal-slow", bmKey+"  timeouts {\n    create = \"1s\"\n  }\n"),
			ExpectError: acctest.ExpectError("was not deployed", "Deploying", "timeouts"),
		}},
	})
}
