package waldur_test

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
	waldurmock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/waldur"
)

const resourceAddr = "cloudorder_waldur_resource.test"

type resourceConfig struct {
	project, offering, plan string
	attributes              string // HCL expression
	extra                   string // more arguments
	provider                string // provider block; "" means the demo token's
}

func (c resourceConfig) hcl(env *acctest.Env) string {
	var b strings.Builder
	if c.provider != "" {
		b.WriteString(c.provider)
	} else {
		b.WriteString(env.ProviderConfig())
	}
	b.WriteString("resource \"cloudorder_waldur_resource\" \"test\" {\n")
	fmt.Fprintf(&b, "  project  = %q\n  offering = %q\n", c.project, c.offering)
	if c.plan != "" {
		fmt.Fprintf(&b, "  plan     = %q\n", c.plan)
	}
	fmt.Fprintf(&b, "  attributes = %s\n", c.attributes)
	b.WriteString(c.extra)
	b.WriteString("}\n")
	return b.String()
}

func demoResource(env *acctest.Env, name string) resourceConfig {
	return resourceConfig{
		project:    env.Seed.ProjectUUID,
		offering:   env.Seed.OfferingUUID,
		plan:       env.Seed.PlanUUID,
		attributes: fmt.Sprintf(`jsonencode({ name = %q, kubernetes_version = "1.30", node_count = 3 })`, name),
	}
}

// resourceOnNewOffering is a resource of the demo project on a new offering
// (one plan) whose orders follow the given approval mode and outcome.
func resourceOnNewOffering(env *acctest.Env, name string, approval waldurmock.ApprovalMode, outcome waldurmock.OrderOutcome) (resourceConfig, waldurmock.Offering) {
	offering := env.Mock.Waldur().AddOffering(waldurmock.OfferingSpec{
		Name:         fmt.Sprintf("test offering (%s)", approval),
		Type:         "Marketplace.Basic",
		CustomerUUID: env.Seed.CustomerUUID,
		Approval:     approval,
		Outcome:      outcome,
		Plans:        []waldurmock.PlanSpec{{Name: "basic"}},
	})
	return resourceConfig{
		project:    env.Seed.ProjectUUID,
		offering:   offering.UUID,
		plan:       offering.Plans[0].UUID,
		attributes: fmt.Sprintf(`jsonencode({ name = %q })`, name),
	}, offering
}

// mockResource returns the marketplace resource the mock holds for addr.
func mockResource(env *acctest.Env, s *terraform.State, addr string) (waldurmock.ResourceSnapshot, error) {
	rs, ok := s.RootModule().Resources[addr]
	if !ok {
		return waldurmock.ResourceSnapshot{}, fmt.Errorf("%s not in state", addr)
	}
	r, ok := env.Mock.Waldur().Resource(rs.Primary.ID)
	if !ok {
		return r, fmt.Errorf("resource %s not in the mock", rs.Primary.ID)
	}
	return r, nil
}

func sameID(addr string, id *string) resource.TestCheckFunc {
	return resource.TestCheckResourceAttrWith(addr, "id", func(v string) error {
		if v != *id {
			return fmt.Errorf("%s replaced: %s → %s", addr, *id, v)
		}
		return nil
	})
}

