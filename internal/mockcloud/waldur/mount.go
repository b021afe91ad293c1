// Package waldur is the mocked Waldur marketplace (orders, resources,
// offerings, projects and roles): its store, seed data, HTTP handlers and
// /_mock/waldur/ controls. Mount serves it on a mockcloud.Server, at the
// root; importers outside call it waldurmock, as internal/waldur is the
// provider's own package.
package waldur

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
)

// WaldurPrefix is where the mock serves Waldur: at the root, as Waldur's
// paths all start with /api/. A provider block's endpoint is the mock's URL.
const WaldurPrefix = "/"

type delaysKey struct{}

// WithWaldurDelays sets how long Waldur orders stay in each state that moves
// on by itself. The zero value (the default) moves them on at once.
func WithWaldurDelays(d WaldurDelays) mockcloud.Option {
	return mockcloud.WithSetting(delaysKey{}, d)
}

// Mount adds Waldur to s, with the delays of WithWaldurDelays, and returns
// its store for seeding and assertions.
func Mount(s *mockcloud.Server) *Waldur {
	d, _ := s.Setting(delaysKey{}).(WaldurDelays)
	w := newWaldur(s.Clock(), d)
	w.seenFinal = s.SeenFinal
	s.Mount(mounted{w})
	return w
}

// mounted is Waldur as the shared server sees it (mockcloud.API).
type mounted struct{ w *Waldur }

func (m mounted) Name() string                     { return "waldur" }
func (m mounted) Prefix() string                   { return WaldurPrefix }
func (m mounted) Router() *mockcloud.Router        { return m.w.router() }
func (m mounted) Lock()                            { m.w.mu.Lock() }
func (m mounted) Unlock()                          { m.w.mu.Unlock() }
func (m mounted) StateVersion() uint64             { return m.w.stateVersion() }
func (m mounted) State() any                       { return &m.w.db }
func (m mounted) AdminRoutes(rt *mockcloud.Router) { m.w.adminRoutes(rt) }

func (m mounted) DecodeState(raw json.RawMessage) (func(), error) {
	var saved *waldurDB
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &saved); err != nil {
			return nil, err
		}
	}
	db := emptyWaldurDB()
	if saved != nil {
		db = fillWaldurDB(*saved)
	}
	return func() { m.w.reset(db) }, nil
}

// fillWaldurDB gives a loaded state empty maps where the file had none, and
// compacts the raw attributes the indented file spread over lines.
func fillWaldurDB(db waldurDB) waldurDB {
	for _, o := range db.Orders {
		o.Attributes = mockcloud.CompactJSON(o.Attributes)
	}
	for _, r := range db.Resources {
		r.Attributes = mockcloud.CompactJSON(r.Attributes)
	}
	db.ensureMaps()
	return db
}

// adminRoutes adds Waldur's /_mock/ controls:
//
//	POST   /_mock/waldur/orders/{uuid}/state   {"state": ..., "error_message": ...}
//	DELETE /_mock/waldur/orders/{uuid}         delete the order record
//	DELETE /_mock/waldur/resources/{uuid}      delete the resource record
//	POST   /_mock/waldur/offerings             add an offering (offeringRequest)
//	PUT    /_mock/waldur/offerings/{uuid}/outcome   {"outcome": "done|erred|stuck", "error_message": ...}
func (w *Waldur) adminRoutes(rt *mockcloud.Router) {
	rt.Handle("POST", "/_mock/waldur/orders/{uuid}/state", http.HandlerFunc(w.adminSetOrderState))
	rt.Handle("DELETE", "/_mock/waldur/orders/{uuid}", http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		mockcloud.AdminDeleted(rw, w.DeleteOrder(r.PathValue("uuid")))
	}))
	rt.Handle("DELETE", "/_mock/waldur/resources/{uuid}", http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		mockcloud.AdminDeleted(rw, w.DeleteResource(r.PathValue("uuid")))
	}))
	rt.Handle("POST", "/_mock/waldur/offerings", http.HandlerFunc(w.adminAddOffering))
	rt.Handle("PUT", "/_mock/waldur/offerings/{uuid}/outcome", http.HandlerFunc(w.adminSetOutcome))
}

func (w *Waldur) adminSetOrderState(rw http.ResponseWriter, r *http.Request) {
	var body struct {
		State        string `json:"state"`
		ErrorMessage string `json:"error_message"`
	}
	if !mockcloud.DecodeAdmin(rw, r, &body) {
		return
	}
	id := r.PathValue("uuid")
	if _, ok := w.Order(id); !ok {
		mockcloud.WriteDetail(rw, http.StatusNotFound, "Not found.")
		return
	}
	if err := w.SetOrderState(id, body.State, body.ErrorMessage); err != nil {
		mockcloud.WriteDetail(rw, http.StatusBadRequest, err.Error())
		return
	}
	o, _ := w.Order(id)
	mockcloud.WriteJSON(rw, http.StatusOK, o)
}

// offeringRequest is OfferingSpec on the wire.
type offeringRequest struct {
	UUID         string          `json:"uuid"`
	Name         string          `json:"name"`
	Description  string          `json:"description"`
	Type         string          `json:"type"`
	CustomerUUID string          `json:"customer_uuid"`
	Category     string          `json:"category"`
	Plans        []PlanSpec      `json:"plans"`
	Components   []ComponentSpec `json:"components"`
	Options      []OptionSpec    `json:"options"`
	Approval     ApprovalMode    `json:"approval"`
	outcomeSpec
}

func (w *Waldur) adminAddOffering(rw http.ResponseWriter, r *http.Request) {
	var req offeringRequest
	if !mockcloud.DecodeAdmin(rw, r, &req) {
		return
	}
	outcome, err := req.outcomeSpec.checked()
	if err != nil {
		mockcloud.WriteDetail(rw, http.StatusBadRequest, err.Error())
		return
	}
	spec := OfferingSpec{
		UUID: req.UUID, Name: req.Name, Description: req.Description, Type: req.Type,
		CustomerUUID: req.CustomerUUID, Category: req.Category, Plans: req.Plans,
		Components: req.Components, Options: req.Options, Approval: req.Approval, Outcome: outcome,
	}
	w.mu.Lock()
	o, err := w.addOffering(spec)
	var out Offering
	if err == nil {
		out = w.offeringPublic(o)
	}
	w.mu.Unlock()
	if err != nil {
		mockcloud.WriteDetail(rw, http.StatusBadRequest, err.Error())
		return
	}
	mockcloud.WriteJSON(rw, http.StatusCreated, out)
}

func (w *Waldur) adminSetOutcome(rw http.ResponseWriter, r *http.Request) {
	var spec outcomeSpec
	if !mockcloud.DecodeAdmin(rw, r, &spec) {
		return
	}
	outcome, err := spec.checked()
	if err != nil {
		mockcloud.WriteDetail(rw, http.StatusBadRequest, err.Error())
		return
	}
	if err := w.SetOfferingOutcome(r.PathValue("uuid"), outcome); err != nil {
		mockcloud.WriteDetail(rw, http.StatusNotFound, err.Error())
		return
	}
	rw.WriteHeader(http.StatusNoContent)
}

// checked turns a wire outcome into an OrderOutcome; empty means done.
func (s outcomeSpec) checked() (OrderOutcome, error) {
	switch s.Kind {
	case "", "done", "erred", "stuck":
		return s.outcome(), nil
	}
	return nil, fmt.Errorf("outcome %q: want done, erred or stuck", s.Kind)
}
