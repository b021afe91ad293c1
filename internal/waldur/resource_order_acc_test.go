package waldur_test

import (
	"context"
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
	waldurmock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/waldur"
)

const orderAddr = "cloudorder_waldur_order.test"

var hexUUID = regexp.MustCompile(`^[0-9a-f]{32}$`)

type orderConfig struct {
	project, offering, plan string
	attributes              string // HCL expression
	extra                   string // more arguments
}

func (e orderConfig) hcl(env *acctest.Env) string {
	var b strings.Builder
	b.WriteString(env.ProviderConfig())
	b.WriteString("resource \"cloudorder_waldur_order\" \"test\" {\n")
	fmt.Fprintf(&b, "  project  = %q\n  offering = %q\n", e.project, e.offering)
	if e.plan != "" {
		fmt.Fprintf(&b, "  plan     = %q\n", e.plan)
	}
	if e.attributes != "" {
		fmt.Fprintf(&b, "  attributes = %s\n", e.attributes)
	}
	b.WriteString(e.extra)
	b.WriteString("}\n")
	return b.String()
}

func demoOrder(env *acctest.Env, name string) orderConfig {
	return orderConfig{
		project:    env.Seed.ProjectUUID,
		offering:   env.Seed.OfferingUUID,
		plan:       env.Seed.PlanUUID,
		attributes: fmt.Sprintf(`jsonencode({ name = %q, kubernetes_version = "1.30", node_count = 3 })`, name),
	}
}

// mockOrder returns the order the mock holds for the order in state.
func mockOrder(env *acctest.Env, s *terraform.State) (waldurmock.OrderSnapshot, error) {
	rs, ok := s.RootModule().Resources[orderAddr]
	if !ok {
		return waldurmock.OrderSnapshot{}, fmt.Errorf("%s not in state", orderAddr)
	}
	o, ok := env.Mock.Waldur().Order(rs.Primary.ID)
	if !ok {
		return o, fmt.Errorf("order %s not in the mock", rs.Primary.ID)
	}
	return o, nil
}

// orderOnNewOffering is an order of the demo project on a new offering
// (without plans) whose orders follow the given approval mode and outcome.
func orderOnNewOffering(env *acctest.Env, name string, approval waldurmock.ApprovalMode, outcome waldurmock.OrderOutcome) orderConfig {
	offering := env.Mock.Waldur().AddOffering(waldurmock.OfferingSpec{
		Name:         fmt.Sprintf("test offering (%s)", approval),
		Type:         "Marketplace.Basic",
		CustomerUUID: env.Seed.CustomerUUID,
		Approval:     approval,
		Outcome:      outcome,
	})
	cfg := demoOrder(env, name)
	cfg.offering, cfg.plan = offering.UUID, ""
	return cfg
}

func TestAccWaldurOrder_basic(t *testing.T) {
	env := acctest.NewEnv(t)
	cfg := demoOrder(env, "acc-basic")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config:           cfg.hcl(env),
				ConfigPlanChecks: acctest.EmptyPlanAfterApply,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(orderAddr, tfjsonpath.New("state"), knownvalue.StringExact("done")),
					statecheck.ExpectKnownValue(orderAddr, tfjsonpath.New("type"), knownvalue.StringExact("Create")),
					statecheck.ExpectKnownValue(orderAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(hexUUID)),
					statecheck.ExpectKnownValue(orderAddr, tfjsonpath.New("marketplace_resource_uuid"), knownvalue.StringRegexp(hexUUID)),
					statecheck.ExpectKnownValue(orderAddr, tfjsonpath.New("resource_uuid"), knownvalue.StringRegexp(hexUUID)),
					statecheck.ExpectKnownValue(orderAddr, tfjsonpath.New("project"), knownvalue.StringExact(env.Seed.ProjectUUID)),
					statecheck.ExpectKnownValue(orderAddr, tfjsonpath.New("offering_name"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(orderAddr, tfjsonpath.New("cost"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(orderAddr, tfjsonpath.New("approve"), knownvalue.Bool(false)),
				},
				Check: func(s *terraform.State) error {
					o, err := mockOrder(env, s)
					if err != nil {
						return err
					}
					if o.State != "done" {
						return fmt.Errorf("mock order state %q, want done", o.State)
					}
					if n := len(env.Mock.Waldur().Orders()); n != 1 {
						return fmt.Errorf("the mock holds %d orders, want exactly 1", n)
					}
					return nil
				},
			},
			{
				ResourceName:      orderAddr,
				ImportState:       true,
				ImportStateVerify: true,
			},
			{
				// Dashed, upper-case UUIDs name the same order.
				ResourceName:      orderAddr,
				ImportState:       true,
				ImportStateIdFunc: dashedID,
				ImportStateVerify: true,
			},
		},
		CheckDestroy: func(s *terraform.State) error {
			// terminate_on_destroy is false: the order and its resource stay.
			for _, r := range env.Mock.Waldur().Resources() {
				if r.State != "OK" {
					return fmt.Errorf("resource %s is %s after destroy, want it left OK", r.UUID, r.State)
				}
			}
			return nil
		},
	})
}

