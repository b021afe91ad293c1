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
	awaniomock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/awanio"
)

const projectAddr = "cloudorder_awanio_project.test"

// projectEnv is a test mock where the colleague belongs to the demo
// organization, so that it can be a project member.
func projectEnv(t *testing.T) *acctest.Env {
	env := acctest.NewEnv(t)
	if err := env.Mock.Awanio().SetOrganizationMember(env.Seed.Awanio.OrganizationUUID, env.Seed.Awanio.ColleagueUUID, 2); err != nil {
		t.Fatal(err)
	}
	return env
}

func projectConfig(provider, name, body string) string {
	return testResource(provider, "project", arg("name", name), body)
}

func members(pairs ...any) string {
	var b strings.Builder
	b.WriteString("  members = [\n")
	for i := 0; i+1 < len(pairs); i += 2 {
		fmt.Fprintf(&b, "    { user_uuid = %q, user_level = %d },\n", pairs[i], pairs[i+1])
	}
	b.WriteString("  ]\n")
	return b.String()
}

func mockProject(env *acctest.Env, s *terraform.State) (awaniomock.AwanioProject, error) {
	id, err := stateID(s, projectAddr)
	if err != nil {
		return awaniomock.AwanioProject{}, err
	}
	p, ok := env.Mock.Awanio().Project(id)
	if !ok {
		return p, fmt.Errorf("project %s not in the mock", id)
	}
	return p, nil
}

func TestAccAwanioProject_basic(t *testing.T) {
	env := projectEnv(t)
	colleague, me := env.Seed.Awanio.ColleagueUUID, env.Seed.Awanio.UserUUID
	accSteps(t,
		resource.TestStep{
			Config:           projectConfig(withDefaultOrg(env), "Research", members(strings.ToUpper(colleague), 2)+arg("primary", true)),
			ConfigPlanChecks: acctest.EmptyPlanAfterApply,
			ConfigStateChecks: attrs(projectAddr, map[string]knownvalue.Check{
				"id":                knownvalue.StringRegexp(dashedUUID),
				"organization_uuid": knownvalue.StringExact(env.Seed.Awanio.OrganizationUUID),
				"primary":           knownvalue.Bool(true),
				"user_level":        knownvalue.Int64Exact(1),
				"slug":              knownvalue.StringExact("research"),
				"members":           knownvalue.SetSizeExact(1),
			}),
			Check: func(s *terraform.State) error {
				p, err := mockProject(env, s)
				if err != nil {
					return err
				}
				if p.Members[colleague] == nil || p.Members[colleague].UserLevel != 2 || p.Members[me] == nil || !p.Members[me].IsDefault {
					return fmt.Errorf("mock members %+v", p.Members)
				}
				// The demo project is no longer the primary one.
				demo, _ := env.Mock.Awanio().Project(env.Seed.Awanio.ProjectUUID)
				if demo.Members[me].IsDefault {
					return fmt.Errorf("two primary projects in one organization")
				}
				return nil
			},
		},
		importStep(projectAddr, nil, "members"), // imported in canonical case
	)
}

func TestAccAwanioProject_update(t *testing.T) {
	env := projectEnv(t)
	colleague := env.Seed.Awanio.ColleagueUUID
	var id string
	other := env.Mock.Awanio().AddOrganization(awaniomock.AwanioOrganizationSpec{Name: "Other", OwnerUUID: env.Seed.Awanio.UserUUID})
	org := arg("organization_uuid", env.Seed.Awanio.OrganizationUUID)
	update := func(body string, check func(awaniomock.AwanioProject) error) resource.TestStep {
		return resource.TestStep{
			Config:           projectConfig(env.AwanioProviderConfig(), "renamed", body),
			ConfigPlanChecks: actionThenEmpty(projectAddr, plancheck.ResourceActionUpdate),
			Check: resource.ComposeTestCheckFunc(sameID(&id, projectAddr), func(s *terraform.State) error {
				p, err := mockProject(env, s)
				if err != nil {
					return err
				}
				return check(p)
			}),
		}
	}
	accSteps(t,
		resource.TestStep{
			Config:           projectConfig(env.AwanioProviderConfig(), "original", org),
			ConfigPlanChecks: acctest.EmptyPlanAfterApply,
			Check: func(s *terraform.State) (err error) {
				id, err = stateID(s, projectAddr)
				// From now on the API answers data: null, as documented.
				env.Mock.Awanio().SetProjectAnswersNull(true)
				return err
			},
		},
		update(org+members(colleague, 2), func(p awaniomock.AwanioProject) error {
			if p.Name != "renamed" || p.Members[colleague] == nil || p.Members[colleague].UserLevel != 2 {
				return fmt.Errorf("rename and add member: %+v", p)
			}
			return nil
		}),
		update(org+members(colleague, 1)+arg("primary", true), func(p awaniomock.AwanioProject) error {
			if p.Members[colleague].UserLevel != 1 || !p.Members[env.Seed.Awanio.UserUUID].IsDefault {
				return fmt.Errorf("level change and primary: %+v", p.Members)
			}
			return nil
		}),
		update(org+"  members = []\n"+arg("primary", false), func(p awaniomock.AwanioProject) error {
			if len(p.Members) != 1 || p.Members[env.Seed.Awanio.UserUUID].IsDefault {
				return fmt.Errorf("remove member and release primary: %+v", p.Members)
			}
			return nil
		}),
		update(arg("organization_uuid", other.UUID)+"  members = []\n", func(p awaniomock.AwanioProject) error {
			if p.OrganizationUUID != other.UUID {
				return fmt.Errorf("not moved: %+v", p)
			}
			return nil
		}),
	)
}

