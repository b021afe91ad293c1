package awanio_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest"
)

const vpcAddr = "cloudorder_awanio_vpc.test"

func vpcConfig(provider, label string, size int, extra string) string {
	return testResource(provider, "vpc", arg("label", label), arg("size", size), extra)
}

func TestAccAwanioVPC_basic(t *testing.T) {
	env := acctest.NewEnv(t)
	org := env.Seed.Awanio.OrganizationUUID
	var first string
	accCase(t, resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config:           vpcConfig(withDefaultOrg(env), "backend", 20, ""),
				ConfigPlanChecks: acctest.EmptyPlanAfterApply,
				ConfigStateChecks: attrs(vpcAddr, map[string]knownvalue.Check{
					"organization_uuid": knownvalue.StringExact(org),
					"cidr":              knownvalue.StringExact("10.0.0.0/20"),
					"first_address":     knownvalue.StringExact("10.0.0.1"),
					"last_address":      knownvalue.StringExact("10.0.15.254"),
				}),
				Check: recordID(&first, vpcAddr),
			},
			importStep(vpcAddr, prefixedID(vpcAddr, org+"/")),
			{
				// Nothing can be changed in place: a new label replaces it.
				Config:           vpcConfig(withDefaultOrg(env), "backend-2", 20, arg("organization_uuid", org)),
				ConfigPlanChecks: actionThenEmpty(vpcAddr, plancheck.ResourceActionDestroyBeforeCreate),
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
	accSteps(t, disappearsSteps(vpcConfig(withDefaultOrg(env), "gone", 24, ""), vpcAddr, false,
		removed("VPC", env.Mock.Awanio().DeleteVPC))...)
}

func TestAccAwanioVPC_validation(t *testing.T) {
	env := acctest.NewEnv(t)
	p := withDefaultOrg(env)
	accSteps(t,
		planError(vpcConfig(p, "x", 8, ""), "size", "between 16 and 28"),
		planError(vpcConfig(p, "", 20, ""), "label", "length must be between"),
		planError(vpcConfig(p, "x", 20, arg("organization_uuid", "org")), "organization_uuid", "is not a UUID"),
		planError(vpcConfig(env.AwanioProviderConfig(), "x", 20, ""), "Missing organization_uuid"),
	)
}

func TestAccAwanioVPC_timeout(t *testing.T) {
	env := acctest.NewEnv(t)
	slowCreates(env, "/awanio/v2/organizations/")
	accSteps(t, applyError(vpcConfig(withDefaultOrg(env), "slow", 20, timeouts("create", "1s")),
		"Could not create the Awanio VPC", "ran out of time"))
}