func dashedID(s *terraform.State) (string, error) {
	id := s.RootModule().Resources[orderAddr].Primary.ID
	return strings.ToUpper(id[0:8] + "-" + id[8:12] + "-" + id[12:16] + "-" + id[16:20] + "-" + id[20:]), nil
}

func TestAccWaldurOrder_update(t *testing.T) {
	env := acctest.NewEnv(t)
	base := demoOrder(env, "acc-update")
	dashed := base
	p := env.Seed.ProjectUUID
	dashed.project = p[0:8] + "-" + p[8:12] + "-" + p[12:16] + "-" + p[16:20] + "-" + p[20:]
	asURL := dashed
	asURL.offering = env.URL + "/api/marketplace-public-offerings/" + env.Seed.OfferingUUID + "/"
	asURL.attributes = `"{\"node_count\": 3, \"kubernetes_version\": \"1.30\", \"name\": \"acc-update\"}"`
	asURL.extra = "  terminate_on_destroy = true\n"
	renamed := asURL
	renamed.attributes = `jsonencode({ name = "acc-update-2", kubernetes_version = "1.30", node_count = 3 })`
	otherPlan := renamed
	otherPlan.plan = env.Seed.SecondPlanUUID

	var firstID string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config:           base.hcl(env),
				ConfigPlanChecks: acctest.EmptyPlanAfterApply,
				Check: func(s *terraform.State) error {
					firstID = s.RootModule().Resources[orderAddr].Primary.ID
					return nil
				},
			},
			{
				// Same objects, other spellings, reordered JSON and a
				// destroy-only flag: an in-place update that calls nothing.
				Config:           asURL.hcl(env),
				ConfigPlanChecks: acctest.PlanChecks(plancheck.ExpectResourceAction(orderAddr, plancheck.ResourceActionUpdate)),
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttrWith(orderAddr, "id", func(v string) error {
						if v != firstID {
							return fmt.Errorf("order replaced: %s → %s", firstID, v)
						}
						return nil
					}),
					resource.TestCheckResourceAttr(orderAddr, "project", dashed.project),
					resource.TestCheckResourceAttr(orderAddr, "terminate_on_destroy", "true"),
				),
			},
			{
				Config:           renamed.hcl(env),
				ConfigPlanChecks: acctest.PlanChecks(plancheck.ExpectResourceAction(orderAddr, plancheck.ResourceActionDestroyBeforeCreate)),
				Check: func(s *terraform.State) error {
					old, _ := env.Mock.Waldur().Order(firstID)
					res, ok := env.Mock.Waldur().Resource(old.MarketplaceResourceUUID)
					if !ok || res.State != "Terminated" {
						return fmt.Errorf("the replaced order's resource is %+v, want Terminated (terminate_on_destroy)", res)
					}
					return nil
				},
			},
			{
				Config:           otherPlan.hcl(env),
				ConfigPlanChecks: acctest.PlanChecks(plancheck.ExpectResourceAction(orderAddr, plancheck.ResourceActionDestroyBeforeCreate)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(orderAddr, tfjsonpath.New("plan_uuid"), knownvalue.StringExact(env.Seed.SecondPlanUUID)),
				},
			},
		},
	})
}

func TestAccWaldurOrder_approveAsConsumer(t *testing.T) {
	env := acctest.NewEnv(t)
	cfg := demoOrder(env, "acc-approve")
	cfg.offering = env.Seed.ConsumerApprovalOfferingUUID
	cfg.plan = ""
	cfg.extra = "  approve = true\n"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config:           cfg.hcl(env),
			ConfigPlanChecks: acctest.EmptyPlanAfterApply,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(orderAddr, tfjsonpath.New("state"), knownvalue.StringExact("done")),
				statecheck.ExpectKnownValue(orderAddr, tfjsonpath.New("consumer_reviewed_by"), knownvalue.NotNull()),
			},
		}},
	})
}

func TestAccWaldurOrder_disappears(t *testing.T) {
	env := acctest.NewEnv(t)
	cfg := demoOrder(env, "acc-disappears")
	var firstID string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: cfg.hcl(env),
				Check: func(s *terraform.State) error {
					firstID = s.RootModule().Resources[orderAddr].Primary.ID
					if !env.Mock.Waldur().DeleteOrder(firstID) {
						return fmt.Errorf("order %s not found in the mock", firstID)
					}
					return nil
				},
				// The refresh after apply finds the order gone: Terraform
				// plans to create it again instead of failing.
				ExpectNonEmptyPlan: true,
			},
			{
				Config:           cfg.hcl(env),
				ConfigPlanChecks: acctest.PlanChecks(plancheck.ExpectResourceAction(orderAddr, plancheck.ResourceActionCreate)),
				Check: resource.TestCheckResourceAttrWith(orderAddr, "id", func(v string) error {
					if v == firstID {
						return fmt.Errorf("the deleted order %s is still in state", v)
					}
					return nil
				}),
			},
		},
	})
}

