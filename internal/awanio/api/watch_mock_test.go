package api_test

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
	awaniomock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/awanio"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/mocktest"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waiter"
)

// The VM waits of one owner poll through the owner's list: while the VMs
// provision, none is read on its own; once deleted, each VM's own GET
// confirms it gone (its absence from a list does not).
func TestClientVMWaitsPollTheOwnersList(t *testing.T) {
	clock := mockcloud.NewFakeClock(mocktest.Start)
	poll := waiter.Options{MinInterval: time.Second, MaxInterval: time.Second, Jitter: -1, Clock: advancing{clock}}
	c, m, seed := mockClientPolling(t, poll, mockcloud.WithClock(clock),
		awaniomock.WithAwanioDelays(awaniomock.AwanioDelays{Provision: 10 * time.Second, Delete: 10 * time.Second}))
	g := api.ProjectGroup(seed.ProjectUUID)
	vmsPath := awaniomock.AwanioPrefix + "/projects/" + seed.ProjectUUID + "/vms"
	const n = 5
	ids := make([]string, n)
	for i := range ids {
		vm, err := c.CreateVM(t.Context(), g, vmRequest(seed, fmt.Sprintf("w%d", i)))
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = vm.UUID
	}

	m.ResetCounters()
	each(t, ids, func(ctx context.Context, id string) error {
		vm, err := c.WaitForVM(ctx, g, id)
		if err == nil && vm.Status != api.VMRunning {
			err = fmt.Errorf("status %s", vm.Status)
		}
		return err
	})
	if gets, lists := countRequests(m, http.MethodGet, vmsPath+"/"), countRequests(m, http.MethodGet, vmsPath); gets != 0 || lists == 0 {
		t.Fatalf("%d GETs of single VMs and %d lists; want only lists", gets, lists)
	}

	for _, id := range ids {
		if err := c.DeleteVM(t.Context(), g, id); err != nil {
			t.Fatal(err)
		}
	}
	m.ResetCounters()
	each(t, ids, func(ctx context.Context, id string) error { return c.WaitForVMGone(ctx, g, id) })
	if gets, lists := countRequests(m, http.MethodGet, vmsPath+"/"), countRequests(m, http.MethodGet, vmsPath); gets != n || lists == 0 {
		t.Fatalf("%d GETs of single VMs and %d lists; want lists, and one GET (its 404) per VM", gets, lists)
	}
	if left := m.Awanio().VMs(); len(left) != 0 {
		t.Fatalf("%d VMs left", len(left))
	}
}

// A VM the list does not show (here: the list fails) is read on its own:
// the wait still ends.
func TestClientVMWaitFallsBackToItsOwnGet(t *testing.T) {
	c, m, seed := mockClient(t)
	g := api.ProjectGroup(seed.ProjectUUID)
	vm, err := c.CreateVM(t.Context(), g, vmRequest(seed, "alone"))
	if err != nil {
		t.Fatal(err)
	}
	vmsPath := awaniomock.AwanioPrefix + "/projects/" + seed.ProjectUUID + "/vms"
	m.InjectFault(mockcloud.Fault{Method: http.MethodGet, PathPrefix: vmsPath, Status: http.StatusInternalServerError})
	m.ResetCounters()
	got, err := c.WaitForVM(t.Context(), g, vm.UUID)
	if err != nil || got.UUID != vm.UUID {
		t.Fatalf("got %+v, %v", got, err)
	}
	if gets := countRequests(m, http.MethodGet, vmsPath+"/"); gets != 1 {
		t.Fatalf("%d GETs of the VM; want the one fallback", gets)
	}
}

// advancing is a poll clock whose Sleep moves the mock's clock instead of
// waiting.
type advancing struct{ mock *mockcloud.FakeClock }

func (a advancing) Now() time.Time { return a.mock.Now() }

func (a advancing) Sleep(ctx context.Context, d time.Duration) error {
	a.mock.Advance(d)
	return ctx.Err()
}

// each runs f for every id at once and fails t on any error.
func each(t *testing.T, ids []string, f func(ctx context.Context, id string) error) {
	t.Helper()
	var wg sync.WaitGroup
	errs := make([]error, len(ids))
	for i, id := range ids {
		wg.Go(func() { errs[i] = f(t.Context(), id) })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("%s: %v", ids[i], err)
		}
	}
}
