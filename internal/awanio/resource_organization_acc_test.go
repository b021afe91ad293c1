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
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
)

const orgAddr = "cloudorder_awanio_organization.test"

func orgConfig(providerBlock, name, extra string) string {
	return testResource(providerBlock, "organization", arg("name", name), extra)
}

func TestAccAwanioOrganization_basic(t *testing.T) {
	env := acctest.NewEnv(t)
	var id string
	accCase(t, resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config:           orgConfig(env.AwanioProviderConfig(), "Acme Research", ""),
				ConfigPlanChecks: acctest.EmptyPlanAfterApply,
				ConfigStateChecks: attrs(orgAddr, map[string]knownvalue.Check{
					"id":            knownvalue.StringRegexp(dashedUUID),
					"name":          knownvalue.StringExact("Acme Research"),
					"slug":          knownvalue.StringExact("acme-research"),
					"member_count":  knownvalue.Int64Exact(1),
					"user_level":    knownvalue.Int64Exact(1),
					"payment_plans": knownvalue.StringExact("prepaid"),
					"created_at":    knownvalue.NotNull(),
				}),
				Check: resource.ComposeTestCheckFunc(recordID(&id, orgAddr), func(*terraform.State) error {
					org, ok := env.Mock.Awanio().Organization(id)
					if !ok || org.Name != "Acme Research" {
						return fmt.Errorf("the mock holds %+v for %s", org, id)
					}
					if m := org.Members[env.Seed.Awanio.UserUUID]; m == nil || m.UserLevel != 1 {
						return fmt.Errorf("the provider's user is not the admin of the new organization: %+v", org.Members)
					}
					return nil
				}),
			},
			importStep(orgAddr, nil),
			// Upper case names the same organization.
			importStep(orgAddr, func(s *terraform.State) (string, error) {
				id, err := stateID(s, orgAddr)
				return strings.ToUpper(id), err
			}),
		},
		CheckDestroy: goneAfterDestroy("organization", &id, env.Mock.Awanio().Organization),
	})
}