func TestAccWaldurOrder_erred(t *testing.T) {
	env := acctest.NewEnv(t)
	cfg := orderOnNewOffering(env, "acc-erred", waldurmock.ApprovalAuto, waldurmock.OutcomeErred{Message: "Quota exceeded: the project has no more vCPUs"})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config:      cfg.hcl(env),
				ExpectError: acctest.ExpectError("erred", "Quota exceeded: the project has no more vCPUs", "tainted"),
			},
			// The erred order was kept in state (tainted), not orphaned:
			// the next plan replaces it.
			acctest.KeptTainted(cfg.hcl(env), orderAddr),
		},
	})
}

func TestAccWaldurOrder_rejectedByProvider(t *testing.T) {
	env := acctest.NewEnv(t)
	cfg := orderOnNewOffering(env, "acc-rejected", waldurmock.ApprovalProvider, waldurmock.OutcomeDone)
	stop := rejectPendingOrders(t, env, "Rejected: no capacity in this region")
	defer stop()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config:      cfg.hcl(env),
			ExpectError: acctest.ExpectError("rejected", "no capacity in this region"),
		}},
	})
}

// rejectPendingOrders plays the service provider who rejects every order
// that waits for it. It watches the mock until stopped.
func rejectPendingOrders(t *testing.T, env *acctest.Env, message string) (stop func()) {
	// It runs until stopped, not for a fixed time: under load a test may
	// reach its apply only after minutes.
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
			for _, o := range env.Mock.Waldur().Orders() {
				if o.State == "pending-provider" {
					if err := env.Mock.Waldur().SetOrderState(o.UUID, "rejected", message); err != nil {
						t.Errorf("rejecting order %s: %v", o.UUID, err)
					}
				}
			}
		}
	}()
	return func() { cancel(); <-done }
}

func TestAccWaldurOrder_timeoutWaitingForProvider(t *testing.T) {
	env := acctest.NewEnv(t)
	cfg := orderOnNewOffering(env, "acc-timeout", waldurmock.ApprovalProvider, waldurmock.OutcomeDone)
	cfg.extra = "  timeouts {\n    create = \"1s\"\n  }\n"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config:      cfg.hcl(env),
			ExpectError: acctest.ExpectError("timeout", "pending-provider", "service provider"),
		}},
		// Destroy deletes the order that still waits for approval.
		CheckDestroy: func(*terraform.State) error {
			if n := len(env.Mock.Waldur().Orders()); n != 0 {
				return fmt.Errorf("%d orders left in the mock after destroy, want the pending one deleted", n)
			}
			return nil
		},
	})
}

func TestAccWaldurOrder_cancelExecutingOnDestroy(t *testing.T) {
	env := acctest.NewEnv(t)
	cfg := orderOnNewOffering(env, "acc-cancel", waldurmock.ApprovalAuto, waldurmock.OutcomeStuck)
	cfg.extra = "  timeouts {\n    create = \"1s\"\n  }\n"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config:      cfg.hcl(env),
			ExpectError: acctest.ExpectError("timeout", "executing", "still provisioning"),
		}},
		CheckDestroy: func(*terraform.State) error {
			for _, o := range env.Mock.Waldur().Orders() {
				if o.State != "canceled" {
					return fmt.Errorf("order %s is %s after destroy, want canceled", o.UUID, o.State)
				}
			}
			return nil
		},
	})
}

