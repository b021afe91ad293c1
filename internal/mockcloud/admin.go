package mockcloud

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
)

// The /_mock/ admin API: the Go controls over HTTP, for scripts and for the
// mock running as its own process. No authentication: the mock refuses to
// listen beyond loopback unless told to (see cmd/mockcloud).
//
//	GET    /_mock/health
//	GET    /_mock/counters                     per-route request counts (?by=kind: create, get, other)
//	GET    /_mock/connections                  {"opened": n}: TCP connections opened (cmd/mockcloud)
//	POST   /_mock/reset-counters               clear counters, connections and request log
//	GET    /_mock/requests                     request log, oldest first
//	GET    /_mock/faults                       pending faults
//	POST   /_mock/faults                       queue a Fault (JSON)
//	DELETE /_mock/faults                       clear faults
//	POST   /_mock/waldur/orders/{uuid}/state   {"state": ..., "error_message": ...}
//	DELETE /_mock/waldur/orders/{uuid}         delete the order record
//	DELETE /_mock/waldur/resources/{uuid}      delete the resource record
//	POST   /_mock/waldur/offerings             add an offering (offeringRequest)
//	PUT    /_mock/waldur/offerings/{uuid}/outcome   {"outcome": "done|erred|stuck", "error_message": ...}
//	GET    /_mock/hostway/orders                      every Hostway order (cart)
//	GET    /_mock/hostway/products                    every Hostway account product
//	DELETE /_mock/hostway/products/{id}               purge an account product out of band
//	PUT    /_mock/hostway/products/{id}/status        {"status": "suspended"}: force a status
func (s *Server) adminRouter() *router {
	rt := &router{
		notFound: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			writeDetail(w, http.StatusNotFound, "Not found.")
		}),
		methodNotAllowed: func(allowed []string) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				writeDetail(w, http.StatusMethodNotAllowed, fmt.Sprintf("Method %q not allowed.", r.Method))
			})
		},
	}
	rt.handle("GET", "/_mock/health", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	}))
	rt.handle("GET", "/_mock/counters", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("by") == "kind" {
			writeJSON(w, http.StatusOK, s.KindCounters())
			return
		}
		writeJSON(w, http.StatusOK, s.Counters())
	}))
	rt.handle("GET", "/_mock/connections", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]int{"opened": s.Connections()})
	}))
	rt.handle("POST", "/_mock/reset-counters", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.ResetCounters()
		w.WriteHeader(http.StatusNoContent)
	}))
	rt.handle("GET", "/_mock/requests", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, s.RequestLog())
	}))
	rt.handle("GET", "/_mock/faults", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, s.Faults())
	}))
	rt.handle("POST", "/_mock/faults", http.HandlerFunc(s.adminAddFault))
	rt.handle("DELETE", "/_mock/faults", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.ClearFaults()
		w.WriteHeader(http.StatusNoContent)
	}))
	rt.handle("POST", "/_mock/waldur/orders/{uuid}/state", http.HandlerFunc(s.adminSetOrderState))
	rt.handle("DELETE", "/_mock/waldur/orders/{uuid}", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		adminDeleted(w, s.waldur.DeleteOrder(r.PathValue("uuid")))
	}))
	rt.handle("DELETE", "/_mock/waldur/resources/{uuid}", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		adminDeleted(w, s.waldur.DeleteResource(r.PathValue("uuid")))
	}))
	rt.handle("POST", "/_mock/waldur/offerings", http.HandlerFunc(s.adminAddOffering))
	rt.handle("PUT", "/_mock/waldur/offerings/{uuid}/outcome", http.HandlerFunc(s.adminSetOutcome))
	rt.handle("GET", "/_mock/hostway/orders", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, nonNil(s.hostway.Orders()))
	}))
	rt.handle("GET", "/_mock/hostway/products", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, nonNil(s.hostway.Products("")))
	}))
	rt.handle("DELETE", "/_mock/hostway/products/{id}", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		adminDeleted(w, s.hostway.DeleteProduct(r.PathValue("id")))
	}))
	rt.handle("PUT", "/_mock/hostway/products/{id}/status", http.HandlerFunc(s.adminSetHostwayProductStatus))
	return rt
}

