package awanio_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest"
	awaniomock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/awanio"
)

const bmAddr = "cloudorder_awanio_baremetal.test"

// baremetalImportIgnore adds compute_same_config, which Awanio never returns.
var baremetalImportIgnore = append(append([]string{}, vmImportIgnore...), "compute_same_config")

// bmArgs is a server on machine in the demo organization, billed by period.
func bmArgs(env *acctest.Env, machine, period, hostname string) string {
	return arg("organization_uuid", env.Seed.Awanio.OrganizationUUID) + arg("catalogue_uuid", env.Seed.Awanio.BaremetalCatalogueUUID) +
		arg("machine_name", machine) + arg("billing_period", period) + arg("title", "metal") + arg("hostname", hostname)
}

// bmConfig is a server on the demo machine in the demo organization.
func bmConfig(env *acctest.Env, providerBlock, hostname, extra string) string {
	return testResource(providerBlock, "baremetal", bmArgs(env, env.Seed.Awanio.MachineName, "price_per_month", hostname), extra)
}

func TestAccAwanioBaremetal_basic(t *testing.T) {
	env := acctest.NewEnv(t)
	var id string
	accCase(t, resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config:           bmConfig(env, env.AwanioProviderConfig(), "metal-1", sshKey+arg("with_external_ip", true)),
				ConfigPlanChecks: acctest.EmptyPlanAfterApply,
				ConfigStateChecks: attrs(bmAddr, map[string]knownvalue.Check{
					"id":                  knownvalue.StringRegexp(dashedUUID),
					"status":              knownvalue.StringExact("Deployed"),
					"instance_type":       knownvalue.StringExact("bh-a"),
					"pricing_uuid":        knownvalue.StringExact(env.Seed.Awanio.BaremetalPricingUUID),
					"username":            knownvalue.StringExact("root"),
					"external_ip_address": knownvalue.NotNull(),
				}),
				Check: resource.ComposeTestCheckFunc(recordID(&id, bmAddr), func(*terraform.State) error {
					if b, ok := env.Mock.Awanio().Baremetal(id); !ok || b.BillingPeriod != "price_per_month" {
						return fmt.Errorf("the mock holds %+v", b)
					}
					return nil
				}),
			},
			importStep(bmAddr, groupImportID(bmAddr), baremetalImportIgnore...),
			{
				// timeouts changes in place; anything else replaces.
				Config:           bmConfig(env, env.AwanioProviderConfig(), "metal-1", sshKey+arg("with_external_ip", true)+timeouts("delete", "5m")),
				ConfigPlanChecks: actionThenEmpty(bmAddr, plancheck.ResourceActionUpdate),
			},
			{
				Config:           bmConfig(env, env.AwanioProviderConfig(), "metal-2", sshKey),
				ConfigPlanChecks: actionThenEmpty(bmAddr, plancheck.ResourceActionDestroyBeforeCreate),
				Check:            resource.ComposeTestCheckFunc(otherID(&id, bmAddr), recordID(&id, bmAddr)),
			},
		},
		CheckDestroy: goneAfterDestroy("server", &id, env.Mock.Awanio().Baremetal),
	})
}

func TestAccAwanioBaremetal_passwordWriteOnly(t *testing.T) {
	env := acctest.NewEnv(t)
	accCase(t, resource.TestCase{
		TerraformVersionChecks: writeOnly,
		Steps: []resource.TestStep{{
			Config:           bmConfig(env, env.AwanioTokenProviderConfig(), "metal-pw", arg("password_wo", "root-Passw0rd")+arg("password_wo_version", 1)),
			ConfigPlanChecks: acctest.EmptyPlanAfterApply,
			ConfigStateChecks: attrs(bmAddr, map[string]knownvalue.Check{
				"password_wo":         knownvalue.Null(),
				"password_wo_version": knownvalue.Int64Exact(1),
			}),
		}},
	})
}

func TestAccAwanioBaremetal_disappears(t *testing.T) {
	env := acctest.NewEnv(t)
	accSteps(t, disappearsSteps(bmConfig(env, env.AwanioProviderConfig(), "metal-gone", sshKey), bmAddr, false,
		removed("server", env.Mock.Awanio().DeleteBaremetal))...)
}

func TestAccAwanioBaremetal_validation(t *testing.T) {
	env := acctest.NewEnv(t)
	p := env.AwanioProviderConfig()
	accCase(t, resource.TestCase{
		TerraformVersionChecks: writeOnly,
		Steps: []resource.TestStep{
			planError(testResource(p, "baremetal", bmArgs(env, "m", "monthly", "metal"), sshKey), "billing_period", "price_per_month"),
			planError(bmConfig(env, p, "-bad-", sshKey), "hostname", "must be one DNS label"),
			planError(bmConfig(env, p, "ok", ""), "ssh_public_key", "password_wo"),
			planError(bmConfig(env, p, "ok", sshKey+arg("reserved_ip_uuid", "0b7c1d2e-3f40-4a51-8b62-7c83d94ea5f6")), "reserved_ip_uuid", "with_external_ip = true"),
			planError(bmConfig(env, p, "ok", sshKey+arg("password_wo_version", 2)), "password_wo_version", "password_wo"),
		},
	})
	if n := len(env.Mock.Awanio().Baremetals()); n != 0 {
		t.Fatalf("invalid configurations created %d servers", n)
	}
}

func TestAccAwanioBaremetal_unknownMachine(t *testing.T) {
	env := acctest.NewEnv(t)
	accSteps(t, applyError(testResource(env.AwanioProviderConfig(), "baremetal", bmArgs(env, "No-Such-Machine", "price_per_hour", "metal"), sshKey),
		"Could not create the Awanio baremetal server", `MACHINE "No-Such-Machine" NOT FOUND`))
}

func TestAccAwanioBaremetal_failedDeploymentIsTainted(t *testing.T) {
	env := acctest.NewEnv(t)
	env.Mock.Awanio().FailProvisioning("metal-doomed", "power on failed: BMC unreachable")
	cfg := bmConfig(env, env.AwanioProviderConfig(), "metal-doomed", sshKey)
	accSteps(t,
		applyError(cfg, "was not deployed", `"Failed deployment"`, "BMC unreachable", "tainted"),
		resource.TestStep{
			Config:            cfg,
			ConfigPlanChecks:  actionThenEmpty(bmAddr, plancheck.ResourceActionDestroyBeforeCreate),
			ConfigStateChecks: attrs(bmAddr, map[string]knownvalue.Check{"status": knownvalue.StringExact("Deployed")}),
		},
	)
}

func TestAccAwanioBaremetal_createTimeout(t *testing.T) {
	env := acctest.NewEnv(t, awaniomock.WithAwanioDelays(awaniomock.AwanioDelays{Provision: 10 * time.Second}))
	accSteps(t, applyError(bmConfig(env, env.AwanioProviderConfig(), "metal-slow", sshKey+timeouts("create", "1s")),
		"was not deployed", "Deploying", "timeouts"))
}
