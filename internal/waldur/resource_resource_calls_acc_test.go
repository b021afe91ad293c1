package waldur_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
)

// wantCallSequence is the Waldur side of one create → update → destroy
// cycle, as api-reference.md §1 describes it: a Create order polled to
// done, then the marketplace resource read; switch_plan and update_limits
// each answer an order_uuid that is polled to done before the resource is
// read again; terminate likewise, then the resource is read until
// Terminated. Repeated polls of one route count once; an order may also
// be polled through its project's list of changed orders (the shared
// wait), which counts as its GET.
var wantCallSequence = []string{
	"POST /api/marketplace-orders/",
	"GET /api/marketplace-orders/{uuid}/",
	"GET /api/marketplace-resources/{uuid}/",
	"POST /api/marketplace-resources/{uuid}/switch_plan/",
	"GET /api/marketplace-orders/{uuid}/",
	"GET /api/marketplace-resources/{uuid}/",
	"POST /api/marketplace-resources/{uuid}/update_limits/",
	"GET /api/marketplace-orders/{uuid}/",
	"GET /api/marketplace-resources/{uuid}/",
	"POST /api/marketplace-resources/{uuid}/terminate/",
	"GET /api/marketplace-orders/{uuid}/",
	"GET /api/marketplace-resources/{uuid}/",
}

const (
	orderPoll       = "GET /api/marketplace-orders/{uuid}/"
	sharedOrderPoll = "GET /api/marketplace-orders/"
)

func TestAccWaldurResource_callSequence(t *testing.T) {
	env := acctest.NewEnv(t)
	base := demoResource(env, "acc-calls")
	updated := base
	updated.plan = env.Seed.SecondPlanUUID
	updated.extra = "  limits = { cpu = 4 }\n"
	var resourceUUID string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: base.hcl(env),
				Check: func(s *terraform.State) error {
					resourceUUID = s.RootModule().Resources[resourceAddr].Primary.ID
					return nil
				},
			},
			{Config: updated.hcl(env)},
		},
		CheckDestroy: func(*terraform.State) error {
			return checkCallSequence(env.Mock.RequestLog(), resourceUUID)
		},
	})
}

// checkCallSequence compares the logged Waldur calls with wantCallSequence
// and checks that each succeeded and that every resource call addressed
// the one resource.
func checkCallSequence(log []mockcloud.LoggedRequest, resourceUUID string) error {
	var got []string
	var lines []string
	for _, r := range log {
		if !strings.HasPrefix(r.Path, "/api/") {
			continue
		}
		lines = append(lines, fmt.Sprintf("%d %s %s", r.Status, r.Method, r.Path))
		if r.Status < 200 || r.Status > 299 {
			return fmt.Errorf("call %s %s answered %d; calls:\n%s", r.Method, r.Path, r.Status, strings.Join(lines, "\n"))
		}
		if strings.HasPrefix(r.Path, "/api/marketplace-resources/") && !strings.HasPrefix(r.Path, "/api/marketplace-resources/"+resourceUUID+"/") {
			return fmt.Errorf("call %s %s is not about resource %s", r.Method, r.Path, resourceUUID)
		}
		route := r.Route
		if route == sharedOrderPoll && strings.Contains(r.Query, "modified=") {
			// The shared wait polls the project's changed orders in one
			// list (issue 15): the same step as the order's own GET.
			route = orderPoll
		}
		if len(got) == 0 || got[len(got)-1] != route {
			got = append(got, route)
		}
	}
	if strings.Join(got, "\n") != strings.Join(wantCallSequence, "\n") {
		return fmt.Errorf("Waldur call sequence:\n  %s\nwant:\n  %s\nall calls:\n%s",
			strings.Join(got, "\n  "), strings.Join(wantCallSequence, "\n  "), strings.Join(lines, "\n"))
	}
	return nil
}