func (s *Server) adminSetHostwayProductStatus(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Status string `json:"status"`
	}
	if !decodeAdmin(w, r, &body) {
		return
	}
	id := r.PathValue("id")
	if _, ok := s.hostway.Product(id); !ok {
		writeDetail(w, http.StatusNotFound, "Not found.")
		return
	}
	if err := s.hostway.SetProductStatus(id, body.Status); err != nil {
		writeDetail(w, http.StatusBadRequest, err.Error())
		return
	}
	p, _ := s.hostway.Product(id)
	writeJSON(w, http.StatusOK, p)
}

// nonNil makes an empty list encode as [] rather than null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func adminDeleted(w http.ResponseWriter, found bool) {
	if !found {
		writeDetail(w, http.StatusNotFound, "Not found.")
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// decodeAdmin reads a JSON body strictly: a typo in a control request
// should fail loudly, not be ignored.
func decodeAdmin(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(io.LimitReader(r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		writeDetail(w, http.StatusBadRequest, "invalid JSON: "+err.Error())
		return false
	}
	return true
}

func (s *Server) adminAddFault(w http.ResponseWriter, r *http.Request) {
	var f Fault
	if !decodeAdmin(w, r, &f) {
		return
	}
	if err := f.validate(); err != nil {
		writeDetail(w, http.StatusBadRequest, err.Error())
		return
	}
	s.faults.add(f)
	writeJSON(w, http.StatusCreated, f)
}

func (s *Server) adminSetOrderState(w http.ResponseWriter, r *http.Request) {
	var body struct {
		State        string `json:"state"`
		ErrorMessage string `json:"error_message"`
	}
	if !decodeAdmin(w, r, &body) {
		return
	}
	id := r.PathValue("uuid")
	if _, ok := s.waldur.Order(id); !ok {
		writeDetail(w, http.StatusNotFound, "Not found.")
		return
	}
	if err := s.waldur.SetOrderState(id, body.State, body.ErrorMessage); err != nil {
		writeDetail(w, http.StatusBadRequest, err.Error())
		return
	}
	o, _ := s.waldur.Order(id)
	writeJSON(w, http.StatusOK, o)
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

func (s *Server) adminAddOffering(w http.ResponseWriter, r *http.Request) {
	var req offeringRequest
	if !decodeAdmin(w, r, &req) {
		return
	}
	outcome, err := req.outcomeSpec.checked()
	if err != nil {
		writeDetail(w, http.StatusBadRequest, err.Error())
		return
	}
	spec := OfferingSpec{
		UUID: req.UUID, Name: req.Name, Description: req.Description, Type: req.Type,
		CustomerUUID: req.CustomerUUID, Category: req.Category, Plans: req.Plans,
		Components: req.Components, Options: req.Options, Approval: req.Approval, Outcome: outcome,
	}
	wd := s.waldur
	wd.mu.Lock()
	o, err := wd.addOffering(spec)
	var out Offering
	if err == nil {
		out = wd.offeringPublic(o)
	}
	wd.mu.Unlock()
	if err != nil {
		writeDetail(w, http.StatusBadRequest, err.Error())
		return
	}
	writeJSON(w, http.StatusCreated, out)
}

func (s *Server) adminSetOutcome(w http.ResponseWriter, r *http.Request) {
	var spec outcomeSpec
	if !decodeAdmin(w, r, &spec) {
		return
	}
	outcome, err := spec.checked()
	if err != nil {
		writeDetail(w, http.StatusBadRequest, err.Error())
		return
	}
	if err := s.waldur.SetOfferingOutcome(r.PathValue("uuid"), outcome); err != nil {
		writeDetail(w, http.StatusNotFound, err.Error())
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// checked turns a wire outcome into an OrderOutcome; empty means done.
func (s outcomeSpec) checked() (OrderOutcome, error) {
	switch s.Kind {
	case "", "done", "erred", "stuck":
		return s.outcome(), nil
	}
	return nil, fmt.Errorf("outcome %q: want done, erred or stuck", s.Kind)
}
