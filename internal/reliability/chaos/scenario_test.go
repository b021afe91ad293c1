package chaos

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
	awaniomock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/awanio"
	hostwaymock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/hostway"
)

// SlowResponse is how long a slow answer takes: longer than the test
// provider's per-request timeout (cmd/chaos-testprovider RequestTimeout, 1s), so the
// client gives up on it.
const SlowResponse = 2 * time.Second

// defaultCount is how many resources each kind's configuration holds.
const defaultCount = 3

// retryAfter is what throttled answers ask for: the smallest whole second.
const retryAfter = time.Second

// backendPrefix is the path prefix of the API that serves a create path.
func backendPrefix(createPath string) string {
	for _, p := range []string{awaniomock.AwanioPrefix + "/", hostwaymock.HostwayPrefix + "/"} {
		if strings.HasPrefix(createPath, p) {
			return p
		}
	}
	return "/api/"
}

// at aims a fault at the requests that m matches.
func at(m mockcloud.Fault, f mockcloud.Fault) mockcloud.Fault {
	f.Method, f.PathPrefix, f.BodyContains = m.Method, m.PathPrefix, m.BodyContains
	return f
}

// createFaults is every way the answer to a create can go wrong. They are
// consumed in this order, one per create request: throttling first (the
// client retries it, as the server did nothing), then answers whose outcome
// is unknown to the client (the provider must look before it creates again).
// What the first apply leaves is consumed by the applies that converge, so
// every one of them hits a create.
func createFaults(create mockcloud.Fault) []mockcloud.Fault {
	return []mockcloud.Fault{
		at(create, mockcloud.Fault{Status: http.StatusTooManyRequests, RetryAfter: retryAfter}),
		at(create, mockcloud.Fault{DropAfterProcessing: true}),
		at(create, mockcloud.Fault{DropConnection: true}),
		at(create, mockcloud.Fault{Latency: SlowResponse, LateAnswer: true}),
		at(create, mockcloud.Fault{Latency: SlowResponse}),
		at(create, mockcloud.Fault{Status: http.StatusBadGateway}),
		at(create, mockcloud.Fault{Status: http.StatusInternalServerError}),
	}
}

// readFaults hit the reads and polls of the backend.
func readFaults(prefix string) []mockcloud.Fault {
	get := mockcloud.Fault{Method: http.MethodGet, PathPrefix: prefix}
	return []mockcloud.Fault{
		at(get, mockcloud.Fault{Status: http.StatusTooManyRequests, RetryAfter: retryAfter, Count: 2}),
		at(get, mockcloud.Fault{Status: http.StatusServiceUnavailable, RetryAfter: retryAfter}),
		at(get, mockcloud.Fault{Status: http.StatusBadGateway, Count: 2}),
		at(get, mockcloud.Fault{DropConnection: true, Count: 2}),
		at(get, mockcloud.Fault{Latency: SlowResponse}),
		at(get, mockcloud.Fault{Status: http.StatusInternalServerError}),
	}
}

// deleteFaults hit the destroy: answers lost after the delete happened,
// throttling and gateway errors.
func deleteFaults(prefix string) []mockcloud.Fault {
	del := mockcloud.Fault{Method: http.MethodDelete, PathPrefix: prefix}
	return []mockcloud.Fault{
		at(del, mockcloud.Fault{Status: http.StatusTooManyRequests, RetryAfter: retryAfter}),
		at(del, mockcloud.Fault{DropAfterProcessing: true}),
		at(del, mockcloud.Fault{Status: http.StatusServiceUnavailable}),
	}
}

// runChaos is the whole chaos test of one kind:
//  1. apply n resources while the create, read and poll requests fail in
//     every way the suite knows and (where the kind can) one order errs;
//  2. apply again until converged with an empty plan;
//  3. delete one object out of band; an apply must recreate it;
//  4. destroy while deletes fail; nothing may be left.
//
// After every terraform run the mock must match the state exactly.
func runChaos(t *testing.T, kindName string) {
	t.Parallel()
	kind := lookup(kindName)
	r := newRun(t, kind, defaultCount)
	mock := r.env.Mock

	create := kind.Create(r.env)
	prefix := backendPrefix(create.PathPrefix)
	for _, f := range append(createFaults(create), readFaults(prefix)...) {
		mock.InjectFault(f)
	}
	undo := func() {}
	if kind.Fail != nil {
		undo = kind.Fail(r.env, objectName(0))
	}
	r.apply("apply under faults")
	undo()
	r.converge("converge after faults")
	requireInjected(t, mock.RequestLog(), create, createFaults(create))
	mock.ClearFaults()
	before := r.requireTracked("after converging")

	if !kind.Delete(r.env, before[0].ID) {
		t.Fatalf("deleting %s (%s) out of band: not found in the mock", before[0].Address, before[0].ID)
	}
	if r.planEmpty() {
		t.Fatalf("the plan is empty although %s was deleted out of band", before[0].Address)
	}
	r.converge("recreate after out-of-band delete")
	after := r.requireTracked("after recreating")
	for _, e := range after {
		if !kind.ReusesID && e.Address == before[0].Address && canonicalID(e.ID) == canonicalID(before[0].ID) {
			t.Fatalf("%s still tracks the deleted object %s", e.Address, e.ID)
		}
	}

	for _, f := range deleteFaults(prefix) {
		mock.InjectFault(f)
	}
	r.destroy()
}

// requireInjected fails unless every fault aimed at the create request
// hit it: a suite whose faults miss their target proves nothing.
func requireInjected(t *testing.T, log []mockcloud.LoggedRequest, create mockcloud.Fault, faults []mockcloud.Fault) {
	t.Helper()
	hit := map[string]int{}
	for _, e := range log {
		if e.Fault != "" && e.Method == create.Method && strings.HasPrefix(e.Path, create.PathPrefix) {
			hit[e.Fault]++
		}
	}
	for _, f := range faults {
		if hit[faultKind(f)] == 0 {
			t.Errorf("no %s fault hit %s %s* (hits: %v)", faultKind(f), create.Method, create.PathPrefix, hit)
		}
	}
}

// faultKind is how the mock's request log names a fault.
func faultKind(f mockcloud.Fault) string {
	switch {
	case f.DropConnection:
		return "drop"
	case f.DropAfterProcessing:
		return "drop-after-processing"
	case f.LateAnswer:
		return "late-answer"
	case f.Status != 0:
		return fmt.Sprintf("status-%d", f.Status)
	}
	return "latency"
}
