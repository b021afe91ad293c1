package api_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
	awaniomock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/awanio"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/cloud"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/mocktest"
)

// Creates whose answers arrive list nothing: N creates, at once, cost N
// POSTs and one read of the project's organization, not a list each
// (O(N²)).
func TestClientVMCreatesListNothing(t *testing.T) {
	c, m, seed := mockClient(t)
	g := api.ProjectGroup(seed.ProjectUUID)
	m.ResetCounters()
	each(t, []string{"a", "b", "c", "d", "e"}, func(ctx context.Context, name string) error {
		_, err := c.CreateVM(ctx, g, vmRequest(seed, name))
		return err
	})
	vms := awaniomock.AwanioPrefix + "/projects/" + seed.ProjectUUID + "/vms"
	if n := countRequests(m, http.MethodGet, vms); n != 0 {
		t.Fatalf("%d lists of the VMs; want none", n)
	}
	if n := countRequests(m, http.MethodPost, vms); n != 5 {
		t.Fatalf("%d POSTs; want 5", n)
	}
	if n := countRequests(m, http.MethodGet, awaniomock.AwanioPrefix+"/projects/"+seed.ProjectUUID); n != 1 {
		t.Fatalf("%d reads of the project; want one for its organization", n)
	}
}

// A lost answer costs one list, which finds the VM: no second POST, and
// nothing was listed before the create.
func TestClientVMCreateLostAnswerFoundWithoutSecondCreate(t *testing.T) {
	c, m, seed := mockClient(t)
	g := api.ProjectGroup(seed.ProjectUUID)
	vms := awaniomock.AwanioPrefix + "/projects/" + seed.ProjectUUID + "/vms"
	m.InjectFault(mockcloud.Fault{Method: http.MethodPost, PathPrefix: vms, DropAfterProcessing: true})
	m.ResetCounters()
	vm, err := c.CreateVM(t.Context(), g, vmRequest(seed, "lost"))
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Awanio().VMs(); len(got) != 1 || got[0].UUID != vm.UUID {
		t.Fatalf("mock holds %+v, want the one returned VM %s", got, vm.UUID)
	}
	if posts, lists := countRequests(m, http.MethodPost, vms), countRequests(m, http.MethodGet, vms); posts != 1 || lists != 1 {
		t.Fatalf("%d POSTs and %d lists; want 1 and 1 (the lookup)", posts, lists)
	}
}

// An older VM of the same title and hostname, made by another run (another
// client), is never adopted for a lost answer: the server's clock says it
// was created before the request arrived.
func TestClientVMCreateLostAnswerDoesNotAdoptAnOlderNamesake(t *testing.T) {
	clock, c, m, seed, older := afterAnotherRun(t, "same")
	g := api.ProjectGroup(seed.ProjectUUID)
	vms := awaniomock.AwanioPrefix + "/projects/" + seed.ProjectUUID + "/vms"
	clock.Advance(time.Minute)

	// The server made the VM and the answer was lost: the new one is
	// adopted, not the older one.
	m.InjectFault(mockcloud.Fault{Method: http.MethodPost, PathPrefix: vms, DropAfterProcessing: true})
	vm, err := c.CreateVM(t.Context(), g, vmRequest(seed, "same"))
	if err != nil {
		t.Fatal(err)
	}
	if vm.UUID == older.UUID || len(m.Awanio().VMs()) != 2 {
		t.Fatalf("adopted %s (the older is %s), mock holds %d VMs; want a new one of 2", vm.UUID, older.UUID, len(m.Awanio().VMs()))
	}

	// The connection dropped before the server acted: the lookup finds
	// only older namesakes, so the POST is sent again and makes a third.
	clock.Advance(time.Minute)
	m.InjectFault(mockcloud.Fault{Method: http.MethodPost, PathPrefix: vms, DropConnection: true})
	third, err := c.CreateVM(t.Context(), g, vmRequest(seed, "same"))
	if err != nil {
		t.Fatal(err)
	}
	if third.UUID == older.UUID || third.UUID == vm.UUID || len(m.Awanio().VMs()) != 3 {
		t.Fatalf("got %s (older %s, %s), mock holds %d VMs; want a third", third.UUID, older.UUID, vm.UUID, len(m.Awanio().VMs()))
	}
}

