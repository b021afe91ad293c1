//go:build unix

package chaos

import "testing"

func TestAccInterrupt_SIGINTWaldurOrder(t *testing.T) { runInterrupt(t, "cloudorder_waldur_order") }

func TestAccInterrupt_SIGINTAwanioVirtualMachine(t *testing.T) {
	runInterrupt(t, "cloudorder_awanio_virtual_machine")
}

func TestAccInterrupt_SIGKILLWaldurOrder(t *testing.T) { runKill(t, "cloudorder_waldur_order") }

func TestAccInterrupt_SIGKILLAwanioVirtualMachine(t *testing.T) {
	runKill(t, "cloudorder_awanio_virtual_machine")
}

// TestAccMockKill kills the mock (SIGKILL) and restarts it from its state
// file in the middle of an apply and of a destroy, for every resource
// type; see runMockKill.
func TestAccMockKill(t *testing.T) {
	forEachKind(t, runMockKill)
}
