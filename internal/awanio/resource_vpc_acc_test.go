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

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
)

const vpcAddr = "cloudorder_awanio_vpc.test"

func vpcConfig(provider, label string, size int, extra string) string {
	return provider + fmt.Sprintf(`
resource "cloudorder_awanio_vpc" "test" {
  label = %q
  size  = %d
%s}
`, label, size, extra)
}

func TestAccAwanioVPC_basic(t *testing.T) {
	env := acctest.NewEnv(t)
	org := env.Seed.Awanio.OrganizationUUID
	var first string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config:           vpcConfig(withDefaultOrg(env), "backend", 20, ""),
				ConfigPlanChecks: emptyPlanAfterApply,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(vpcAddr, tfjsonpath.New("organization_uuid"), knownvalue.StringExact(org)),
					statecheck.ExpectKnownValue(vpcAddr, tfjsonpath.New("cidr"), knownvalue.StringExact("10.0.0.0/20")),
					statecheck.ExpectKnownValue(vpcAddr, tfjsonpath.New("first_address"), knownvalue.StringExact("10.0.0.1")),
					statecheck.ExpectKnownValue(vpcAddr, tfjsonpath.New("last_address"), knownvalue.StringExact("10.0.15.254")),
				},
				Check: func(s *terraform.State) (err error) {
					first, err = stateID(s, vpcAddr)
					return err
				},
			},
			{
				ResourceName:      vpcAddr,
				ImportState:       true,
				ImportStateIdFunc: func(s *terraform.State) (string, error) { id, err := stateID(s, vpcAddr); return org + "/" + id, err },
				ImportStateVerify: true,
			},
			{
				// Nothing can be changed in place: a new label replaces it.
				Config: vpcConfig(withDefaultOrg(env), "backend-2", 20, "  organization_uuid = \""+org+"\"\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(vpcAddr, plancheck.ResourceActionDestroyBeforeCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: func(s *terraform.State) error {
					if _, ok := env.Mock.Awanio().VPC(first); ok {
						return fmt.Errorf("the replaced VPC %s still exists", first)
					}
					return nil
				},
			},
		},
		CheckDestroy: func(*terraform.State) error {
			if n := len(env.Mock.Awanio().VPCs()); n != 0 {
				return fmt.Errorf("%d VPCs left after destroy", n)
			}
			return nil
		},
	})
}

func TestAccAwanioVPC_disappears(t *testing.T) {
	env := acctest.NewEnv(t)
	cfg := vpcConfig(withDefaultOrg(env), "gone", 24, "")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: func(s *terraform.State) error {
					id, _ := stateID(s, vpcAddr)
					if !env.Mock.Awanio().DeleteVPC(id) {
						return fmt.Errorf("VPC %s not in the mock", id)
					}
					return nil
				},
				ExpectNonEmptyPlan: true,
			},
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(vpcAddr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

func TestAccAwanioVPC_validation(t *testing.T) {
	env := acctest.NewEnv(t)
	p := withDefaultOrg(env)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: vpcConfig(p, "x", 8, ""), PlanOnly: true, ExpectError: acctest.ExpectError("size", "between 16 and 28")},
			{Config: vpcConfig(p, "", 20, ""), PlanOnly: true, ExpectError: acctest.ExpectError("label", "length must be between")},
			{Config: vpcConfig(p, "x", 20, "  organization_uuid = \"org\"\n"), PlanOnly: true, ExpectError: acctest.ExpectError("organization_uuid", "is not a UUID")},
			{Config: vpcConfig(env.AwanioProviderConfig(), "x", 20, ""), PlanOnly: true, ExpectError: acctest.ExpectError("Missing organization_uuid")},
		},
	})
}

func TestAccAwanioVPC_timeout(t *testing.T) {
	env := acctest.NewEnv(t)
	env.Mock.InjectFault(mockcloud.Fault{Method: "POST", PathPrefix: "/awanio/v2/organizations/", Latency: 3 * time.Second})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config:      vpcConfig(withDefaultOrg(env), "slow", 20, "  timeouts {\n    create = \"1s\"\n  }\n"),
			ExpectError: acctest.ExpectError("Could not create the Awanio VPC", "ran out of time"),
		}},
	})
}
