package waldur

import (
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
)

// call is one authenticated Waldur request being served.
type call struct {
	r    *http.Request
	now  time.Time
	user *userRec
	body []byte
	base string // scheme://host, for the hyperlinks Waldur returns
}

// reply is what a Waldur handler answers; it is encoded while the store is
// still locked, so bodies may point into the store.
type reply struct {
	status int
	body   any // nil: no body
	header http.Header
}

type waldurHandler func(*call) reply

func jsonReply(status int, body any) reply { return reply{status: status, body: body} }

// noBody answers status without a body (204, and Waldur's bodiless 200/202).
func noBody(status int) reply { return reply{status: status} }

// detail is DRF's error shape: {"detail": "..."}.
func detail(status int, msg string) reply {
	return reply{status: status, body: map[string]string{"detail": msg}}
}

func notFound() reply { return detail(http.StatusNotFound, "Not found.") }

// fieldErrors is DRF's validation error shape: field → messages (or, for
// dict fields, key → messages).
type fieldErrors map[string]any

func (e fieldErrors) add(field string, msg string) {
	if prev, ok := e[field].([]string); ok {
		e[field] = append(prev, msg)
		return
	}
	e[field] = []string{msg}
}

func (e fieldErrors) reply() reply { return jsonReply(http.StatusBadRequest, map[string]any(e)) }

func (c *call) link(format string, args ...any) string {
	return c.base + fmt.Sprintf(format, args...)
}

// endpoint wraps a handler with what every Waldur view does: read the body,
// authenticate, bring lazy order progress up to date, answer JSON.
func (w *Waldur) endpoint(h waldurHandler) http.Handler {
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(io.LimitReader(r.Body, mockcloud.MaxRequestBody+1))
		if err != nil {
			return // the client went away
		}
		if len(body) > mockcloud.MaxRequestBody {
			mockcloud.WriteDetail(rw, http.StatusRequestEntityTooLarge, "Request body is too large.")
			return
		}
		w.mu.Lock()
		// Read the clock under the lock, so the store's time never runs
		// backwards between two requests.
		rep := w.serve(h, r, body, w.now())
		var payload []byte
		if rep.body != nil {
			payload, err = mockcloud.EncodeJSON(rep.body)
		}
		w.mu.Unlock()

		if err != nil {
			mockcloud.WriteDetail(rw, http.StatusInternalServerError, "mockcloud could not encode its answer: "+err.Error())
			return
		}
		for k, vs := range rep.header {
			rw.Header()[k] = vs
		}
		if payload != nil {
			rw.Header().Set("Content-Type", mockcloud.ContentTypeJSON)
			rw.Header().Set("Content-Length", strconv.Itoa(len(payload)))
		}
		rw.WriteHeader(rep.status)
		if payload != nil {
			_, _ = rw.Write(payload)
		}
	})
}

func (w *Waldur) serve(h waldurHandler, r *http.Request, body []byte, now time.Time) reply {
	user, rep, ok := w.authenticate(r)
	if !ok {
		return rep
	}
	w.tick(now)
	return h(&call{r: r, now: now, user: user, body: body, base: mockcloud.BaseURL(r)})
}

// authenticate follows DRF's TokenAuthentication, messages included.
func (w *Waldur) authenticate(r *http.Request) (*userRec, reply, bool) {
	fields := strings.Fields(r.Header.Get("Authorization"))
	unauthorized := func(msg string) (*userRec, reply, bool) {
		rep := detail(http.StatusUnauthorized, msg)
		rep.header = http.Header{"Www-Authenticate": {"Token"}}
		return nil, rep, false
	}
	switch {
	case len(fields) == 0 || !strings.EqualFold(fields[0], "Token"):
		return unauthorized("Authentication credentials were not provided.")
	case len(fields) == 1:
		return unauthorized("Invalid token header. No credentials provided.")
	case len(fields) > 2:
		return unauthorized("Invalid token header. Token string should not contain spaces.")
	}
	user := w.db.Users[w.db.Tokens[fields[1]]]
	if user == nil {
		return unauthorized("Invalid token.")
	}
	return user, reply{}, true
}

