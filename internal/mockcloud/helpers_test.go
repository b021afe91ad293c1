package mockcloud_test

import (
	"net/http"
	"testing"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/cloud"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/mocktest"
)

// testEnv is the whole mock (package cloud) behind an httptest server,
// seeded with the demo data; the HTTP helpers are mocktest's.
type testEnv struct {
	*mocktest.Waldur
	srv  *cloud.Server
	demo cloud.DemoSeed
}

type testResponse = mocktest.Response

var str = mocktest.Str

func newTestEnv(t *testing.T, opts ...mockcloud.Option) *testEnv {
	t.Helper()
	e := &testEnv{}
	env := mocktest.NewEnv(t, func(opts ...mockcloud.Option) http.Handler {
		e.srv = cloud.New(opts...)
		e.demo = cloud.SeedDemo(e.srv)
		return e.srv.Handler()
	}, opts...)
	env.Token = e.demo.Token
	e.Waldur = &mocktest.Waldur{Env: env, ProjectUUID: e.demo.ProjectUUID, OfferingUUID: e.demo.OfferingUUID, PlanUUID: e.demo.PlanUUID}
	return e
}
