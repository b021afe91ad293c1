package awanio_test

import (
	"fmt"
	"strings"
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
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
	awaniomock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/awanio"
)

const vmAddr = "cloudorder_awanio_virtual_machine.test"

const testSSHKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBvTestKeyForCloudorderAcceptanceTests test@example"

// vmConfig is a VM with the demo catalogue and instance type; extra lines
// go into the resource block (owner, auth, timeouts ...).
func vmConfig(env *acctest.Env, providerBlock, title, hostname, extra string) string {
	return providerBlock + fmt.Sprintf(`
resource "cloudorder_awanio_virtual_machine" "test" {
  catalogue_uuid     = %q
  instance_type_uuid = %q
  title              = %q
  hostname           = %q
%s}
`, env.Seed.Awanio.VMCatalogueUUID, env.Seed.Awanio.VMPricingUUID, title, hostname, extra)
}

func vmImportID(s *terraform.State) (string, error) {
	rs, ok := s.RootModule().Resources[vmAddr]
	if !ok {
		return "", fmt.Errorf("%s not in state", vmAddr)
	}
	a := rs.Primary.Attributes
	if a["organization_uuid"] != "" {
		return "organizations/" + a["organization_uuid"] + "/" + rs.Primary.ID, nil
	}
	return "projects/" + a["project_uuid"] + "/" + rs.Primary.ID, nil
}

// vmImportIgnore are the arguments Awanio does not return.
var vmImportIgnore = []string{"username", "ssh_public_key", "password_wo_version", "reserve_external_ip", "reserved_ip_uuid", "timeouts"}

func TestAccAwanioVirtualMachine_basic(t *testing.T) {
	env := acctest.NewEnv(t)
	org := env.Seed.Awanio.OrganizationUUID
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: vmConfig(env, env.AwanioProviderConfig(), "web", "web-1",
					fmt.Sprintf("  organization_uuid = %q\n  ssh_public_key = %q\n  with_external_ip = true\n", org, testSSHKey)),
				ConfigPlanChecks: emptyPlanAfterApply,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(vmAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(dashedUUID)),
					statecheck.ExpectKnownValue(vmAddr, tfjsonpath.New("status"), knownvalue.StringExact("running")),
					statecheck.ExpectKnownValue(vmAddr, tfjsonpath.New("phase"), knownvalue.StringExact("Running")),
					statecheck.ExpectKnownValue(vmAddr, tfjsonpath.New("instance_type"), knownvalue.StringExact("s-a")),
					statecheck.ExpectKnownValue(vmAddr, tfjsonpath.New("organization_uuid"), knownvalue.StringExact(org)),
					statecheck.ExpectKnownValue(vmAddr, tfjsonpath.New("project_uuid"), knownvalue.Null()),
					statecheck.ExpectKnownValue(vmAddr, tfjsonpath.New("username"), knownvalue.StringExact("awanio")),
					statecheck.ExpectKnownValue(vmAddr, tfjsonpath.New("private_ip_address"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(vmAddr, tfjsonpath.New("external_ip_address"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(vmAddr, tfjsonpath.New("ram_mb"), knownvalue.Int64Exact(1024)),
				},
				Check: func(s *terraform.State) error {
					var err error
					if id, err = stateID(s, vmAddr); err != nil {
						return err
					}
					vm, ok := env.Mock.Awanio().VM(id)
					if !ok || vm.GroupType != "organizations" || vm.AuthType != 2 || vm.AuthKey != "awanio" {
						return fmt.Errorf("the mock holds %+v", vm)
					}
					return nil
				},
			},
			{
				ResourceName:            vmAddr,
				ImportState:             true,
				ImportStateIdFunc:       vmImportID,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: vmImportIgnore,
			},
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
				Config: vmConfig(env, env.AwanioProviderConfig(), "web", "web-1",
					fmt.Sprintf("  organization_uuid = %q\n  ssh_public_key = %q\n  with_external_ip = true\n", org, testSSHKey)),
				ResourceName:       vmAddr,
				ImportState:        true,
				ImportStateIdFunc:  func(*terraform.State) (string, error) { return "organizations/" + org + "/" + id, nil },
				ImportStatePersist: true,
			},
			{
				Config: vmConfig(env, env.AwanioProviderConfig(), "web", "web-1",
					fmt.Sprintf("  organization_uuid = %q\n  ssh_public_key = %q\n  with_external_ip = true\n", org, testSSHKey)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(vmAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: func(s *terraform.State) error {
					if now, _ := stateID(s, vmAddr); now != id {
						return fmt.Errorf("the imported VM was replaced (%s → %s)", id, now)
					}
					return nil
				},
			},
		},
		CheckDestroy: func(*terraform.State) error {
			if _, ok := env.Mock.Awanio().VM(id); ok {
				return fmt.Errorf("VM %s still exists after destroy", id)
			}
			return nil
		},
	})
}

