package testutil

import (
	"net/http/httptest"
	"os"
	"testing"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/cloud"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/contract"
)

// NewCheckedServer serves m for the test with every request and answer
// checked against the APIs' contracts (internal/mockcloud/contract): a
// request the client sends that the contract rejects, or an answer of the
// mock that breaks it, fails the test. What was seen is added to the
// run's coverage when CLOUDORDER_CONTRACT_COVERAGE names a folder.
func NewCheckedServer(t testing.TB, m *cloud.Server) *httptest.Server {
	t.Helper()
	chk, err := contract.NewChecker()
	if err != nil {
		t.Fatalf("contract: %v", err)
	}
	srv := httptest.NewServer(chk.Wrap(m.Handler()))
	t.Cleanup(func() {
		srv.Close()
		for _, v := range chk.Violations() {
			t.Errorf("contract violation: %s", v)
		}
		if err := chk.AppendCoverage(os.Getenv(contract.CoverageDirEnv)); err != nil {
			t.Errorf("contract coverage: %v", err)
		}
	})
	return srv
}

// Mock is a fresh mock seeded with the demo data, served for one test.
type Mock struct {
	Server *cloud.Server
	Seed   cloud.DemoSeed
	// URL is the root of the served mock; each API is below its prefix
	// (awaniomock.AwanioPrefix, hostwaymock.HostwayPrefix; Waldur at the root).
	URL string
}

// NewMock starts a fresh mock with opts, seeds the demo data and serves
// it with its contract checked (NewCheckedServer) until the test ends.
func NewMock(t testing.TB, opts ...mockcloud.Option) *Mock {
	t.Helper()
	m := cloud.New(opts...)
	seed := cloud.SeedDemo(m)
	return &Mock{Server: m, Seed: seed, URL: NewCheckedServer(t, m).URL}
}
