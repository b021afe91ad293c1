package hostway

import (
	"net/http"
	"testing"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/mocktest"
)

// testEnv is a mock serving Hostway alone behind an httptest server,
// seeded with its demo data; the HTTP helpers are mocktest's.
type testEnv struct {
	*mocktest.Env
	srv   *mockcloud.Server
	store *Hostway
	demo  HostwayDemo
}

type testResponse = mocktest.Response

var str = mocktest.Str

func newTestEnv(t *testing.T, opts ...mockcloud.Option) *testEnv {
	t.Helper()
	e := &testEnv{}
	e.Env = mocktest.NewEnv(t, func(opts ...mockcloud.Option) http.Handler {
		e.srv = mockcloud.New(opts...)
		e.store = Mount(e.srv)
		e.demo = SeedHostwayDemo(e.store)
		return e.srv.Handler()
	}, opts...)
	return e
}
