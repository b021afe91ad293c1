package awanio

import (
	"testing"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/mocktest"
)

// testEnv is a mock serving Awanio alone, seeded with its demo data.
type testEnv struct {
	*mocktest.API[*Awanio, AwanioDemoSeed]
}

type testResponse = mocktest.Response

var str = mocktest.Str

func newTestEnv(t *testing.T, opts ...mockcloud.Option) *testEnv {
	return &testEnv{mocktest.NewAPI(t, Mount, SeedAwanioDemo, opts...)}
}