// router lists Waldur's endpoints. Paths end in "/" as in Waldur; a GET
// without it is redirected, anything else without it is a 404.
func (w *Waldur) router() *mockcloud.Router {
	rt := &mockcloud.Router{
		AppendSlash: true,
		NotFound: http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
			mockcloud.WriteDetail(rw, http.StatusNotFound, "Not found.")
		}),
		MethodNotAllowed: func(allowed []string) http.Handler {
			return w.endpoint(func(c *call) reply {
				rep := detail(http.StatusMethodNotAllowed, fmt.Sprintf("Method %q not allowed.", c.r.Method))
				rep.header = http.Header{"Allow": {strings.Join(allowed, ", ")}}
				return rep
			})
		},
	}
	const orders = "/api/marketplace-orders/"
	rt.Handle("GET", orders, w.endpoint(w.listOrders))
	rt.Handle("HEAD", orders, w.endpoint(w.countOrders))
	rt.Handle("POST", orders, w.endpoint(w.createOrder))
	rt.Handle("GET", orders+"{uuid}/", w.endpoint(w.getOrder))
	rt.Handle("DELETE", orders+"{uuid}/", w.endpoint(w.deleteOrder))
	rt.Handle("GET", orders+"{uuid}/offering/", w.endpoint(w.getOrderOffering))
	rt.Handle("POST", orders+"{uuid}/approve_by_consumer/", w.endpoint(w.permitted(w.mayActAsConsumer, w.approveByConsumer)))
	rt.Handle("POST", orders+"{uuid}/approve_by_provider/", w.endpoint(w.permitted(w.mayActAsProvider, w.approveByProvider)))
	rt.Handle("POST", orders+"{uuid}/reject_by_consumer/", w.endpoint(w.permitted(w.mayActAsConsumer, w.rejectByConsumer)))
	rt.Handle("POST", orders+"{uuid}/reject_by_provider/", w.endpoint(w.permitted(w.mayActAsProvider, w.rejectByProvider)))
	rt.Handle("POST", orders+"{uuid}/cancel/", w.endpoint(w.cancelOrder))
	rt.Handle("POST", orders+"{uuid}/unlink/", w.endpoint(w.unlinkOrder))
	rt.Handle("POST", orders+"{uuid}/set_state_executing/", w.endpoint(w.permitted(w.mayActAsProvider, w.setStateExecuting)))
	rt.Handle("POST", orders+"{uuid}/set_state_done/", w.endpoint(w.permitted(w.mayActAsProvider, w.setStateDone)))
	rt.Handle("POST", orders+"{uuid}/set_state_erred/", w.endpoint(w.permitted(w.mayActAsProvider, w.setStateErred)))
	rt.Handle("POST", orders+"{uuid}/set_backend_id/", w.endpoint(w.permitted(w.mayActAsProvider, w.setBackendID)))
	rt.Handle("POST", orders+"{uuid}/update_attachment/", w.endpoint(w.updateAttachment))
	rt.Handle("POST", orders+"{uuid}/delete_attachment/", w.endpoint(w.deleteAttachment))

	const resources = "/api/marketplace-resources/"
	rt.Handle("GET", resources, w.endpoint(w.listResources))
	rt.Handle("HEAD", resources, w.endpoint(w.countResources))
	rt.Handle("GET", resources+"{uuid}/", w.endpoint(w.getResource))
	rt.Handle("POST", resources+"{uuid}/terminate/", w.endpoint(w.terminateResource))
	rt.Handle("POST", resources+"{uuid}/switch_plan/", w.endpoint(w.switchPlan))
	rt.Handle("POST", resources+"{uuid}/update_limits/", w.endpoint(w.updateLimits))

	const projects = "/api/projects/"
	rt.Handle("GET", projects, w.endpoint(w.listProjects))
	rt.Handle("HEAD", projects, w.endpoint(w.countProjects))
	rt.Handle("GET", projects+"{uuid}/", w.endpoint(w.getProject))

	const offerings = "/api/marketplace-public-offerings/"
	rt.Handle("GET", offerings, w.endpoint(w.listOfferings))
	rt.Handle("HEAD", offerings, w.endpoint(w.countOfferings))
	rt.Handle("GET", offerings+"{uuid}/", w.endpoint(w.getOffering))
	rt.Handle("GET", offerings+"{uuid}/plans/", w.endpoint(w.listPlans))
	rt.Handle("GET", offerings+"{uuid}/plans/{plan_uuid}/", w.endpoint(w.getPlan))
	return rt
}

// Lookups by path parameter: a malformed UUID is simply not found, as in Waldur.

// recordFromPath returns the record of m that the path parameter param names.
func recordFromPath[T any](c *call, param string, m map[string]*T) (*T, reply, bool) {
	id, ok := normalizeUUID(c.r.PathValue(param))
	if r := m[id]; ok && r != nil {
		return r, reply{}, true
	}
	return nil, notFound(), false
}

// recordAndInput is recordFromPath's record of m, then the request's body:
// a missing record answers 404 before a bad body answers 400.
func recordAndInput[T any](c *call, m map[string]*T) (*T, *input, reply, bool) {
	r, rep, ok := recordFromPath(c, "uuid", m)
	if !ok {
		return nil, nil, rep, false
	}
	in, rep, ok := c.input()
	if !ok {
		return nil, nil, rep, false
	}
	return r, in, reply{}, true
}

func (w *Waldur) orderFromPath(c *call) (*orderRec, reply, bool) {
	return recordFromPath(c, "uuid", w.db.Orders)
}

func (w *Waldur) resourceFromPath(c *call) (*resourceRec, reply, bool) {
	return recordFromPath(c, "uuid", w.db.Resources)
}

func (w *Waldur) offeringFromPath(c *call) (*offeringRec, reply, bool) {
	return recordFromPath(c, "uuid", w.db.Offerings)
}
