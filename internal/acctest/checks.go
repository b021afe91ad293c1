package acctest

import (
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
