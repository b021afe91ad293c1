package api

import (
	"context"
	"strings"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/watch"
)

// The waits of one owner's VMs share their polls (internal/watch): the
// owner's VM list answers every VM waiting at that moment, so N VMs that
// provision together cost a few lists, not N GETs per poll. The waiter and
// its Learner still decide when each wait looks.
//
// The list cannot answer for a VM it does not show: not yet visible, on a
// page that moved under a concurrent create, or gone. That wait then reads
// the VM itself, and only that GET's 404 says the VM is gone, never its
// absence from a list.
//
// Baremetal servers are not watched: their list (like their GET) shows
// "status": null, and the status has an endpoint per server
// (BaremetalStatus), so no list can answer a baremetal wait.

// newVMWatch is the VM watcher of c: full lists (Awanio's list has no
// "changed since" filter), all pages.
func newVMWatch(c *Client) *watch.Watcher[Group, VM] {
	list := func(ctx context.Context, g Group, _ string) ([]VM, string, error) {
		vms, err := c.ListVMs(ctx, g)
		return vms, "", err
	}
	return watch.New(list, func(v VM) string { return strings.ToLower(v.UUID) }, watch.Options{Clock: c.cfg.Poll.Clock})
}

// watchedVM is the VM as the owner's next list shows it, or as its own GET
// does when the list cannot answer.
func (c *Client) watchedVM(ctx context.Context, g Group, id string) (*VM, error) {
	if c.cfg.Poll.Solo {
		return c.GetVM(ctx, g, id)
	}
	vm, ok, err := c.vms.Get(ctx, g, strings.ToLower(id))
	if err == nil && ok {
		return &vm, nil
	}
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	return c.GetVM(ctx, g, id)
}

// forgetVM ends the watch of a VM whose wait ended.
func (c *Client) forgetVM(g Group, id string) { c.vms.Forget(g, strings.ToLower(id)) }