func TestAccAwanioVirtualMachine_passwordWriteOnlyAndProviderProject(t *testing.T) {
	env := acctest.NewEnv(t)
	const password = "s3cret-Passw0rd!"
	// The owner comes from the provider's project_uuid.
	p := env.AwanioProviderConfig(fmt.Sprintf("project_uuid = %q", env.Seed.Awanio.ProjectUUID))
	cfg := func(version int) string {
		return vmConfig(env, p, "db", "db-1", fmt.Sprintf("  password_wo = %q\n  password_wo_version = %d\n", password, version))
	}
	var first string
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config:           cfg(1),
				ConfigPlanChecks: emptyPlanAfterApply,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(vmAddr, tfjsonpath.New("project_uuid"), knownvalue.StringExact(env.Seed.Awanio.ProjectUUID)),
					statecheck.ExpectKnownValue(vmAddr, tfjsonpath.New("organization_uuid"), knownvalue.Null()),
					statecheck.ExpectKnownValue(vmAddr, tfjsonpath.New("password_wo"), knownvalue.Null()),
				},
				Check: func(s *terraform.State) error {
					var err error
					if first, err = stateID(s, vmAddr); err != nil {
						return err
					}
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
				},
			},
			{
				// A new password version replaces the VM.
				Config: cfg(2),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(vmAddr, plancheck.ResourceActionDestroyBeforeCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: func(s *terraform.State) error {
					if id, _ := stateID(s, vmAddr); id == first {
						return fmt.Errorf("the VM was not replaced")
					}
					return nil
				},
			},
			{
				ResourceName:            vmAddr,
				ImportState:             true,
				ImportStateIdFunc:       vmImportID,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: vmImportIgnore,
			},
		},
	})
}

func TestAccAwanioVirtualMachine_update(t *testing.T) {
	env := acctest.NewEnv(t)
	p := env.AwanioTokenProviderConfig(fmt.Sprintf("organization_uuid = %q", env.Seed.Awanio.OrganizationUUID))
	auth := fmt.Sprintf("  ssh_public_key = %q\n", testSSHKey)
	var first string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config:           vmConfig(env, p, "app", "app-1", auth),
				ConfigPlanChecks: emptyPlanAfterApply,
				Check: func(s *terraform.State) (err error) {
					first, err = stateID(s, vmAddr)
					return err
				},
			},
			{
				// timeouts is the only argument that changes in place.
				Config: vmConfig(env, p, "app", "app-1", auth+"  timeouts {\n    delete = \"10m\"\n  }\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(vmAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: func(s *terraform.State) error {
					if id, _ := stateID(s, vmAddr); id != first {
						return fmt.Errorf("the VM was replaced")
					}
					return nil
				},
			},
			{
				// Awanio has no VM update: a new title replaces the VM.
				Config: vmConfig(env, p, "app renamed", "app-1", auth),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(vmAddr, plancheck.ResourceActionDestroyBeforeCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: func(s *terraform.State) error {
					id, _ := stateID(s, vmAddr)
					if id == first {
						return fmt.Errorf("the VM was not replaced")
					}
					if _, ok := env.Mock.Awanio().VM(first); ok {
						return fmt.Errorf("the old VM %s still exists", first)
					}
					return nil
				},
			},
		},
	})
}

func TestAccAwanioVirtualMachine_disappears(t *testing.T) {
	env := acctest.NewEnv(t)
	cfg := vmConfig(env, env.AwanioProviderConfig(fmt.Sprintf("organization_uuid = %q", env.Seed.Awanio.OrganizationUUID)),
		"gone", "gone-1", fmt.Sprintf("  ssh_public_key = %q\n", testSSHKey))
	var first string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: func(s *terraform.State) error {
					var err error
					if first, err = stateID(s, vmAddr); err != nil {
						return err
					}
					if !env.Mock.Awanio().DeleteVM(first) {
						return fmt.Errorf("VM %s not in the mock", first)
					}
					return nil
				},
				ExpectNonEmptyPlan: true,
			},
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(vmAddr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: func(s *terraform.State) error {
					if id, _ := stateID(s, vmAddr); id == first {
						return fmt.Errorf("the deleted VM %s is still in state", id)
					}
					return nil
				},
			},
		},
	})
}

