package awanio_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest"
	awaniomock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/awanio"
)

const vmAddr = "cloudorder_awanio_virtual_machine.test"

// vmArgs are the demo catalogue and instance type, title and hostname.
func vmArgs(env *acctest.Env, title, hostname string) string {
	return arg("catalogue_uuid", env.Seed.Awanio.VMCatalogueUUID) + arg("instance_type_uuid", env.Seed.Awanio.VMPricingUUID) +
		arg("title", title) + arg("hostname", hostname)
}

// vmConfig is a VM with the demo catalogue and instance type; extra lines
// go into the resource block (owner, auth, timeouts ...).
func vmConfig(env *acctest.Env, providerBlock, title, hostname, extra string) string {
	return testResource(providerBlock, "virtual_machine", vmArgs(env, title, hostname), extra)
}

// vmImportIgnore are the arguments Awanio does not return.
var vmImportIgnore = []string{"username", "ssh_public_key", "password_wo_version", "reserve_external_ip", "reserved_ip_uuid", "timeouts"}

func TestAccAwanioVirtualMachine_basic(t *testing.T) {
	env := acctest.NewEnv(t)
	org := env.Seed.Awanio.OrganizationUUID
	web := vmConfig(env, env.AwanioProviderConfig(), "web", "web-1", arg("organization_uuid", org)+sshKey+arg("with_external_ip", true))
	var id string
	accCase(t, resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config:           web,
				ConfigPlanChecks: acctest.EmptyPlanAfterApply,
				ConfigStateChecks: attrs(vmAddr, map[string]knownvalue.Check{
					"id":                  knownvalue.StringRegexp(dashedUUID),
					"status":              knownvalue.StringExact("running"),
					"phase":               knownvalue.StringExact("Running"),
					"instance_type":       knownvalue.StringExact("s-a"),
					"organization_uuid":   knownvalue.StringExact(org),
					"project_uuid":        knownvalue.Null(),
					"username":            knownvalue.StringExact("awanio"),
					"private_ip_address":  knownvalue.NotNull(),
					"external_ip_address": knownvalue.NotNull(),
					"ram_mb":              knownvalue.Int64Exact(1024),
				}),
				Check: resource.ComposeTestCheckFunc(recordID(&id, vmAddr), func(*terraform.State) error {
					vm, ok := env.Mock.Awanio().VM(id)
					if !ok || vm.GroupType != "organizations" || vm.AuthType != 2 || vm.AuthKey != "awanio" {
						return fmt.Errorf("the mock holds %+v", vm)
					}
					return nil
				}),
			},
			importStep(vmAddr, groupImportID(vmAddr), vmImportIgnore...),
			{
				ResourceName:  vmAddr,
				ImportState:   true,
				ImportStateId: "organizations/" + org,
				ExpectError:   acctest.ExpectError("Invalid import ID", "<group-type>/<group-uuid>/<uuid>"),
			},
			{
				// Forget the VM without destroying it ...
				Config: env.AwanioProviderConfig() + `
removed {
  from = cloudorder_awanio_virtual_machine.test
  lifecycle {
    destroy = false
  }
}
`,
			},
			{
				// ... and import it into the state for real: the login
				// settings Awanio does not return are then recorded in
				// place, not replaced.
				Config:             web,
				ResourceName:       vmAddr,
				ImportState:        true,
				ImportStateIdFunc:  func(*terraform.State) (string, error) { return "organizations/" + org + "/" + id, nil },
				ImportStatePersist: true,
			},
			{
				Config:           web,
				ConfigPlanChecks: actionThenEmpty(vmAddr, plancheck.ResourceActionUpdate),
				Check:            sameID(&id, vmAddr), // the imported VM is not replaced
			},
		},
		CheckDestroy: goneAfterDestroy("VM", &id, env.Mock.Awanio().VM),
	})
}

