package awanio_test

import (
	"fmt"
	"regexp"
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
)

const orgAddr = "cloudorder_awanio_organization.test"

var dashedUUID = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// emptyPlanAfterApply is the check every apply step carries: after apply
// and refresh there must be nothing left to do.
var emptyPlanAfterApply = resource.ConfigPlanChecks{
	PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
}

func orgConfig(providerBlock, name, extra string) string {
	return providerBlock + fmt.Sprintf(`
resource "cloudorder_awanio_organization" "test" {
  name = %q
%s}
`, name, extra)
}

// stateID returns the id of addr in s.
func stateID(s *terraform.State, addr string) (string, error) {
	rs, ok := s.RootModule().Resources[addr]
	if !ok {
		return "", fmt.Errorf("%s not in state", addr)
	}
	return rs.Primary.ID, nil
}

func TestAccAwanioOrganization_basic(t *testing.T) {
	env := acctest.NewEnv(t)
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config:           orgConfig(env.AwanioProviderConfig(), "Acme Research", ""),
				ConfigPlanChecks: emptyPlanAfterApply,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(orgAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(dashedUUID)),
					statecheck.ExpectKnownValue(orgAddr, tfjsonpath.New("name"), knownvalue.StringExact("Acme Research")),
					statecheck.ExpectKnownValue(orgAddr, tfjsonpath.New("slug"), knownvalue.StringExact("acme-research")),
					statecheck.ExpectKnownValue(orgAddr, tfjsonpath.New("member_count"), knownvalue.Int64Exact(1)),
					statecheck.ExpectKnownValue(orgAddr, tfjsonpath.New("user_level"), knownvalue.Int64Exact(1)),
					statecheck.ExpectKnownValue(orgAddr, tfjsonpath.New("payment_plans"), knownvalue.StringExact("prepaid")),
					statecheck.ExpectKnownValue(orgAddr, tfjsonpath.New("created_at"), knownvalue.NotNull()),
				},
				Check: func(s *terraform.State) error {
					var err error
					if id, err = stateID(s, orgAddr); err != nil {
						return err
					}
					org, ok := env.Mock.Awanio().Organization(id)
					if !ok || org.Name != "Acme Research" {
						return fmt.Errorf("the mock holds %+v for %s", org, id)
					}
					if m := org.Members[env.Seed.Awanio.UserUUID]; m == nil || m.UserLevel != 1 {
						return fmt.Errorf("the provider's user is not the admin of the new organization: %+v", org.Members)
					}
					return nil
				},
			},
			{
				ResourceName:      orgAddr,
				ImportState:       true,
				ImportStateVerify: true,
			},
			{
				// Upper case names the same organization.
				ResourceName: orgAddr,
				ImportState:  true,
				ImportStateIdFunc: func(s *terraform.State) (string, error) {
					id, err := stateID(s, orgAddr)
					return strings.ToUpper(id), err
				},
				ImportStateVerify: true,
			},
		},
		CheckDestroy: func(*terraform.State) error {
			if _, ok := env.Mock.Awanio().Organization(id); ok {
				return fmt.Errorf("organization %s still exists after destroy", id)
			}
			return nil
		},
	})
}

func TestAccAwanioOrganization_update(t *testing.T) {
	env := acctest.NewEnv(t)
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				// A JWT instead of a login works the same.
				Config:           orgConfig(env.AwanioTokenProviderConfig(), "before", ""),
				ConfigPlanChecks: emptyPlanAfterApply,
				Check: func(s *terraform.State) (err error) {
					id, err = stateID(s, orgAddr)
					return err
				},
			},
			{
				Config: orgConfig(env.AwanioTokenProviderConfig(), "after", "  timeouts {\n    update = \"2m\"\n  }\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(orgAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(orgAddr, tfjsonpath.New("name"), knownvalue.StringExact("after")),
				},
				Check: func(s *terraform.State) error {
					now, err := stateID(s, orgAddr)
					if err != nil || now != id {
						return fmt.Errorf("the organization was replaced (%s → %s): %w", id, now, err)
					}
					if org, _ := env.Mock.Awanio().Organization(id); org.Name != "after" {
						return fmt.Errorf("the mock still calls it %q", org.Name)
					}
					return nil
				},
			},
		},
	})
}

func TestAccAwanioOrganization_disappears(t *testing.T) {
	env := acctest.NewEnv(t)
	cfg := orgConfig(env.AwanioProviderConfig(), "short-lived", "")
	var first string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: func(s *terraform.State) error {
					var err error
					if first, err = stateID(s, orgAddr); err != nil {
						return err
					}
					if !env.Mock.Awanio().DeleteOrganization(first) {
						return fmt.Errorf("organization %s not in the mock", first)
					}
					return nil
				},
				// The refresh after apply finds it gone: plan to create it again.
				ExpectNonEmptyPlan: true,
			},
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(orgAddr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: func(s *terraform.State) error {
					if id, _ := stateID(s, orgAddr); id == first {
						return fmt.Errorf("the deleted organization %s is still in state", id)
					}
					return nil
				},
			},
		},
	})
}