func TestAccWaldurResource_lifecycle(t *testing.T) {
	env := acctest.NewEnv(t)
	base := demoResource(env, "acc-lifecycle")
	switched := base
	switched.plan = env.Seed.SecondPlanUUID
	limited := switched
	limited.extra = "  limits = { cpu = 8, ram = 32 }\n"

	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config:           base.hcl(env),
				ConfigPlanChecks: acctest.EmptyPlanAfterApply,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(hexUUID)),
					statecheck.ExpectKnownValue(resourceAddr, tfjsonpath.New("state"), knownvalue.StringExact("OK")),
					statecheck.ExpectKnownValue(resourceAddr, tfjsonpath.New("name"), knownvalue.StringExact("acc-lifecycle")),
					statecheck.ExpectKnownValue(resourceAddr, tfjsonpath.New("plan_name"), knownvalue.StringExact("small")),
					statecheck.ExpectKnownValue(resourceAddr, tfjsonpath.New("resource_uuid"), knownvalue.StringRegexp(hexUUID)),
					statecheck.ExpectKnownValue(resourceAddr, tfjsonpath.New("creation_order_uuid"), knownvalue.StringRegexp(hexUUID)),
					statecheck.ExpectKnownValue(resourceAddr, tfjsonpath.New("project"), knownvalue.StringExact(env.Seed.ProjectUUID)),
				},
				Check: func(s *terraform.State) error {
					r, err := mockResource(env, s, resourceAddr)
					if err != nil {
						return err
					}
					id = r.UUID
					if r.State != "OK" || r.PlanUUID != env.Seed.PlanUUID {
						return fmt.Errorf("mock resource %s on plan %s, want OK on %s", r.State, r.PlanUUID, env.Seed.PlanUUID)
					}
					return nil
				},
			},
			{
				ResourceName:            resourceAddr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
			{
				// A plan change is an in-place switch_plan, not a replacement.
				Config:           switched.hcl(env),
				ConfigPlanChecks: acctest.PlanChecks(plancheck.ExpectResourceAction(resourceAddr, plancheck.ResourceActionUpdate)),
				Check: resource.ComposeTestCheckFunc(
					sameID(resourceAddr, &id),
					resource.TestCheckResourceAttr(resourceAddr, "plan_name", "large"),
					resource.TestCheckResourceAttr(resourceAddr, "plan", env.Seed.SecondPlanUUID),
					func(s *terraform.State) error {
						r, err := mockResource(env, s, resourceAddr)
						if err != nil {
							return err
						}
						if r.PlanUUID != env.Seed.SecondPlanUUID {
							return fmt.Errorf("mock resource on plan %s after switch", r.PlanUUID)
						}
						return nil
					},
				),
			},
			{
				Config:           limited.hcl(env),
				ConfigPlanChecks: acctest.PlanChecks(plancheck.ExpectResourceAction(resourceAddr, plancheck.ResourceActionUpdate)),
				Check: resource.ComposeTestCheckFunc(
					sameID(resourceAddr, &id),
					resource.TestCheckResourceAttr(resourceAddr, "limits.cpu", "8"),
					func(s *terraform.State) error {
						r, err := mockResource(env, s, resourceAddr)
						if err != nil {
							return err
						}
						if r.Limits["cpu"] != 8 || r.Limits["ram"] != 32 {
							return fmt.Errorf("mock limits %v after update_limits", r.Limits)
						}
						return nil
					},
				),
			},
			{
				// Terminated out of band: Terraform notices and creates a new one.
				PreConfig: func() {
					terminateOutOfBand(t, env, id)
				},
				Config:           limited.hcl(env),
				ConfigPlanChecks: acctest.PlanChecks(plancheck.ExpectResourceAction(resourceAddr, plancheck.ResourceActionCreate)),
				Check: resource.TestCheckResourceAttrWith(resourceAddr, "id", func(v string) error {
					if v == id {
						return fmt.Errorf("the terminated resource %s is still in state", v)
					}
					return nil
				}),
			},
		},
		CheckDestroy: func(*terraform.State) error {
			for _, r := range env.Mock.Waldur().Resources() {
				if r.State != "Terminated" {
					return fmt.Errorf("resource %s is %s after destroy, want Terminated", r.UUID, r.State)
				}
			}
			return nil
		},
	})
}

// terminateOutOfBand terminates a resource the way someone in the portal
// would: a Terminate order that is done.
func terminateOutOfBand(t *testing.T, env *acctest.Env, id string) {
	t.Helper()
	w := env.Mock.Waldur()
	if err := w.TerminateResource(id); err != nil {
		t.Fatalf("terminating %s out of band: %v", id, err)
	}
}

func TestAccWaldurResource_validation(t *testing.T) {
	env := acctest.NewEnv(t)
	good := demoResource(env, "acc-validation")
	with := func(mutate func(*resourceConfig)) string {
		c := good
		mutate(&c)
		return c.hcl(env)
	}
	cases := []struct {
		config string
		want   []string
	}{
		{with(func(c *resourceConfig) { c.project = "not-a-uuid" }), []string{"Invalid project", `"not-a-uuid" is neither a UUID nor a project URL`}},
		{with(func(c *resourceConfig) { c.attributes = `jsonencode(["a"])` }), []string{"attributes", "must be a JSON object"}},
		{with(func(c *resourceConfig) { c.extra = "  limits = { cpu = -1 }\n" }), []string{"limits", "at least 0"}},
		{with(func(c *resourceConfig) {
			c.plan = "https://h/api/marketplace-public-offerings/ffffffffffffffffffffffffffffffff/plans/" + env.Seed.PlanUUID + "/"
		}), []string{"Plan does not belong to the offering"}},
		{with(func(c *resourceConfig) { c.extra = "  timeouts {\n    create = \"soon\"\n  }\n" }), []string{"Invalid Attribute Value Time Duration", `"soon"`}},
	}
	steps := make([]resource.TestStep, 0, len(cases))
	for _, tc := range cases {
		steps = append(steps, resource.TestStep{Config: tc.config, PlanOnly: true, ExpectError: acctest.ExpectError(tc.want...)})
	}
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(), Steps: steps})
	if n := len(env.Mock.Waldur().Orders()); n != 0 {
		t.Fatalf("invalid configurations placed %d orders", n)
	}
}

func TestAccWaldurResource_importInvalidID(t *testing.T) {
	env := acctest.NewEnv(t)
	cfg := demoResource(env, "acc-import-bad")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config:        cfg.hcl(env),
			ResourceName:  resourceAddr,
			ImportState:   true,
			ImportStateId: "cluster-one",
			ExpectError:   acctest.ExpectError("Invalid import ID", "terraform import cloudorder_waldur_resource.example"),
		}},
	})
}