func TestAccAwanioVirtualMachine_validation(t *testing.T) {
	env := acctest.NewEnv(t)
	org := env.Seed.Awanio.OrganizationUUID
	p := env.AwanioProviderConfig()
	key := fmt.Sprintf("  ssh_public_key = %q\n", testSSHKey)
	owner := fmt.Sprintf("  organization_uuid = %q\n", org)
	cases := []struct {
		config string
		want   []string
	}{
		{vmConfig(env, p, "x", "Bad_Host", owner+key), []string{"hostname", "must be one DNS label"}},
		{vmConfig(env, p, "x", "ok", owner), []string{"ssh_public_key", "password_wo"}},
		{vmConfig(env, p, "x", "ok", owner+key+"  password_wo = \"long-enough-1\"\n"), []string{"ssh_public_key", "password_wo"}},
		{vmConfig(env, p, "x", "ok", owner+"  ssh_public_key = \"not a key\"\n"), []string{"ssh_public_key", "OpenSSH public key"}},
		{vmConfig(env, p, "x", "ok", owner+key+fmt.Sprintf("  project_uuid = %q\n", env.Seed.Awanio.ProjectUUID)), []string{"project_uuid", "organization_uuid"}},
		{vmConfig(env, p, "x", "ok", "  organization_uuid = \"nope\"\n"+key), []string{"organization_uuid", "UUID"}},
		{vmConfig(env, p, "x", "ok", owner+key+"  reserve_external_ip = true\n"), []string{"reserve_external_ip", "with_external_ip = true"}},
		// Neither the resource nor the provider names an owner.
		// The detail is a sentence (issue 16: one style for error texts).
		{vmConfig(env, p, "x", "ok", key), []string{"Missing owner", "Set organization_uuid or project_uuid here", "CLOUDORDER_AWANIO_ORGANIZATION_UUID)."}},
		{vmConfig(env, p, "x", "ok", owner+key+"  timeouts {\n    create = \"soon\"\n  }\n"), []string{"create", `"soon"`}},
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
	if n := len(env.Mock.Awanio().VMs()); n != 0 {
		t.Fatalf("invalid configurations created %d VMs", n)
	}
}

func TestAccAwanioVirtualMachine_apiValidationError(t *testing.T) {
	env := acctest.NewEnv(t)
	// A baremetal image is a valid UUID, so only Awanio can refuse it.
	cfg := env.AwanioProviderConfig() + fmt.Sprintf(`
resource "cloudorder_awanio_virtual_machine" "test" {
  organization_uuid  = %q
  catalogue_uuid     = %q
  instance_type_uuid = %q
  title              = "x"
  hostname           = "x"
  ssh_public_key     = %q
}
`, env.Seed.Awanio.OrganizationUUID, env.Seed.Awanio.BaremetalCatalogueUUID, env.Seed.Awanio.VMPricingUUID, testSSHKey)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config:      cfg,
			ExpectError: acctest.ExpectError("Could not create the Awanio virtual machine", "IS NOT FOR VIRTUAL MACHINES"),
		}},
	})
}

func TestAccAwanioVirtualMachine_failedProvisioningIsTainted(t *testing.T) {
	env := acctest.NewEnv(t)
	env.Mock.Awanio().FailProvisioning("doomed", "no capacity left in zone jakarta-1")
	cfg := vmConfig(env, env.AwanioProviderConfig(fmt.Sprintf("organization_uuid = %q", env.Seed.Awanio.OrganizationUUID)),
		"doomed", "doomed", fmt.Sprintf("  ssh_public_key = %q\n", testSSHKey))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config:      cfg,
				ExpectError: acctest.ExpectError("did not start", `"error"`, "no capacity left in zone jakarta-1", "tainted"),
			},
			{
				// The failed VM was kept in state as tainted: the next apply
				// replaces it (the failure was injected once only).
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(vmAddr, plancheck.ResourceActionDestroyBeforeCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: func(s *terraform.State) error {
					vms := env.Mock.Awanio().VMs()
					id, _ := stateID(s, vmAddr)
					if len(vms) != 1 || vms[0].UUID != id || vms[0].FailMessage != "" {
						return fmt.Errorf("want only the new running VM %s, the mock holds %+v", id, vms)
					}
					return nil
				},
			},
		},
	})
}

func TestAccAwanioVirtualMachine_createTimeout(t *testing.T) {
	// Provisioning takes 10s in this mock; the create timeout is 1s.
	env := acctest.NewEnv(t, awaniomock.WithAwanioDelays(awaniomock.AwanioDelays{Provision: 10 * time.Second}))
	cfg := vmConfig(env, env.AwanioProviderConfig(fmt.Sprintf("organization_uuid = %q", env.Seed.Awanio.OrganizationUUID)),
		"slow", "slow", fmt.Sprintf("  ssh_public_key = %q\n  timeouts {\n    create = \"1s\"\n  }\n", testSSHKey))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config:      cfg,
			ExpectError: acctest.ExpectError("did not start", "provisioning", "timeouts"),
		}},
	})
}

func TestAccAwanioVirtualMachine_lostCreateAnswerDoesNotDuplicate(t *testing.T) {
	env := acctest.NewEnv(t)
	env.Mock.InjectFault(mockcloud.Fault{Method: "POST", PathPrefix: "/awanio/v2/organizations/" + env.Seed.Awanio.OrganizationUUID + "/vms", DropAfterProcessing: true})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: vmConfig(env, env.AwanioProviderConfig(fmt.Sprintf("organization_uuid = %q", env.Seed.Awanio.OrganizationUUID)),
				"once", "once", fmt.Sprintf("  ssh_public_key = %q\n", testSSHKey)),
			ConfigPlanChecks: emptyPlanAfterApply,
			Check: func(s *terraform.State) error {
				vms := env.Mock.Awanio().VMs()
				id, _ := stateID(s, vmAddr)
				if len(vms) != 1 || vms[0].UUID != id {
					return fmt.Errorf("%d VMs in the mock, state holds %s; want exactly the one in state", len(vms), id)
				}
				return nil
			},
		}},
	})
}
