package contract

import (
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
)

func mustChecker(t *testing.T) *Checker {
	t.Helper()
	c, err := NewChecker()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// CoverageCheckEnv names the folder of a finished acceptance run's
// coverage (scripts/test.sh sets it, after the run, for these tests only).
const coverageCheckEnv = "CLOUDORDER_CONTRACT_COVERAGE_CHECK"

// TestConformanceWaldur, TestConformanceAwanio and TestConformanceHostway
// add up what the checked mocks of the whole acceptance run saw (every
// resource type and data source is applied there): every request the
// provider sent and every answer the mock gave was validated against the
// contract, and every operation in scope was exercised unless the
// contract names it client-only.
func TestConformanceWaldur(t *testing.T)  { testConformance(t, Waldur) }
func TestConformanceAwanio(t *testing.T)  { testConformance(t, Awanio) }
func TestConformanceHostway(t *testing.T) { testConformance(t, Hostway) }

func testConformance(t *testing.T, api string) {
	dir := os.Getenv(coverageCheckEnv)
	if dir == "" {
		t.Skipf("%s is not set: scripts/test.sh runs this after the acceptance tests (make test)", coverageCheckEnv)
	}
	ct, err := Load(api)
	if errors.Is(err, ErrNoContract) {
		// TODO(issue 13): fatal once hostway.yaml and awanio.yaml land.
		t.Skipf("%s has no contract file %s yet", api, File(api))
	}
	if err != nil {
		t.Fatal(err)
	}
	all, err := ReadCoverage(dir)
	if err != nil {
		t.Fatal(err)
	}
	cv := all[api]
	if cv == nil {
		t.Fatalf("no %s traffic was recorded in %s: did the acceptance tests run with TF_ACC=1?", api, dir)
	}
	ops := ct.Operations()
	exercised, clientOnly := 0, 0
	var missing []string
	for _, op := range ops {
		switch {
		case cv.Exercised(op.ID):
			exercised++
		case ct.ClientOnly(op) != "":
			clientOnly++
		default:
			missing = append(missing, fmt.Sprintf("%s (%s %s)", op.ID, op.Method, op.Path))
		}
	}
	t.Logf("%s: operations exercised %d/%d (%d more client-only), requests validated %d, responses validated %d, violations %d",
		api, exercised, len(ops), clientOnly, cv.Requests, cv.Responses, cv.Violations)
	if cv.Violations > 0 {
		t.Errorf("%d contract violations in the acceptance run: the failing tests name them", cv.Violations)
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		t.Errorf("operations that no acceptance test exercised and the contract does not mark %s:\n  %s",
			ExtClientOnly, strings.Join(missing, "\n  "))
	}
	var unknown []string
	inContract := map[string]bool{}
	for _, op := range ops {
		inContract[op.ID] = true
	}
	for op := range cv.Statuses {
		if !inContract[op] {
			unknown = append(unknown, op)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		t.Errorf("operations called but outside the contract's scope: %v", unknown)
	}
}

// TestWaldurScopeExists keeps WaldurScope in step with the upstream file.
func TestWaldurScopeExists(t *testing.T) {
	ct, err := Load(Waldur)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(ct.Operations()), len(WaldurScope); got != want {
		t.Errorf("%d of the %d operations in WaldurScope exist in Waldur's OpenAPI", got, want)
	}
	for op := range WaldurClientOnly {
		found := false
		for _, id := range WaldurScope {
			found = found || id == op
		}
		if !found {
			t.Errorf("WaldurClientOnly names %s, which is not in WaldurScope", op)
		}
	}
}
