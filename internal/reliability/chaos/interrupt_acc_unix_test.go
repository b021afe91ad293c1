//go:build unix

package chaos

import (
	"os"
	"testing"
)

func TestAccInterrupt_SIGINTWaldurOrder(t *testing.T) { runInterrupt(t, "cloudorder_waldur_order") }

func TestAccInterrupt_SIGINTAwanioVirtualMachine(t *testing.T) {
	runInterrupt(t, "cloudorder_awanio_virtual_machine")
}

func TestAccInterrupt_SIGKILLWaldurOrder(t *testing.T) { runKill(t, "cloudorder_waldur_order") }

func TestAccInterrupt_SIGKILLAwanioVirtualMachine(t *testing.T) {
	runKill(t, "cloudorder_awanio_virtual_machine")
}

func TestAccInterrupt_SIGKILLLostAnswerWaldurOrder(t *testing.T) {
	runKillLostAnswer(t, "cloudorder_waldur_order")
}

func TestAccInterrupt_SIGKILLLostAnswerWaldurKubernetesCluster(t *testing.T) {
	runKillLostAnswer(t, "cloudorder_waldur_kubernetes_cluster")
}

func TestAccInterrupt_SIGKILLLostAnswerAwanioVirtualMachine(t *testing.T) {
	runKillLostAnswer(t, "cloudorder_awanio_virtual_machine")
}

// mockKillAllEnv, set to 1, runs TestAccMockKill for every resource type
// (about 90 s more on two CPUs) instead of one type per backend.
const mockKillAllEnv = "CLOUDORDER_CHAOS_MOCK_KILL_ALL"

// mockKillKinds are the types TestAccMockKill runs by default: one per
// backend.
var mockKillKinds = map[string]bool{
	"cloudorder_waldur_order":           true,
	"cloudorder_awanio_virtual_machine": true,
	"cloudorder_hostway_vps":            true,
}

// TestAccMockKill kills the mock (SIGKILL) and restarts it from its state
// file in the middle of an apply and of a destroy, for one resource type
// of each backend (every type with CLOUDORDER_CHAOS_MOCK_KILL_ALL=1); see
// runMockKill.
func TestAccMockKill(t *testing.T) {
	all := os.Getenv(mockKillAllEnv) == "1"
	forEachKind(t, func(t *testing.T, kindName string) {
		if !all && !mockKillKinds[kindName] {
			t.Skipf("one type per backend; %s=1 runs every type", mockKillAllEnv)
		}
		runMockKill(t, kindName)
	})
}