func TestAccAwanioOrganization_update(t *testing.T) {
	env := acctest.NewEnv(t)
	var id string
	accSteps(t,
		resource.TestStep{
			// A JWT instead of a login works the same.
			Config:           orgConfig(env.AwanioTokenProviderConfig(), "before", ""),
			ConfigPlanChecks: acctest.EmptyPlanAfterApply,
			Check:            recordID(&id, orgAddr),
		},
		resource.TestStep{
			Config:            orgConfig(env.AwanioTokenProviderConfig(), "after", timeouts("update", "2m")),
			ConfigPlanChecks:  actionThenEmpty(orgAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: attrs(orgAddr, map[string]knownvalue.Check{"name": knownvalue.StringExact("after")}),
			Check: resource.ComposeTestCheckFunc(sameID(&id, orgAddr), func(*terraform.State) error {
				if org, _ := env.Mock.Awanio().Organization(id); org.Name != "after" {
					return fmt.Errorf("the mock still calls it %q", org.Name)
				}
				return nil
			}),
		},
	)
}

func TestAccAwanioOrganization_disappears(t *testing.T) {
	env := acctest.NewEnv(t)
	accSteps(t, disappearsSteps(orgConfig(env.AwanioProviderConfig(), "short-lived", ""), orgAddr, true,
		removed("organization", env.Mock.Awanio().DeleteOrganization))...)
}

func TestAccAwanioOrganization_validation(t *testing.T) {
	env := acctest.NewEnv(t)
	p := env.AwanioProviderConfig()
	accSteps(t,
		planError(orgConfig(p, "", ""), "name", "length must be between 1 and 255"),
		planError(orgConfig(p, " padded ", ""), "name", "must not start or end with white space"),
		planError(orgConfig(p, strings.Repeat("x", 256), ""), "name", "length must be between 1 and 255"),
		planError(orgConfig(p, "ok", timeouts("create", "soon")), "create", `"soon" must be a string containing a sequence of decimal numbers`),
	)
	if n := len(env.Mock.Awanio().Organizations()); n != 1 {
		t.Fatalf("invalid configurations changed the mock: %d organizations, want only the demo one", n)
	}
}

func TestAccAwanioOrganization_timeout(t *testing.T) {
	env := acctest.NewEnv(t)
	slowCreates(env, "/awanio/v2/organizations")
	accSteps(t, applyError(orgConfig(env.AwanioProviderConfig(), "slow", timeouts("create", "1s")),
		"Could not create the Awanio organization", "ran out of time", "timeouts"))
}

func TestAccAwanioOrganization_apiErrorAndBadLogin(t *testing.T) {
	env := acctest.NewEnv(t)
	accSteps(t,
		// Wrong credentials fail the first Awanio call with Awanio's message.
		applyError(orgConfig(acctest.AwanioPasswordProviderConfig(env.AwanioEndpoint(), "demo", "wrong-password"), "x", ""),
			"could not log in to Awanio", "WRONG USERNAME / PASSWORD", "401-3"),
		// A token the API does not know is refused with a hint.
		applyError(orgConfig(acctest.AwanioTokenProviderConfig(env.AwanioEndpoint(), "not.a.token"), "x", ""),
			"401", "INVALID OR EXPIRED JWT", "Set a fresh token"),
	)
}

func TestAccAwanioOrganization_reloginAfterExpiredToken(t *testing.T) {
	env := acctest.NewEnv(t)
	cfg := orgConfig(env.AwanioProviderConfig(), "relogin", "")
	accSteps(t,
		resource.TestStep{
			Config: cfg,
			Check: func(*terraform.State) error {
				env.Mock.Awanio().ExpireTokens()
				return nil
			},
		},
		// Every JWT expired between the steps; the provider logs in again,
		// and it is all the same to Terraform.
		resource.TestStep{Config: cfg, ConfigPlanChecks: acctest.EmptyPlanAfterApply},
	)
}

func TestAccAwanioOrganization_lostCreateAnswerDoesNotDuplicate(t *testing.T) {
	env := acctest.NewEnv(t)
	lostCreateAnswer(t, env, "/awanio/v2/organizations", orgConfig(env.AwanioProviderConfig(), "Acme Research", ""), func(s *terraform.State) error {
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
	})
}

func TestAccAwanioOrganization_missingProviderBlock(t *testing.T) {
	for _, v := range []string{"ENDPOINT", "TOKEN", "USERNAME", "PASSWORD"} {
		t.Setenv("CLOUDORDER_AWANIO_"+v, "")
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{planError("\nprovider \"cloudorder\" {}\n"+block("resource", "organization", "test", arg("name", "x")),
			"Awanio is not configured", `"awanio" block`, "CLOUDORDER_AWANIO_ENDPOINT")},
	})
}

func TestAccAwanioOrganization_transientErrorsAreRetried(t *testing.T) {
	env := acctest.NewEnv(t)
	env.Mock.InjectFault(mockcloud.Fault{Method: "GET", PathPrefix: "/awanio/v2/organizations", Status: 503, Count: 3})
	env.Mock.InjectFault(mockcloud.Fault{Method: "POST", PathPrefix: "/awanio/v2/organizations", Status: 429, Count: 2, RetryAfter: 50 * time.Millisecond})
	env.Mock.InjectFault(mockcloud.Fault{Method: "POST", PathPrefix: "/awanio/v2/accounts/login", Status: 502, Count: 1})
	accSteps(t, resource.TestStep{
		Config:           orgConfig(env.AwanioProviderConfig(), "retried", ""),
		ConfigPlanChecks: acctest.EmptyPlanAfterApply,
		Check: func(*terraform.State) error {
			if n := len(env.Mock.Awanio().Organizations()); n != 2 {
				return fmt.Errorf("%d organizations in the mock, want the demo one and one new", n)
			}
			return nil
		},
	})
}
