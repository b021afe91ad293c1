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
//	GET    /_mock/counters                     per-route request counts (?by=kind: create, get, other; ?by=status: "200", "429", ...)
//	GET    /_mock/connections                  {"opened": n}: TCP connections opened (cmd/mockcloud)
//	POST   /_mock/reset-counters               clear counters, connections, request log and poll lag
//	GET    /_mock/lag                          poll lag: objects that became final since the reset, with when first seen so
//	GET    /_mock/quota                        the per-caller quota {"rps": r, "burst": b} (a test control; rps 0: none)
//	PUT    /_mock/quota                        set it
//	GET    /_mock/requests                     request log, oldest first
//	GET    /_mock/faults                       pending faults
//	POST   /_mock/faults                       queue a Fault (JSON)
//	DELETE /_mock/faults                       clear faults
//
// Each mounted API adds its own controls below /_mock/<api>/ (see its
// AdminRoutes: internal/mockcloud/waldur, .../hostway).
func (s *Server) adminRouter() *Router {
	rt := &Router{
		NotFound: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			WriteDetail(w, http.StatusNotFound, "Not found.")
		}),
		MethodNotAllowed: func(allowed []string) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				WriteDetail(w, http.StatusMethodNotAllowed, fmt.Sprintf("Method %q not allowed.", r.Method))
			})
		},
	}
	rt.Handle("GET", "/_mock/health", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		WriteJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	}))
	rt.Handle("GET", "/_mock/counters", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Query().Get("by") {
		case "kind":
			WriteJSON(w, http.StatusOK, s.KindCounters())
			return
		case "status":
			WriteJSON(w, http.StatusOK, s.StatusCounters())
			return
		}
		WriteJSON(w, http.StatusOK, s.Counters())
	}))
	rt.Handle("GET", "/_mock/connections", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		WriteJSON(w, http.StatusOK, map[string]int{"opened": s.Connections()})
	}))
	rt.Handle("POST", "/_mock/reset-counters", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.ResetCounters()
		w.WriteHeader(http.StatusNoContent)
	}))
	rt.Handle("GET", "/_mock/requests", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		WriteJSON(w, http.StatusOK, s.RequestLog())
	}))
	rt.Handle("GET", "/_mock/lag", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		WriteJSON(w, http.StatusOK, s.PollLag())
	}))
	rt.Handle("GET", "/_mock/quota", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		WriteJSON(w, http.StatusOK, s.CurrentQuota())
	}))
	rt.Handle("PUT", "/_mock/quota", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var q Quota
		if !DecodeAdmin(w, r, &q) {
			return
		}
		if err := s.SetQuota(q); err != nil {
			WriteDetail(w, http.StatusBadRequest, err.Error())
			return
		}
		WriteJSON(w, http.StatusOK, q)
	}))
	rt.Handle("GET", "/_mock/faults", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		WriteJSON(w, http.StatusOK, s.Faults())
	}))
	rt.Handle("POST", "/_mock/faults", http.HandlerFunc(s.adminAddFault))
	rt.Handle("DELETE", "/_mock/faults", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.ClearFaults()
		w.WriteHeader(http.StatusNoContent)
	}))
	return rt
}

// NonNil makes an empty list encode as [] rather than null.
func NonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// AdminDeleted answers a /_mock/ delete: 204, or 404 when nothing was found.
func AdminDeleted(w http.ResponseWriter, found bool) {
	if !found {
		WriteDetail(w, http.StatusNotFound, "Not found.")
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// DecodeAdmin reads a JSON body strictly: a typo in a control request
// should fail loudly, not be ignored.
func DecodeAdmin(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(io.LimitReader(r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		WriteDetail(w, http.StatusBadRequest, "invalid JSON: "+err.Error())
		return false
	}
	return true
}

func (s *Server) adminAddFault(w http.ResponseWriter, r *http.Request) {
	var f Fault
	if !DecodeAdmin(w, r, &f) {
		return
	}
	if err := f.validate(); err != nil {
		WriteDetail(w, http.StatusBadRequest, err.Error())
		return
	}
	s.faults.add(f)
	WriteJSON(w, http.StatusCreated, f)
}
