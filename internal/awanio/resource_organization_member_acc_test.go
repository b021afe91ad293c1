package awanio_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest"
)

const memberAddr = "cloudorder_awanio_organization_member.test"

func memberConfig(env *acctest.Env, org, user, extra string) string {
	return testResource(env.AwanioProviderConfig(), "organization_member", arg("organization_uuid", org), arg("user_uuid", user), extra)
}

// memberLevel checks the colleague's level in the organization in the mock.
func memberLevel(env *acctest.Env, level int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		o, _ := env.Mock.Awanio().Organization(env.Seed.Awanio.OrganizationUUID)
		if m := o.Members[env.Seed.Awanio.ColleagueUUID]; m == nil || m.UserLevel != level {
			return fmt.Errorf("colleague membership in the mock: %+v, want level %d", m, level)
		}
		return nil
	}
}

func TestAccAwanioOrganizationMember_basic(t *testing.T) {
	env := acctest.NewEnv(t)
	org, colleague := env.Seed.Awanio.OrganizationUUID, env.Seed.Awanio.ColleagueUUID
	accCase(t, resource.TestCase{
		Steps: []resource.TestStep{
			{
				// Upper case UUIDs are kept as written and never show a diff.
				Config:           memberConfig(env, strings.ToUpper(org), colleague, ""),
				ConfigPlanChecks: acctest.EmptyPlanAfterApply,
				ConfigStateChecks: attrs(memberAddr, map[string]knownvalue.Check{
					"id":         knownvalue.StringExact(org + "/" + colleague),
					"user_level": knownvalue.Int64Exact(2),
					"username":   knownvalue.StringExact(env.Seed.Awanio.ColleagueUsername),
				}),
				Check: memberLevel(env, 2),
			},
			importStep(memberAddr, nil, "organization_uuid"), // imported in canonical case
			{
				Config:           memberConfig(env, org, colleague, arg("user_level", 1)),
				ConfigPlanChecks: actionThenEmpty(memberAddr, plancheck.ResourceActionUpdate),
				Check:            memberLevel(env, 1),
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
	steps := disappearsSteps(memberConfig(env, org, colleague, arg("user_level", 1)+timeouts("create", "1m")), memberAddr, false, func(string) error {
		if !env.Mock.Awanio().RemoveOrganizationMember(org, colleague) {
			return fmt.Errorf("the colleague is not a member")
		}
		return nil
	})
	steps[0].ConfigStateChecks = attrs(memberAddr, map[string]knownvalue.Check{"user_level": knownvalue.Int64Exact(1)})
	accSteps(t, steps...)
}

func TestAccAwanioOrganizationMember_validationAndConflict(t *testing.T) {
	env := acctest.NewEnv(t)
	org, colleague, me := env.Seed.Awanio.OrganizationUUID, env.Seed.Awanio.ColleagueUUID, env.Seed.Awanio.UserUUID
	accSteps(t,
		planError(memberConfig(env, "not-a-uuid", colleague, ""), "organization_uuid", "is not a UUID"),
		planError(memberConfig(env, org, colleague, arg("user_level", 3)), "user_level", "value must be one of"),
		// The provider's own user is already the admin.
		applyError(memberConfig(env, org, me, ""), "already a member", "terraform import", org+"/"+me),
		applyError(memberConfig(env, org, "ffffffff-ffff-4fff-8fff-ffffffffffff", ""),
			"Could not add the member", "USER FFFFFFFF-FFFF-4FFF-8FFF-FFFFFFFFFFFF NOT FOUND"),
	)
}
