package awanio_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest"
)

const memberAddr = "cloudorder_awanio_organization_member.test"

func memberConfig(env *acctest.Env, org, user, extra string) string {
	return env.AwanioProviderConfig() + fmt.Sprintf(`
resource "cloudorder_awanio_organization_member" "test" {
  organization_uuid = %q
  user_uuid         = %q
%s}
`, org, user, extra)
}

func TestAccAwanioOrganizationMember_basic(t *testing.T) {
	env := acctest.NewEnv(t)
	org, colleague := env.Seed.Awanio.OrganizationUUID, env.Seed.Awanio.ColleagueUUID
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				// Upper case UUIDs are kept as written and never show a diff.
				Config:           memberConfig(env, strings.ToUpper(org), colleague, ""),
				ConfigPlanChecks: emptyPlanAfterApply,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(memberAddr, tfjsonpath.New("id"), knownvalue.StringExact(org+"/"+colleague)),
					statecheck.ExpectKnownValue(memberAddr, tfjsonpath.New("user_level"), knownvalue.Int64Exact(2)),
					statecheck.ExpectKnownValue(memberAddr, tfjsonpath.New("username"), knownvalue.StringExact(env.Seed.Awanio.ColleagueUsername)),
				},
				Check: func(*terraform.State) error {
					o, _ := env.Mock.Awanio().Organization(org)
					if m := o.Members[colleague]; m == nil || m.UserLevel != 2 {
						return fmt.Errorf("colleague membership in the mock: %+v", m)
					}
					return nil
				},
			},
			{
				ResourceName:            memberAddr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"organization_uuid"}, // imported in canonical case
			},
			{
				Config: memberConfig(env, org, colleague, "  user_level = 1\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(memberAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: func(*terraform.State) error {
					o, _ := env.Mock.Awanio().Organization(org)
					if m := o.Members[colleague]; m == nil || m.UserLevel != 1 {
						return fmt.Errorf("colleague is not admin in the mock: %+v", m)
					}
					return nil
				},
			},
		},
		CheckDestroy: func(*terraform.State) error {
			if o, _ := env.Mock.Awanio().Organization(org); o.Members[colleague] != nil {
				return fmt.Errorf("the colleague is still a member after destroy")
			}
			return nil
		},
	})
}

func TestAccAwanioOrganizationMember_createAsAdminAndDisappears(t *testing.T) {
	env := acctest.NewEnv(t)
	org, colleague := env.Seed.Awanio.OrganizationUUID, env.Seed.Awanio.ColleagueUUID
	cfg := memberConfig(env, org, colleague, "  user_level = 1\n  timeouts {\n    create = \"1m\"\n  }\n")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(memberAddr, tfjsonpath.New("user_level"), knownvalue.Int64Exact(1)),
				},
				Check: func(*terraform.State) error {
					if !env.Mock.Awanio().RemoveOrganizationMember(org, colleague) {
						return fmt.Errorf("the colleague is not a member")
					}
					return nil
				},
				ExpectNonEmptyPlan: true,
			},
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(memberAddr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

func TestAccAwanioOrganizationMember_validationAndConflict(t *testing.T) {
	env := acctest.NewEnv(t)
	org := env.Seed.Awanio.OrganizationUUID
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config:      memberConfig(env, "not-a-uuid", env.Seed.Awanio.ColleagueUUID, ""),
				PlanOnly:    true,
				ExpectError: acctest.ExpectError("organization_uuid", "is not a UUID"),
			},
			{
				Config:      memberConfig(env, org, env.Seed.Awanio.ColleagueUUID, "  user_level = 3\n"),
				PlanOnly:    true,
				ExpectError: acctest.ExpectError("user_level", "value must be one of"),
			},
			{
				// The provider's own user is already the admin.
				Config:      memberConfig(env, org, env.Seed.Awanio.UserUUID, ""),
				ExpectError: acctest.ExpectError("already a member", "terraform import", org+"/"+env.Seed.Awanio.UserUUID),
			},
			{
				Config:      memberConfig(env, org, "ffffffff-ffff-4fff-8fff-ffffffffffff", ""),
				ExpectError: acctest.ExpectError("Could not add the member", "USER FFFFFFFF-FFFF-4FFF-8FFF-FFFFFFFFFFFF NOT FOUND"),
			},
		},
	})
}
