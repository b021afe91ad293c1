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

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
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

// withDefaultOrg is the provider block with the demo organization as default.
func withDefaultOrg(env *acctest.Env) string {
	return env.AwanioProviderConfig(fmt.Sprintf("organization_uuid = %q", env.Seed.Awanio.OrganizationUUID))
}

func projectConfig(provider, name, body string) string {
	return provider + fmt.Sprintf(`
resource "cloudorder_awanio_project" "test" {
  name = %q
%s}
`, name, body)
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
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config:           projectConfig(withDefaultOrg(env), "Research", members(strings.ToUpper(colleague), 2)+"  primary = true\n"),
				ConfigPlanChecks: emptyPlanAfterApply,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(projectAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(dashedUUID)),
					statecheck.ExpectKnownValue(projectAddr, tfjsonpath.New("organization_uuid"), knownvalue.StringExact(env.Seed.Awanio.OrganizationUUID)),
					statecheck.ExpectKnownValue(projectAddr, tfjsonpath.New("primary"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(projectAddr, tfjsonpath.New("user_level"), knownvalue.Int64Exact(1)),
					statecheck.ExpectKnownValue(projectAddr, tfjsonpath.New("slug"), knownvalue.StringExact("research")),
					statecheck.ExpectKnownValue(projectAddr, tfjsonpath.New("members"), knownvalue.SetSizeExact(1)),
				},
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
			{
				ResourceName:            projectAddr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"members"}, // imported in canonical case
			},
		},
	})
}

func TestAccAwanioProject_update(t *testing.T) {
	env := projectEnv(t)
	colleague := env.Seed.Awanio.ColleagueUUID
	var id string
	sameID := func(s *terraform.State) error {
		now, err := stateID(s, projectAddr)
		if err == nil && now != id {
			err = fmt.Errorf("project replaced: %s → %s", id, now)
		}
		return err
	}
	other := env.Mock.Awanio().AddOrganization(awaniomock.AwanioOrganizationSpec{Name: "Other", OwnerUUID: env.Seed.Awanio.UserUUID})
	org := fmt.Sprintf("  organization_uuid = %q\n", env.Seed.Awanio.OrganizationUUID)
	update := func(body string, check func(awaniomock.AwanioProject) error) resource.TestStep {
		return resource.TestStep{
			Config: projectConfig(env.AwanioProviderConfig(), "renamed", body),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(projectAddr, plancheck.ResourceActionUpdate)},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			Check: func(s *terraform.State) error {
				if err := sameID(s); err != nil {
					return err
				}
				p, err := mockProject(env, s)
				if err != nil {
					return err
				}
				return check(p)
			},
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config:           projectConfig(env.AwanioProviderConfig(), "original", org),
				ConfigPlanChecks: emptyPlanAfterApply,
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
			update(org+members(colleague, 1)+"  primary = true\n", func(p awaniomock.AwanioProject) error {
				if p.Members[colleague].UserLevel != 1 || !p.Members[env.Seed.Awanio.UserUUID].IsDefault {
					return fmt.Errorf("level change and primary: %+v", p.Members)
				}
				return nil
			}),
			update(org+"  members = []\n  primary = false\n", func(p awaniomock.AwanioProject) error {
				if len(p.Members) != 1 || p.Members[env.Seed.Awanio.UserUUID].IsDefault {
					return fmt.Errorf("remove member and release primary: %+v", p.Members)
				}
				return nil
			}),
			update(fmt.Sprintf("  organization_uuid = %q\n  members = []\n", other.UUID), func(p awaniomock.AwanioProject) error {
				if p.OrganizationUUID != other.UUID {
					return fmt.Errorf("not moved: %+v", p)
				}
				return nil
			}),
		},
	})
}

