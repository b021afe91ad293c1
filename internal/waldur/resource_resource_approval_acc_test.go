package waldur_test

import (
	"fmt"
	"testing"

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

func TestAccWaldurResource_approvalByProvider(t *testing.T) {
	env := acctest.NewEnv(t)
	cfg, _ := resourceOnNewOffering(env, "acc-provider", waldurmock.ApprovalConsumerAndProvider, waldurmock.OutcomeDone)
	cfg.extra = "  approve             = true\n  approve_as_provider = true\n"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config:           cfg.hcl(env),
			ConfigPlanChecks: acctest.EmptyPlanAfterApply,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(resourceAddr, tfjsonpath.New("state"), knownvalue.StringExact("OK")),
				statecheck.ExpectKnownValue(resourceAddr, tfjsonpath.New("approve_as_provider"), knownvalue.Bool(true)),
			},
			Check: func(s *terraform.State) error {
				r, err := mockResource(env, s, resourceAddr)
				if err != nil {
					return err
				}
				o, _ := env.Mock.Waldur().Order(r.CreationOrderUUID)
				if o.ConsumerReviewedBy != env.Seed.Username || o.ProviderReviewedBy != env.Seed.Username {
					return fmt.Errorf("Create order reviewed by consumer %q and provider %q, want %q for both", o.ConsumerReviewedBy, o.ProviderReviewedBy, env.Seed.Username)
				}
				return nil
			},
		}},
		// The Terminate order of this offering also waits for the provider:
		// destroy approves it too.
		CheckDestroy: func(*terraform.State) error {
			for _, r := range env.Mock.Waldur().Resources() {
				if r.State != "Terminated" {
					return fmt.Errorf("resource %s is %s after destroy", r.UUID, r.State)
				}
			}
			return nil
		},
	})
}

func TestAccWaldurResource_approveAsProviderWithoutRole(t *testing.T) {
	env := acctest.NewEnv(t)
	cfg, _ := resourceOnNewOffering(env, "acc-no-role", waldurmock.ApprovalProvider, waldurmock.OutcomeDone)
	cfg.provider = acctest.WaldurProviderConfig(env.URL, env.Seed.ConsumerToken)
	cfg.extra = "  approve_as_provider = true\n"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		CheckDestroy: func(*terraform.State) error {
			for _, r := range env.Mock.Waldur().Resources() {
				if r.State != "Terminated" {
					return fmt.Errorf("resource %s is %s after destroy", r.UUID, r.State)
				}
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config:      cfg.hcl(env),
				ExpectError: acctest.ExpectError("approving order", "as service provider", "403", "You do not have permission", "tainted"),
			},
			acctest.KeptTainted(cfg.hcl(env), resourceAddr),
		},
	})
}

func TestAccWaldurResource_timeoutWaitingForProvider(t *testing.T) {
	env := acctest.NewEnv(t)
	cfg, _ := resourceOnNewOffering(env, "acc-wait-provider", waldurmock.ApprovalProvider, waldurmock.OutcomeDone)
	cfg.extra = "  timeouts {\n    create = \"1s\"\n  }\n"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config:      cfg.hcl(env),
			ExpectError: acctest.ExpectError("timeout", "pending-provider", "service provider", "approve_as_provider = true", "tainted"),
		}},
		// Destroy withdraws the resource by deleting its Create order,
		// which waits for an approval that may never come.
		CheckDestroy: func(*terraform.State) error {
			if n := len(env.Mock.Waldur().Orders()); n != 0 {
				return fmt.Errorf("%d orders left after destroy, want the pending Create order deleted", n)
			}
			for _, r := range env.Mock.Waldur().Resources() {
				if r.State != "Terminated" {
					return fmt.Errorf("resource %s is %s after destroy", r.UUID, r.State)
				}
			}
			return nil
		},
	})
}

func TestAccWaldurResource_erredCreateOrder(t *testing.T) {
	env := acctest.NewEnv(t)
	cfg, offering := resourceOnNewOffering(env, "acc-erred", waldurmock.ApprovalAuto, waldurmock.OutcomeErred{Message: "Quota exceeded: the project has no more vCPUs"})
	var erredID string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config:      cfg.hcl(env),
				ExpectError: acctest.ExpectError("Create order", "erred", "Quota exceeded: the project has no more vCPUs", "tainted"),
			},
			{
				// Kept (tainted), not orphaned; once the provider works
				// again the next apply terminates the Erred resource and
				// creates a new one.
				PreConfig: func() {
					rs := env.Mock.Waldur().Resources()
					if len(rs) != 1 || rs[0].State != "Erred" {
						t.Fatalf("mock resources after the erred create: %+v", rs)
					}
					erredID = rs[0].UUID
					if err := env.Mock.Waldur().SetOfferingOutcome(offering.UUID, waldurmock.OutcomeDone); err != nil {
						t.Fatal(err)
					}
				},
				Config:           cfg.hcl(env),
				ConfigPlanChecks: acctest.PlanChecks(plancheck.ExpectResourceAction(resourceAddr, plancheck.ResourceActionDestroyBeforeCreate)),
				Check: func(s *terraform.State) error {
					old, _ := env.Mock.Waldur().Resource(erredID)
					if old.State != "Terminated" {
						return fmt.Errorf("the erred resource is %s, want Terminated", old.State)
					}
					return nil
				},
			},
		},
	})
}

func TestAccWaldurResource_rejectedByProvider(t *testing.T) {
	env := acctest.NewEnv(t)
	cfg, _ := resourceOnNewOffering(env, "acc-rejected", waldurmock.ApprovalProvider, waldurmock.OutcomeDone)
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

func TestAccWaldurResource_waitsForPendingOrder(t *testing.T) {
	env := acctest.NewEnv(t)
	base := demoResource(env, "acc-busy")
	switched := base
	switched.plan = env.Seed.SecondPlanUUID
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: base.hcl(env),
				Check: func(s *terraform.State) error {
					id = s.RootModule().Resources[resourceAddr].Primary.ID
					return nil
				},
			},
			{
				// Twice Waldur says another order came first (409): the
				// switch waits and tries again instead of failing.
				PreConfig: func() {
					env.Mock.ResetCounters()
					env.Mock.InjectFault(mockcloud.Fault{
						Method: "POST", PathPrefix: "/api/marketplace-resources/" + id + "/switch_plan/", Status: 409, Count: 2,
						Body: `{"detail":"Resource already has an order in progress."}`,
					})
				},
				Config:           switched.hcl(env),
				ConfigPlanChecks: acctest.PlanChecks(plancheck.ExpectResourceAction(resourceAddr, plancheck.ResourceActionUpdate)),
				Check: func(s *terraform.State) error {
					var statuses []int
					for _, r := range env.Mock.RequestLog() {
						if r.Route == "POST /api/marketplace-resources/{uuid}/switch_plan/" {
							statuses = append(statuses, r.Status)
						}
					}
					if fmt.Sprint(statuses) != "[409 409 200]" {
						return fmt.Errorf("switch_plan answers %v, want [409 409 200]", statuses)
					}
					r, err := mockResource(env, s, resourceAddr)
					if err != nil {
						return err
					}
					if r.PlanUUID != env.Seed.SecondPlanUUID {
						return fmt.Errorf("plan %s after the switch", r.PlanUUID)
					}
					return nil
				},
			},
		},
	})
}