// A namesake made in the same second by another run cannot be told apart
// from the one a lost answer made: the create fails with both named, and
// neither is adopted nor made again.
func TestClientVMCreateLostAnswerSameSecondNamesakeFails(t *testing.T) {
	_, c, m, seed, _ := afterAnotherRun(t, "twin")
	g := api.ProjectGroup(seed.ProjectUUID)
	vms := awaniomock.AwanioPrefix + "/projects/" + seed.ProjectUUID + "/vms"
	m.InjectFault(mockcloud.Fault{Method: http.MethodPost, PathPrefix: vms, DropAfterProcessing: true})
	m.ResetCounters()
	_, err := c.CreateVM(t.Context(), g, vmRequest(seed, "twin"))
	if err == nil || !strings.Contains(err.Error(), "cannot tell which one this run created") {
		t.Fatalf("err %v; want the two candidates named", err)
	}
	if posts := countRequests(m, http.MethodPost, vms); posts != 1 || len(m.Awanio().VMs()) != 2 {
		t.Fatalf("%d POSTs, %d VMs; want 1 and 2", posts, len(m.Awanio().VMs()))
	}
}

// The baremetal create answer has no uuid: the server is found by one
// list after the POST, none before it.
func TestClientBaremetalCreateListsOnceAfter(t *testing.T) {
	c, m, seed := mockClient(t)
	g := api.OrganizationGroup(seed.OrganizationUUID)
	path := awaniomock.AwanioPrefix + "/organizations/" + seed.OrganizationUUID + "/baremetals"
	m.ResetCounters()
	b, err := c.CreateBaremetal(t.Context(), g, api.BaremetalCreateRequest{
		ServerCreate: api.ServerCreate{
			AuthenticationType: api.AuthenticationType{ID: api.AuthPassword, Key: "root", Value: "Passw0rd-long"},
			CatalogueUUID:      seed.BaremetalCatalogueUUID, Title: "bm", Hostname: "bm-1",
		},
		MachineName: seed.MachineName, BillingPeriod: "price_per_hour", ComputeSameConfig: 1,
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := m.Awanio().Baremetal(b.UUID); !ok || got.Hostname != "bm-1" {
		t.Fatalf("mock holds %+v (%v)", got, ok)
	}
	if posts, lists := countRequests(m, http.MethodPost, path), countRequests(m, http.MethodGet, path); posts != 1 || lists != 1 {
		t.Fatalf("%d POSTs and %d lists; want 1 and 1", posts, lists)
	}
}

func vmRequest(seed awaniomock.AwanioDemoSeed, name string) api.VMCreateRequest {
	return api.VMCreateRequest{
		ServerCreate: api.ServerCreate{
			AuthenticationType: api.AuthenticationType{ID: api.AuthPassword, Key: "awanio", Value: "Passw0rd-long"},
			CatalogueUUID:      seed.VMCatalogueUUID, Title: name, Hostname: name,
		},
		InstanceTypeUUID: seed.VMPricingUUID,
	}
}

// afterAnotherRun is a client on a mock with a fake clock, where another
// run (another client) has just made the VM name in the demo project.
func afterAnotherRun(t *testing.T, name string) (*mockcloud.FakeClock, *api.Client, *cloud.Server, awaniomock.AwanioDemoSeed, *api.VM) {
	t.Helper()
	clock := mockcloud.NewFakeClock(mocktest.Start)
	c, m, seed := mockClient(t, mockcloud.WithClock(clock))
	other, err := api.NewClient(api.Config{Endpoint: c.Endpoint(), Username: seed.Username, Password: seed.Password})
	if err != nil {
		t.Fatal(err)
	}
	older, err := other.CreateVM(t.Context(), api.ProjectGroup(seed.ProjectUUID), vmRequest(seed, name))
	if err != nil {
		t.Fatal(err)
	}
	return clock, c, m, seed, older
}

// countRequests counts the requests the mock received with method on
// exactly path, or below it when path ends in "/".
func countRequests(m *cloud.Server, method, path string) int {
	n := 0
	for _, r := range m.RequestLog() {
		below := strings.HasSuffix(path, "/") && strings.HasPrefix(r.Path, path)
		if r.Method == method && (below || strings.TrimSuffix(r.Path, "/") == path) {
			n++
		}
	}
	return n
}