func TestAccAwanioOrganization_validation(t *testing.T) {
	env := acctest.NewEnv(t)
	p := env.AwanioProviderConfig()
	cases := []struct {
		config string
		want   []string
	}{
		{orgConfig(p, "", ""), []string{"name", "length must be between 1 and 255"}},
		{orgConfig(p, " padded ", ""), []string{"name", "must not start or end with white space"}},
		{orgConfig(p, strings.Repeat("x", 256), ""), []string{"name", "length must be between 1 and 255"}},
		{orgConfig(p, "ok", "  timeouts {\n    create = \"soon\"\n  }\n"), []string{"create", `"soon" must be a string containing a sequence of decimal numbers`}},
	}
	steps := make([]resource.TestStep, 0, len(cases))
	for _, tc := range cases {
		steps = append(steps, resource.TestStep{Config: tc.config, PlanOnly: true, ExpectError: acctest.ExpectError(tc.want...)})
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps:                    steps,
	})
	if n := len(env.Mock.Awanio().Organizations()); n != 1 {
		t.Fatalf("invalid configurations changed the mock: %d organizations, want only the demo one", n)
	}
}

func TestAccAwanioOrganization_timeout(t *testing.T) {
	env := acctest.NewEnv(t)
	// The mock answers the create only after 3s; the create timeout is 1s.
	env.Mock.InjectFault(mockcloud.Fault{Method: "POST", PathPrefix: "/awanio/v2/organizations", Latency: 3 * time.Second})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config:      orgConfig(env.AwanioProviderConfig(), "slow", "  timeouts {\n    create = \"1s\"\n  }\n"),
			ExpectError: acctest.ExpectError("Could not create the Awanio organization", "ran out of time", "timeouts"),
		}},
	})
}

func TestAccAwanioOrganization_apiErrorAndBadLogin(t *testing.T) {
	env := acctest.NewEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				// Wrong credentials fail the first Awanio call with Awanio's message.
				Config:      orgConfig(acctest.AwanioPasswordProviderConfig(env.AwanioEndpoint(), "demo", "wrong-password"), "x", ""),
				ExpectError: acctest.ExpectError("could not log in to Awanio", "WRONG USERNAME / PASSWORD", "401-3"),
			},
			{
				// A token the API does not know is refused with a hint.
				Config:      orgConfig(acctest.AwanioTokenProviderConfig(env.AwanioEndpoint(), "not.a.token"), "x", ""),
				ExpectError: acctest.ExpectError("401", "INVALID OR EXPIRED JWT", "Set a fresh token"),
			},
		},
	})
}

func TestAccAwanioOrganization_reloginAfterExpiredToken(t *testing.T) {
	env := acctest.NewEnv(t)
	cfg := orgConfig(env.AwanioProviderConfig(), "relogin", "")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: func(*terraform.State) error {
					env.Mock.Awanio().ExpireTokens()
					return nil
				},
			},
			{
				// Every JWT expired between the steps; the provider logs
				// in again, and it is all the same to Terraform.
				Config:           cfg,
				ConfigPlanChecks: emptyPlanAfterApply,
			},
		},
	})
}

func TestAccAwanioOrganization_lostCreateAnswerDoesNotDuplicate(t *testing.T) {
	env := acctest.NewEnv(t)
	env.Mock.InjectFault(mockcloud.Fault{Method: "POST", PathPrefix: "/awanio/v2/organizations", DropAfterProcessing: true})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config:           orgConfig(env.AwanioProviderConfig(), "Acme Research", ""),
			ConfigPlanChecks: emptyPlanAfterApply,
			Check: func(s *terraform.State) error {
				var named []string
				for _, o := range env.Mock.Awanio().Organizations() {
					if o.Name == "Acme Research" {
						named = append(named, o.UUID)
					}
				}
				id, _ := stateID(s, orgAddr)
				if len(named) != 1 || named[0] != id {
					return fmt.Errorf("organizations named Acme Research: %v, state holds %s; want exactly the one in state", named, id)
				}
				return nil
			},
		}},
	})
}

func TestAccAwanioOrganization_missingProviderBlock(t *testing.T) {
	for _, v := range []string{"ENDPOINT", "TOKEN", "USERNAME", "PASSWORD"} {
		t.Setenv("CLOUDORDER_AWANIO_"+v, "")
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: `
provider "cloudorder" {}

resource "cloudorder_awanio_organization" "test" {
  name = "x"
}
`,
			PlanOnly:    true,
			ExpectError: acctest.ExpectError("Awanio is not configured", `"awanio" block`, "CLOUDORDER_AWANIO_ENDPOINT"),
		}},
	})
}

func TestAccAwanioOrganization_transientErrorsAreRetried(t *testing.T) {
	env := acctest.NewEnv(t)
	env.Mock.InjectFault(mockcloud.Fault{Method: "GET", PathPrefix: "/awanio/v2/organizations", Status: 503, Count: 3})
	env.Mock.InjectFault(mockcloud.Fault{Method: "POST", PathPrefix: "/awanio/v2/organizations", Status: 429, Count: 2, RetryAfter: 50 * time.Millisecond})
	env.Mock.InjectFault(mockcloud.Fault{Method: "POST", PathPrefix: "/awanio/v2/accounts/login", Status: 502, Count: 1})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config:           orgConfig(env.AwanioProviderConfig(), "retried", ""),
			ConfigPlanChecks: emptyPlanAfterApply,
			Check: func(*terraform.State) error {
				if n := len(env.Mock.Awanio().Organizations()); n != 2 {
					return fmt.Errorf("%d organizations in the mock, want the demo one and one new", n)
				}
				return nil
			},
		}},
	})
}
