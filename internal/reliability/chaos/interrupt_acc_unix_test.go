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

// The mock killed (SIGKILL) and restarted from its state file in the middle
// of an apply and of a destroy; see runMockKill.

func TestAccMockKill_WaldurOrder(t *testing.T) { runMockKill(t, "cloudorder_waldur_order") }

func TestAccMockKill_AwanioVirtualMachine(t *testing.T) {
	runMockKill(t, "cloudorder_awanio_virtual_machine")
}

func TestAccMockKill_HostwayVPS(t *testing.T) { runMockKill(t, "cloudorder_hostway_vps") }
