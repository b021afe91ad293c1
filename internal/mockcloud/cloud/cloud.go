// Package cloud assembles the whole mock: the shared server of package
// mockcloud with the Waldur, Awanio and Hostway APIs mounted on it, and the
// demo data of all three. cmd/mockcloud, the acceptance tests and the
// benchmarks start their mock here.
package cloud

import (
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
	awaniomock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/awanio"
	hostwaymock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/hostway"
	waldurmock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/waldur"
)

// Server is the whole mock: the shared server (faults, counters, state
// file, /_mock/ controls) with every mocked API mounted.
type Server struct {
	*mockcloud.Server

	waldur  *waldurmock.Waldur
	awanio  *awaniomock.Awanio
	hostway *hostwaymock.Hostway
}

// New returns an empty mock of every API; seed it through Waldur() or
// SeedDemo. The options are mockcloud's and the API packages' own
// (waldur.WithWaldurDelays, ...).
func New(opts ...mockcloud.Option) *Server {
	s := &Server{Server: mockcloud.New(opts...)}
	s.waldur = waldurmock.Mount(s.Server)
	s.awanio = awaniomock.Mount(s.Server)
	s.hostway = hostwaymock.Mount(s.Server)
	return s
}

// Waldur returns the Waldur store, for seeding and assertions.
func (s *Server) Waldur() *waldurmock.Waldur { return s.waldur }

// Awanio returns the Awanio store, for seeding and assertions.
func (s *Server) Awanio() *awaniomock.Awanio { return s.awanio }

// Hostway returns the Hostway store, for seeding and assertions.
func (s *Server) Hostway() *hostwaymock.Hostway { return s.hostway }

// DemoSeed is what SeedDemo puts in the mock. The values are fixed, so docs,
// scripts and examples can use them. The Waldur values are promoted
// (demo.Token is Waldur's token).
type DemoSeed struct {
	waldurmock.WaldurDemoSeed

	// Awanio is the Awanio demo data (users, organization, project,
	// catalogue and prices).
	Awanio awaniomock.AwanioDemoSeed

	// Hostway is the Hostway user, account and VPS Virtuozzo catalog.
	Hostway hostwaymock.HostwayDemo
}

// SeedDemo fills s with the demo data of every API (see
// waldur.SeedWaldurDemo, awanio.SeedAwanioDemo and hostway.SeedHostwayDemo).
// It is idempotent: what already exists (e.g. loaded from a state file) is
// left alone.
func SeedDemo(s *Server) DemoSeed {
	var d DemoSeed
	d.Awanio = awaniomock.SeedAwanioDemo(s.awanio)
	d.Hostway = hostwaymock.SeedHostwayDemo(s.hostway)
	d.WaldurDemoSeed = waldurmock.SeedWaldurDemo(s.waldur)
	return d
}
