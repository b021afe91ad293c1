package chaos

import "testing"

// One test per resource type, so that `go test -run` can pick one and the
// summary names it. Each runs runChaos; see scenario_test.go.

func TestAccChaos_WaldurOrder(t *testing.T) { runChaos(t, "cloudorder_waldur_order") }