func TestAccAwanioProject_createAnswersNullAndNamesakeElsewhere(t *testing.T) {
	env := projectEnv(t)
	env.Mock.Awanio().SetProjectAnswersNull(true)
	// A project with the same name already exists in the organization: the
	// provider must pick the new one, never the old namesake.
	old := env.Mock.Awanio().AddProject(awaniomock.AwanioProjectSpec{Name: "Twin", OrganizationUUID: env.Seed.Awanio.OrganizationUUID, OwnerUUID: env.Seed.Awanio.UserUUID})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config:           projectConfig(withDefaultOrg(env), "Twin", ""),
			ConfigPlanChecks: emptyPlanAfterApply,
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
		}},
	})
}

func TestAccAwanioProject_lostCreateAnswerDoesNotDuplicate(t *testing.T) {
	env := projectEnv(t)
	env.Mock.InjectFault(mockcloud.Fault{Method: "POST", PathPrefix: "/awanio/v2/projects", DropAfterProcessing: true})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config:           projectConfig(withDefaultOrg(env), "Once", ""),
			ConfigPlanChecks: emptyPlanAfterApply,
			Check: func(*terraform.State) error {
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
			},
		}},
	})
}

func TestAccAwanioProject_disappears(t *testing.T) {
	env := projectEnv(t)
	cfg := projectConfig(withDefaultOrg(env), "gone", "")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: func(s *terraform.State) error {
					id, _ := stateID(s, projectAddr)
					if !env.Mock.Awanio().DeleteProject(id) {
						return fmt.Errorf("project %s not in the mock", id)
					}
					return nil
				},
				ExpectNonEmptyPlan: true,
			},
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(projectAddr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

func TestAccAwanioProject_validation(t *testing.T) {
	env := projectEnv(t)
	colleague := env.Seed.Awanio.ColleagueUUID
	p := withDefaultOrg(env)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: projectConfig(p, "x", members(colleague, 3)), PlanOnly: true, ExpectError: acctest.ExpectError("user_level", "value must be one of")},
			{Config: projectConfig(p, "x", members(colleague, 1, strings.ToUpper(colleague), 2)), PlanOnly: true, ExpectError: acctest.ExpectError("Member listed twice")},
			{Config: projectConfig(p, "x", members("nope", 1)), PlanOnly: true, ExpectError: acctest.ExpectError("user_uuid", "is not a UUID")},
			{Config: projectConfig(p, "x", "  organization_uuid = \"nope\"\n"), PlanOnly: true, ExpectError: acctest.ExpectError("organization_uuid", "is not a UUID")},
			{
				// No organization here and no default in the provider.
				Config: projectConfig(env.AwanioProviderConfig(), "x", ""), PlanOnly: true,
				ExpectError: acctest.ExpectError("Missing organization_uuid", "CLOUDORDER_AWANIO_ORGANIZATION_UUID"),
			},
			{
				// The provider's own user is always a member.
				Config:      projectConfig(p, "x", members(env.Seed.Awanio.UserUUID, 1)),
				ExpectError: acctest.ExpectError("the user the provider acts as", "leave it out of members"),
			},
			{
				// A user outside the organization: Awanio's message.
				Config:      projectConfig(p, "x", members("ffffffff-ffff-4fff-8fff-ffffffffffff", 1)),
				ExpectError: acctest.ExpectError("Could not create the Awanio project", "NOT FOUND"),
			},
		},
	})
	if n := len(env.Mock.Awanio().Projects()); n != 1 {
		t.Fatalf("%d projects in the mock, want only the demo one", n)
	}
}

func TestAccAwanioProject_timeout(t *testing.T) {
	env := projectEnv(t)
	env.Mock.InjectFault(mockcloud.Fault{Method: "POST", PathPrefix: "/awanio/v2/projects", Latency: 3 * time.Second})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config:      projectConfig(withDefaultOrg(env), "slow", "  timeouts {\n    create = \"1s\"\n  }\n"),
			ExpectError: acctest.ExpectError("Could not create the Awanio project", "ran out of time"),
		}},
	})
}
