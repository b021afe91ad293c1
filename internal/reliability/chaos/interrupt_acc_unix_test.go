//go:build unix

package chaos

import (
	"sort"
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

// TestAccMockKill kills the mock (SIGKILL) and restarts it from its state
// file in the middle of an apply and of a destroy, for every resource
// type; see runMockKill.
func TestAccMockKill(t *testing.T) {
	names := make([]string, 0, len(kinds))
	for name := range kinds {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		t.Run(name, func(t *testing.T) { runMockKill(t, name) })
	}
}