func TestAccWaldurOrder_validation(t *testing.T) {
	env := acctest.NewEnv(t)
	good := demoOrder(env, "acc-validation")
	with := func(mutate func(*orderConfig)) string {
		c := good
		mutate(&c)
		return c.hcl(env)
	}
	cases := []struct {
		name   string
		config string
		want   []string
	}{
		{"bad project uuid", with(func(c *orderConfig) { c.project = "not-a-uuid" }), []string{"Invalid project", `"not-a-uuid" is neither a UUID nor a project URL`}},
		{"offering url of wrong kind", with(func(c *orderConfig) { c.offering = "https://h/api/projects/" + env.Seed.ProjectUUID + "/" }), []string{"Invalid offering", "not a Waldur offering URL"}},
		{"malformed attributes json", with(func(c *orderConfig) { c.attributes = `"{\"name\": "` }), []string{"attributes", "JSON"}},
		{"attributes not an object", with(func(c *orderConfig) { c.attributes = `jsonencode(["a"])` }), []string{"attributes", "must be a JSON object", "not an array"}},
		{"unknown type", with(func(c *orderConfig) { c.extra = "  type = \"Upgrade\"\n" }), []string{"type", "value must be one of"}},
		{"negative limit", with(func(c *orderConfig) { c.extra = "  limits = { cores = -1 }\n" }), []string{"limits", "at least 0"}},
		{"bad start date", with(func(c *orderConfig) { c.extra = "  start_date = \"31.12.2026\"\n" }), []string{"start_date", "YYYY-MM-DD"}},
		{"bad callback url", with(func(c *orderConfig) { c.extra = "  callback_url = \"example.com/hook\"\n" }), []string{"callback_url", "absolute http"}},
		{"plan of another offering", with(func(c *orderConfig) {
			c.plan = "https://h/api/marketplace-public-offerings/ffffffffffffffffffffffffffffffff/plans/" + env.Seed.PlanUUID + "/"
		}), []string{"Plan does not belong to the offering"}},
	}
	steps := make([]resource.TestStep, 0, len(cases))
	for _, tc := range cases {
		steps = append(steps, resource.TestStep{
			Config:      tc.config,
			PlanOnly:    true,
			ExpectError: acctest.ExpectError(tc.want...),
		})
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps:                    steps,
	})
	if n := len(env.Mock.Waldur().Orders()); n != 0 {
		t.Fatalf("invalid configurations placed %d orders", n)
	}
}

func TestAccWaldurOrder_missingProviderBlock(t *testing.T) {
	t.Setenv("CLOUDORDER_WALDUR_ENDPOINT", "")
	t.Setenv("CLOUDORDER_WALDUR_TOKEN", "")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: `
provider "cloudorder" {}

resource "cloudorder_waldur_order" "test" {
  project  = "0a1b2c3d4e5f67890a1b2c3d4e5f6789"
  offering = "0a1b2c3d4e5f67890a1b2c3d4e5f6789"
}
`,
			PlanOnly:    true,
			ExpectError: acctest.ExpectError("Waldur is not configured", `"waldur" block`, "CLOUDORDER_WALDUR_ENDPOINT"),
		}},
	})
}

func TestAccWaldurOrder_apiErrorMessage(t *testing.T) {
	env := acctest.NewEnv(t)
	cfg := demoOrder(env, "acc-api-error")
	cfg.plan = "ffffffffffffffffffffffffffffffff" // unknown plan: the API refuses it
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config:      cfg.hcl(env),
			ExpectError: acctest.ExpectError("Could not place the Waldur order", "400", "plan"),
		}},
	})
	if n := len(env.Mock.Waldur().Orders()); n != 0 {
		t.Fatalf("a refused order left %d orders in the mock", n)
	}
}

func TestAccWaldurOrder_transientErrorsAreRetried(t *testing.T) {
	env := acctest.NewEnv(t)
	env.Mock.InjectFault(mockcloud.Fault{Method: "GET", PathPrefix: "/api/marketplace-orders/", Status: 503, Count: 3})
	env.Mock.InjectFault(mockcloud.Fault{Method: "POST", PathPrefix: "/api/marketplace-orders/", Status: 429, Count: 2, RetryAfter: 50 * time.Millisecond})
	cfg := demoOrder(env, "acc-retry")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config:           cfg.hcl(env),
			ConfigPlanChecks: acctest.EmptyPlanAfterApply,
			Check: func(*terraform.State) error {
				if n := len(env.Mock.Waldur().Orders()); n != 1 {
					return fmt.Errorf("%d orders in the mock, want 1", n)
				}
				return nil
			},
		}},
	})
}

func TestAccWaldurOrder_lostCreateAnswerDoesNotDuplicate(t *testing.T) {
	env := acctest.NewEnv(t)
	// The server places the order, then the connection drops before the
	// answer: the provider must find the order instead of placing another.
	env.Mock.InjectFault(mockcloud.Fault{Method: "POST", PathPrefix: "/api/marketplace-orders/", DropAfterProcessing: true, Count: 1})
	cfg := demoOrder(env, "acc-lost-answer")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config:           cfg.hcl(env),
			ConfigPlanChecks: acctest.EmptyPlanAfterApply,
			Check: func(s *terraform.State) error {
				orders := env.Mock.Waldur().Orders()
				if len(orders) != 1 {
					return fmt.Errorf("%d orders in the mock, want exactly 1", len(orders))
				}
				if id := s.RootModule().Resources[orderAddr].Primary.ID; id != orders[0].UUID {
					return fmt.Errorf("state holds %s, the mock %s", id, orders[0].UUID)
				}
				return nil
			},
		}},
	})
}