func TestAccAwanioVirtualMachine_passwordWriteOnlyAndProviderProject(t *testing.T) {
	env := acctest.NewEnv(t)
	const password = "s3cret-Passw0rd!"
	// The owner comes from the provider's project_uuid.
	cfg := func(version int) string {
		return vmConfig(env, withDefaultProject(env), "db", "db-1", arg("password_wo", password)+arg("password_wo_version", version))
	}
	var first string
	accCase(t, resource.TestCase{
		TerraformVersionChecks: writeOnly,
		Steps: []resource.TestStep{
			{
				Config:           cfg(1),
				ConfigPlanChecks: acctest.EmptyPlanAfterApply,
				ConfigStateChecks: attrs(vmAddr, map[string]knownvalue.Check{
					"project_uuid":      knownvalue.StringExact(env.Seed.Awanio.ProjectUUID),
					"organization_uuid": knownvalue.Null(),
					"password_wo":       knownvalue.Null(),
				}),
				Check: resource.ComposeTestCheckFunc(recordID(&first, vmAddr), func(s *terraform.State) error {
					for _, rs := range s.RootModule().Resources {
						for k, v := range rs.Primary.Attributes {
							if strings.Contains(v, password) {
								return fmt.Errorf("the password is in state as %s", k)
							}
						}
					}
					if vm, _ := env.Mock.Awanio().VM(first); vm.GroupType != "projects" || vm.AuthType != 1 {
						return fmt.Errorf("the mock holds %+v", vm)
					}
					return nil
				}),
			},
			{
				// A new password version replaces the VM.
				Config:           cfg(2),
				ConfigPlanChecks: actionThenEmpty(vmAddr, plancheck.ResourceActionDestroyBeforeCreate),
				Check:            otherID(&first, vmAddr),
			},
			importStep(vmAddr, groupImportID(vmAddr), vmImportIgnore...),
		},
	})
}

func TestAccAwanioVirtualMachine_update(t *testing.T) {
	env := acctest.NewEnv(t)
	p := env.AwanioTokenProviderConfig(orgArg(env))
	var first string
	accSteps(t,
		resource.TestStep{
			Config:           vmConfig(env, p, "app", "app-1", sshKey),
			ConfigPlanChecks: acctest.EmptyPlanAfterApply,
			Check:            recordID(&first, vmAddr),
		},
		resource.TestStep{
			// timeouts is the only argument that changes in place.
			Config:           vmConfig(env, p, "app", "app-1", sshKey+timeouts("delete", "10m")),
			ConfigPlanChecks: actionThenEmpty(vmAddr, plancheck.ResourceActionUpdate),
			Check:            sameID(&first, vmAddr),
		},
		resource.TestStep{
			// Awanio has no VM update: a new title replaces the VM.
			Config:           vmConfig(env, p, "app renamed", "app-1", sshKey),
			ConfigPlanChecks: actionThenEmpty(vmAddr, plancheck.ResourceActionDestroyBeforeCreate),
			Check: resource.ComposeTestCheckFunc(otherID(&first, vmAddr), func(*terraform.State) error {
				if _, ok := env.Mock.Awanio().VM(first); ok {
					return fmt.Errorf("the old VM %s still exists", first)
				}
				return nil
			}),
		},
	)
}

func TestAccAwanioVirtualMachine_disappears(t *testing.T) {
	env := acctest.NewEnv(t)
	accSteps(t, disappearsSteps(vmConfig(env, withDefaultOrg(env), "gone", "gone-1", sshKey), vmAddr, true,
		removed("VM", env.Mock.Awanio().DeleteVM))...)
}