func TestAccAwanioProject_createAnswersNullAndNamesakeElsewhere(t *testing.T) {
	env := projectEnv(t)
	env.Mock.Awanio().SetProjectAnswersNull(true)
	// A project with the same name already exists in the organization: the
	// provider must pick the new one, never the old namesake.
	old := env.Mock.Awanio().AddProject(awaniomock.AwanioProjectSpec{Name: "Twin", OrganizationUUID: env.Seed.Awanio.OrganizationUUID, OwnerUUID: env.Seed.Awanio.UserUUID})
	accSteps(t, resource.TestStep{
		Config:           projectConfig(withDefaultOrg(env), "Twin", ""),
		ConfigPlanChecks: acctest.EmptyPlanAfterApply,
		Check: func(s *terraform.State) error {
			id, err := stateID(s, projectAddr)
			if err != nil || id == old.UUID {
				return fmt.Errorf("adopted the old namesake %s (%w)", id, err)
			}
			if _, ok := env.Mock.Awanio().Project(id); !ok {
				return fmt.Errorf("%s is not in the mock", id)
			}
			return nil
		},
	})
}

func TestAccAwanioProject_lostCreateAnswerDoesNotDuplicate(t *testing.T) {
	env := projectEnv(t)
	lostCreateAnswer(t, env, "/awanio/v2/projects", projectConfig(withDefaultOrg(env), "Once", ""), func(*terraform.State) error {
		n := 0
		for _, p := range env.Mock.Awanio().Projects() {
			if p.Name == "Once" {
				n++
			}
		}
		if n != 1 {
			return fmt.Errorf("%d projects named Once, want 1", n)
		}
		return nil
	})
}

func TestAccAwanioProject_disappears(t *testing.T) {
	env := projectEnv(t)
	accSteps(t, disappearsSteps(projectConfig(withDefaultOrg(env), "gone", ""), projectAddr, false,
		removed("project", env.Mock.Awanio().DeleteProject))...)
}

func TestAccAwanioProject_validation(t *testing.T) {
	env := projectEnv(t)
	colleague := env.Seed.Awanio.ColleagueUUID
	p := withDefaultOrg(env)
	accSteps(t,
		planError(projectConfig(p, "x", members(colleague, 3)), "user_level", "value must be one of"),
		planError(projectConfig(p, "x", members(colleague, 1, strings.ToUpper(colleague), 2)), "Member listed twice"),
		planError(projectConfig(p, "x", members("nope", 1)), "user_uuid", "is not a UUID"),
		planError(projectConfig(p, "x", arg("organization_uuid", "nope")), "organization_uuid", "is not a UUID"),
		// No organization here and no default in the provider.
		planError(projectConfig(env.AwanioProviderConfig(), "x", ""), "Missing organization_uuid", "CLOUDORDER_AWANIO_ORGANIZATION_UUID"),
		// The provider's own user is always a member.
		applyError(projectConfig(p, "x", members(env.Seed.Awanio.UserUUID, 1)), "the user the provider acts as", "leave it out of members"),
		// A user outside the organization: Awanio's message.
		applyError(projectConfig(p, "x", members("ffffffff-ffff-4fff-8fff-ffffffffffff", 1)), "Could not create the Awanio project", "NOT FOUND"),
	)
	if n := len(env.Mock.Awanio().Projects()); n != 1 {
		t.Fatalf("%d projects in the mock, want only the demo one", n)
	}
}

func TestAccAwanioProject_timeout(t *testing.T) {
	env := projectEnv(t)
	slowCreates(env, "/awanio/v2/projects")
	accSteps(t, applyError(projectConfig(withDefaultOrg(env), "slow", timeouts("create", "1s")),
		"Could not create the Awanio project", "ran out of time"))
}
