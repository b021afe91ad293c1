// Package hostway is the mocked Hostway OrderAPI (carts, account products
// and services, the VPS Virtuozzo catalog): its store, seed data, HTTP
// handlers and /_mock/hostway/ controls. Mount serves it on a
// mockcloud.Server under HostwayPrefix; importers outside call it
// hostwaymock, as internal/hostway is the provider's own package.
package hostway

import (
	"encoding/json"
	"net/http"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
)

// HostwayPrefix is where the mock serves Hostway's OrderAPI. A provider
// block's endpoint is the mock's URL followed by it, e.g.
// http://127.0.0.1:8080/hostway.
const HostwayPrefix = "/hostway"

type delaysKey struct{}

// WithHostwayDelays sets how long Hostway products and services stay in
// each status that they leave by themselves. The zero value (the default)
// moves them on at once.
func WithHostwayDelays(d HostwayDelays) mockcloud.Option {
	return mockcloud.WithSetting(delaysKey{}, d)
}

// Mount adds Hostway to s under HostwayPrefix, with the delays of
// WithHostwayDelays, and returns its store for seeding and assertions.
func Mount(s *mockcloud.Server) *Hostway {
	d, _ := s.Setting(delaysKey{}).(HostwayDelays)
	h := newHostway(s.Clock(), d, HostwayPrefix)
	h.seenFinal = s.SeenFinal
	s.Mount(mounted{h})
	return h
}

// mounted is Hostway as the shared server sees it (mockcloud.API).
type mounted struct{ h *Hostway }

func (m mounted) Name() string                     { return "hostway" }
func (m mounted) Prefix() string                   { return m.h.prefix }
func (m mounted) Router() *mockcloud.Router        { return m.h.router() }
func (m mounted) Lock()                            { m.h.mu.Lock() }
func (m mounted) Unlock()                          { m.h.mu.Unlock() }
func (m mounted) StateVersion() uint64             { return m.h.stateVersion() }
func (m mounted) State() any                       { return &m.h.db }
func (m mounted) AdminRoutes(rt *mockcloud.Router) { m.h.adminRoutes(rt) }

// ThrottledBody words the mock's quota 429 in Hostway's JSON error shape
// (inferred: the OrderAPI documents no quota; the key follows its
// "badRequest", "forbidden" pattern).
func (m mounted) ThrottledBody(seconds int) string {
	b, _ := json.Marshal(hwError(http.StatusTooManyRequests, "tooManyRequests", "Too many requests, try again in %d seconds.", seconds).body)
	return string(b)
}

func (m mounted) DecodeState(raw json.RawMessage) (func(), error) {
	var saved *hostwayDB
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &saved); err != nil {
			return nil, err
		}
	}
	db := emptyHostwayDB()
	if saved != nil {
		db = *saved
	}
	return func() { m.h.reset(db) }, nil
}

// adminRoutes adds Hostway's /_mock/ controls:
//
//	GET    /_mock/hostway/orders                      every Hostway order (cart)
//	GET    /_mock/hostway/products                    every Hostway account product
//	DELETE /_mock/hostway/products/{id}               purge an account product out of band
//	PUT    /_mock/hostway/products/{id}/status        {"status": "suspended"}: force a status
func (h *Hostway) adminRoutes(rt *mockcloud.Router) {
	rt.Handle("GET", "/_mock/hostway/orders", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mockcloud.WriteJSON(w, http.StatusOK, mockcloud.NonNil(h.Orders()))
	}))
	rt.Handle("GET", "/_mock/hostway/products", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mockcloud.WriteJSON(w, http.StatusOK, mockcloud.NonNil(h.Products("")))
	}))
	rt.Handle("DELETE", "/_mock/hostway/products/{id}", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mockcloud.AdminDeleted(w, h.DeleteProduct(r.PathValue("id")))
	}))
	rt.Handle("PUT", "/_mock/hostway/products/{id}/status", http.HandlerFunc(h.adminSetProductStatus))
}

func (h *Hostway) adminSetProductStatus(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Status string `json:"status"`
	}
	if !mockcloud.DecodeAdmin(w, r, &body) {
		return
	}
	id := r.PathValue("id")
	if _, ok := h.Product(id); !ok {
		mockcloud.WriteDetail(w, http.StatusNotFound, "Not found.")
		return
	}
	if err := h.SetProductStatus(id, body.Status); err != nil {
		mockcloud.WriteDetail(w, http.StatusBadRequest, err.Error())
		return
	}
	p, _ := h.Product(id)
	mockcloud.WriteJSON(w, http.StatusOK, p)
}

func ensureMap[K comparable, V any](m *map[K]V) {
	if *m == nil {
		*m = map[K]V{}
	}
}