func TestAccAwanioVirtualMachine_validation(t *testing.T) {
	env := acctest.NewEnv(t)
	p := env.AwanioProviderConfig()
	owner := arg("organization_uuid", env.Seed.Awanio.OrganizationUUID)
	bad := func(hostname, extra string, want ...string) resource.TestStep {
		return planError(vmConfig(env, p, "x", hostname, extra), want...)
	}
	accCase(t, resource.TestCase{
		TerraformVersionChecks: writeOnly,
		Steps: []resource.TestStep{
			bad("Bad_Host", owner+sshKey, "hostname", "must be one DNS label"),
			bad("ok", owner, "ssh_public_key", "password_wo"),
			bad("ok", owner+sshKey+arg("password_wo", "long-enough-1"), "ssh_public_key", "password_wo"),
			bad("ok", owner+arg("ssh_public_key", "not a key"), "ssh_public_key", "OpenSSH public key"),
			bad("ok", owner+sshKey+arg("project_uuid", env.Seed.Awanio.ProjectUUID), "project_uuid", "organization_uuid"),
			bad("ok", arg("organization_uuid", "nope")+sshKey, "organization_uuid", "UUID"),
			bad("ok", owner+sshKey+arg("reserve_external_ip", true), "reserve_external_ip", "with_external_ip = true"),
			// Neither the resource nor the provider names an owner.
			// The detail is a sentence (issue 16: one style for error texts).
			bad("ok", sshKey, "Missing owner", "Set organization_uuid or project_uuid here", "CLOUDORDER_AWANIO_ORGANIZATION_UUID)."),
			bad("ok", owner+sshKey+timeouts("create", "soon"), "create", `"soon"`),
		},
	})
	if n := len(env.Mock.Awanio().VMs()); n != 0 {
		t.Fatalf("invalid configurations created %d VMs", n)
	}
}

func TestAccAwanioVirtualMachine_apiValidationError(t *testing.T) {
	env := acctest.NewEnv(t)
	a := env.Seed.Awanio
	// A baremetal image is a valid UUID, so only Awanio can refuse it.
	accSteps(t, applyError(testResource(env.AwanioProviderConfig(), "virtual_machine",
		arg("organization_uuid", a.OrganizationUUID), arg("catalogue_uuid", a.BaremetalCatalogueUUID), arg("instance_type_uuid", a.VMPricingUUID),
		arg("title", "x"), arg("hostname", "x"), sshKey),
		"Could not create the Awanio virtual machine", "IS NOT FOR VIRTUAL MACHINES"))
}

func TestAccAwanioVirtualMachine_failedProvisioningIsTainted(t *testing.T) {
	env := acctest.NewEnv(t)
	env.Mock.Awanio().FailProvisioning("doomed", "no capacity left in zone jakarta-1")
	cfg := vmConfig(env, withDefaultOrg(env), "doomed", "doomed", sshKey)
	accSteps(t,
		applyError(cfg, "did not start", `"error"`, "no capacity left in zone jakarta-1", "tainted"),
		resource.TestStep{
			// The failed VM was kept in state as tainted: the next apply
			// replaces it (the failure was injected once only).
			Config:           cfg,
			ConfigPlanChecks: actionThenEmpty(vmAddr, plancheck.ResourceActionDestroyBeforeCreate),
			Check: func(s *terraform.State) error {
				vms := env.Mock.Awanio().VMs()
				id, _ := stateID(s, vmAddr)
				if len(vms) != 1 || vms[0].UUID != id || vms[0].FailMessage != "" {
					return fmt.Errorf("want only the new running VM %s, the mock holds %+v", id, vms)
				}
				return nil
			},
		},
	)
}

func TestAccAwanioVirtualMachine_createTimeout(t *testing.T) {
	// Provisioning takes 10s in this mock; the create timeout is 1s.
	env := acctest.NewEnv(t, awaniomock.WithAwanioDelays(awaniomock.AwanioDelays{Provision: 10 * time.Second}))
	accSteps(t, applyError(vmConfig(env, withDefaultOrg(env), "slow", "slow", sshKey+timeouts("create", "1s")),
		"did not start", "provisioning", "timeouts"))
}

func TestAccAwanioVirtualMachine_lostCreateAnswerDoesNotDuplicate(t *testing.T) {
	env := acctest.NewEnv(t)
	lostCreateAnswer(t, env, "/awanio/v2/organizations/"+env.Seed.Awanio.OrganizationUUID+"/vms",
		vmConfig(env, withDefaultOrg(env), "once", "once", sshKey), func(s *terraform.State) error {
			vms := env.Mock.Awanio().VMs()
			id, _ := stateID(s, vmAddr)
			if len(vms) != 1 || vms[0].UUID != id {
				return fmt.Errorf("%d VMs in the mock, state holds %s; want exactly the one in state", len(vms), id)
			}
			return nil
		})
}
