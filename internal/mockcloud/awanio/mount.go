// Package awanio is the mocked Awanio API (accounts, organizations,
// projects, compute, storage, Kubernetes and billing): its store, seed data
// and HTTP handlers. Mount serves it on a mockcloud.Server under
// AwanioPrefix; importers outside call it awaniomock, as internal/awanio is
// the provider's own package.
package awanio

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
)

// AwanioPrefix is where the mock serves Awanio. A provider block's endpoint
// is the mock's URL followed by it, e.g. http://127.0.0.1:8080/awanio/v2.
const AwanioPrefix = "/awanio/v2"

type delaysKey struct{}

// WithAwanioDelays sets how long asynchronous Awanio objects (VMs,
// baremetal, clusters) take to change status. The zero value (the default)
// changes them at once.
func WithAwanioDelays(d AwanioDelays) mockcloud.Option {
	return mockcloud.WithSetting(delaysKey{}, d)
}

// Mount adds Awanio to s under AwanioPrefix, with the delays of
// WithAwanioDelays, and returns its store for seeding and assertions.
func Mount(s *mockcloud.Server) *Awanio {
	d, _ := s.Setting(delaysKey{}).(AwanioDelays)
	a := newAwanio(s.Clock(), d)
	a.seenFinal = s.SeenFinal
	s.Mount(mounted{a})
	return a
}

// mounted is Awanio as the shared server sees it (mockcloud.API). Awanio
// has no /_mock/ controls of its own.
type mounted struct{ a *Awanio }

func (m mounted) Name() string                    { return "awanio" }
func (m mounted) Prefix() string                  { return AwanioPrefix }
func (m mounted) Router() *mockcloud.Router       { return m.a.router() }
func (m mounted) Lock()                           { m.a.mu.Lock() }
func (m mounted) Unlock()                         { m.a.mu.Unlock() }
func (m mounted) StateVersion() uint64            { return m.a.stateVersion() }
func (m mounted) State() any                      { return &m.a.db }
func (m mounted) AdminRoutes(_ *mockcloud.Router) {}

// ThrottledBody words the mock's quota 429 in Awanio's error shape
// (inferred: Awanio documents no quota; the code follows its "<status>-1"
// pattern).
func (m mounted) ThrottledBody(seconds int) string {
	b, _ := json.Marshal(awErr(http.StatusTooManyRequests, "429-1", "TOO MANY REQUESTS",
		fmt.Sprintf("TOO MANY REQUESTS, TRY AGAIN IN %d SECONDS", seconds)).body)
	return string(b)
}

func (m mounted) DecodeState(raw json.RawMessage) (func(), error) {
	var saved *awanioDB
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &saved); err != nil {
			return nil, err
		}
	}
	db := emptyAwanioDB()
	if saved != nil {
		db = *saved
	}
	return func() { m.a.reset(db) }, nil
}

func ensureMap[K comparable, V any](m *map[K]V) {
	if *m == nil {
		*m = map[K]V{}
	}
}
