package acctest

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
)

// EmptyPlanAfterApply is the check every apply step carries: after apply
// and refresh, planning the same configuration again changes nothing.
// Steps with checks before apply too use PlanChecks.
var EmptyPlanAfterApply = resource.ConfigPlanChecks{
	PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
}

// PlanChecks runs pre on the plan before apply, and expects an empty plan
// after apply and refresh, as EmptyPlanAfterApply does.
func PlanChecks(pre ...plancheck.PlanCheck) resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{
		PreApply:             pre,
		PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
	}
}

// KeptTainted is the step after an apply whose create failed once the
// object existed: the object is kept in the state as tainted (not
// orphaned), with the attributes named set, and planning config again
// replaces it. (A PlanOnly step runs plan checks but not Check: the
// state is read from the plan, whose "before" is the state.)
func KeptTainted(config, addr string, attrs ...string) resource.TestStep {
	return resource.TestStep{
		Config:             config,
		PlanOnly:           true,
		ExpectNonEmptyPlan: true,
		ConfigPlanChecks: resource.ConfigPlanChecks{
			PostApplyPostRefresh: []plancheck.PlanCheck{replacedAsTainted{addr: addr, attrs: attrs}},
		},
	}
}

// replacedAsTainted checks that the plan replaces addr although no
// attribute asks for it (no replace paths), as it does a tainted object,
// and that the object's state has attrs set.
type replacedAsTainted struct {
	addr  string
	attrs []string
}

func (c replacedAsTainted) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != c.addr || rc.Change == nil {
			continue
		}
		if !rc.Change.Actions.Replace() || len(rc.Change.ReplacePaths) > 0 {
			resp.Error = fmt.Errorf("%s is not kept as tainted in the state: the plan %v it (replace paths %v)", c.addr, rc.Change.Actions, rc.Change.ReplacePaths)
			return
		}
		before, _ := rc.Change.Before.(map[string]any)
		for _, a := range c.attrs {
			if v, _ := before[a].(string); v == "" {
				resp.Error = fmt.Errorf("%s is tainted in the state without %s: %v", c.addr, a, before)
				return
			}
		}
		return
	}
	resp.Error = fmt.Errorf("%s is not in the plan: it was not kept in the state", c.addr)
}
