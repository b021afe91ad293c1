// Package sharedmock runs many acceptance tests at the same time against
// ONE mock cloud, so that the race detector (make test runs go test
// -race) sees the provider's clients, waiters and caches, and the mock's
// stores, used concurrently across all three backends.
package sharedmock

import (
	"net/http/httptest"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest"
	awaniomock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/awanio"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/cloud"
	hostwaymock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/hostway"
	waldurmock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/waldur"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/reliability/typecases"
)

// shared is the one mock of this package, started in TestMain.
var shared *acctest.Env

func TestMain(m *testing.M) {
	mock := cloud.New(
		waldurmock.WithWaldurDelays(waldurmock.WaldurDelays{Executing: acctest.ExecutingDelay}),
		awaniomock.WithAwanioDelays(awaniomock.AwanioDelays{Provision: acctest.AwanioDelay, Delete: acctest.AwanioDelay}),
		hostwaymock.WithHostwayDelays(acctest.HostwayDelays),
	)
	seed := cloud.SeedDemo(mock)
	srv := httptest.NewServer(mock.Handler())
	shared = &acctest.Env{Mock: mock, URL: srv.URL, Seed: seed}
	code := m.Run()
	srv.Close()
	os.Exit(code)
}

// parallelCase is one acceptance test of the shared run.
type parallelCase struct {
	name string
	typ  string
	// project makes the case use a project of its own: object storage
	// and Kubernetes clusters are one per project.
	ownProject bool
}

// parallelCases span the three backends; two of a type exercise the same
// code paths at once.
var parallelCases = []parallelCase{
	{name: "waldur-a", typ: "cloudorder_waldur_order"},
	{name: "waldur-b", typ: "cloudorder_waldur_order"},
	{name: "waldur-c", typ: "cloudorder_waldur_order"},
	{name: "hostway-a", typ: "cloudorder_hostway_vps"},
	{name: "hostway-b", typ: "cloudorder_hostway_vps"},
	{name: "awanio-org", typ: "cloudorder_awanio_organization"},
	{name: "awanio-vpc", typ: "cloudorder_awanio_vpc"},
	{name: "awanio-volume", typ: "cloudorder_awanio_volume"},
	{name: "awanio-vm", typ: "cloudorder_awanio_virtual_machine"},
	{name: "awanio-bucket", typ: "cloudorder_awanio_bucket", ownProject: true},
	{name: "awanio-k8s", typ: "cloudorder_awanio_kubernetes_cluster", ownProject: true},
}

// minConcurrent is how many cases must be applying at the same moment.
const minConcurrent = 8

// TestAccParallel_sharedMock applies, checks for an empty plan and
// destroys every case at the same time against the shared mock. The
// cases are started from goroutines (t.Run may be called concurrently)
// instead of with t.Parallel: go test runs at most -parallel (GOMAXPROCS,
// 2 on CI) parallel tests at once, and this test needs at least
// minConcurrent in flight, which it measures and asserts. Afterwards the
// mock must hold none of the cases' objects.
func TestAccParallel_sharedMock(t *testing.T) {
	acctest.SkipUnlessAcc(t) // the cases would skip, and the counts below fail
	t.Parallel()
	env := shared
	before := counts(env)

	var inFlight, maxInFlight atomic.Int32
	// ready lets every case start its apply together, so that they overlap
	// by construction rather than by timing.
	var ready sync.WaitGroup
	ready.Add(len(parallelCases))
	var wg sync.WaitGroup
	start := time.Now()
	for _, pc := range parallelCases {
		wg.Add(1)
		go func() {
			defer wg.Done()
			t.Run(pc.name, func(t *testing.T) {
				p := typecases.DefaultParams(env, "shared-"+pc.name)
				if pc.ownProject {
					p.AwanioProject = env.Mock.Awanio().AddProject(awaniomock.AwanioProjectSpec{
						Name: "shared " + pc.name, OrganizationUUID: env.Seed.Awanio.OrganizationUUID, OwnerUUID: env.Seed.Awanio.UserUUID,
					}).UUID
				}
				cfg := typecases.ProviderConfig(env) + typecases.ConfigFor(env, pc.typ, p)
				started := false
				defer func() {
					if !started {
						ready.Done() // a case that failed early must not hold the others
					}
				}()
				resource.Test(t, resource.TestCase{
					ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
					Steps: []resource.TestStep{{
						PreConfig: func() {
							started = true
							ready.Done()
							ready.Wait()
							n := inFlight.Add(1)
							for m := maxInFlight.Load(); n > m && !maxInFlight.CompareAndSwap(m, n); m = maxInFlight.Load() {
							}
						},
						Config: cfg,
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
						},
						Check: func(*terraform.State) error { inFlight.Add(-1); return nil },
					}},
				})
			})
		}()
	}
	wg.Wait()
	t.Logf("%d cases against one mock in %v; at most %d applying at once",
		len(parallelCases), time.Since(start).Round(time.Millisecond), maxInFlight.Load())
	if t.Failed() {
		return
	}
	if got := maxInFlight.Load(); got < minConcurrent {
		t.Errorf("at most %d cases were applying at once, want at least %d", got, minConcurrent)
	}
	after := counts(env)
	for what, n := range after {
		if n != before[what] {
			t.Errorf("%s: %d before the cases, %d after they were destroyed", what, before[what], n)
		}
	}
}

// counts are the mock's live objects that the cases create and destroy.
func counts(env *acctest.Env) map[string]int {
	open := 0
	for _, p := range env.Mock.Hostway().Products(env.Seed.Hostway.AccountNumber) {
		if p.Status != "closed" {
			open++
		}
	}
	out := map[string]int{
		"Hostway products not closed": open,
		"Awanio organizations":        len(env.Mock.Awanio().Organizations()),
		"Awanio VPCs":                 len(env.Mock.Awanio().VPCs()),
		"Awanio volumes":              len(env.Mock.Awanio().Volumes()),
		"Awanio VMs":                  len(env.Mock.Awanio().VMs()),
	}
	return out
}
