package awanio

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
)

// The Awanio envelope, errors, authentication, body parsing and pagination.
// Every answer is {"data": ..., "result": true}, lists add
// meta.pagination, and errors are
// {"error": "...", "error_code": "401-3", "message": "...", "result": false}
// with the HTTP status the code starts with.

// awCall is one Awanio request being served (the store is locked).
type awCall struct {
	r    *http.Request
	now  time.Time
	user *AwanioUser // nil on public routes
	body []byte
}

// awReply is what a handler answers; it is encoded while the store is
// still locked, so bodies may point into the store.
type awReply struct {
	status int
	body   any
	header http.Header
}

type awHandler func(*awCall) awReply

func awOK(data any) awReply {
	return awReply{status: http.StatusOK, body: map[string]any{"data": data, "result": true}}
}

// awPage is meta.pagination.
type awPage struct {
	PerPage  int `json:"per_page"`
	Page     int `json:"page"`
	Total    int `json:"total"`
	LastPage int `json:"last_page"`
}

func awListReply(items any, page awPage) awReply {
	return awReply{status: http.StatusOK, body: map[string]any{
		"data": items, "meta": map[string]any{"pagination": page}, "result": true,
	}}
}

func awErr(status int, code, errText, msg string) awReply {
	return awReply{status: status, body: map[string]any{
		"error": errText, "error_code": code, "message": msg, "result": false,
	}}
}

func awBadRequest(format string, args ...any) awReply {
	return awErr(http.StatusBadRequest, "400-1", "BAD REQUEST", fmt.Sprintf(format, args...))
}

func awNotFound(what string) awReply {
	return awErr(http.StatusNotFound, "404-1", "NOT FOUND", strings.ToUpper(what)+" NOT FOUND")
}

func awForbidden(msg string) awReply {
	return awErr(http.StatusForbidden, "403-1", "FORBIDDEN", msg)
}

func awConflict(msg string) awReply {
	return awErr(http.StatusConflict, "409-1", "CONFLICT", msg)
}

// Authentication failures. The login failure is the documented one.
var (
	awNoToken      = awErr(http.StatusUnauthorized, "401-1", "UNAUTHORIZED", "MISSING OR MALFORMED JWT")
	awBadToken     = awErr(http.StatusUnauthorized, "401-2", "UNAUTHORIZED", "INVALID OR EXPIRED JWT")
	awBadLogin     = awErr(http.StatusUnauthorized, "401-3", "INVALID CREDENTIALS", "WRONG USERNAME / PASSWORD")
	awInactiveUser = awErr(http.StatusUnauthorized, "401-4", "INACTIVE USER", "USER IS NOT VERIFIED YET")
)

// endpoint wraps an authenticated handler; public wraps one that needs no
// JWT (login, register, verify).
func (a *Awanio) endpoint(h awHandler) http.Handler { return a.handler(h, true) }

func (a *Awanio) public(h awHandler) http.Handler { return a.handler(h, false) }

func (a *Awanio) handler(h awHandler, auth bool) http.Handler {
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(io.LimitReader(r.Body, mockcloud.MaxRequestBody+1))
		if err != nil {
			return // the client went away
		}
		var rep awReply
		if len(body) > mockcloud.MaxRequestBody {
			rep = awErr(http.StatusRequestEntityTooLarge, "413-1", "REQUEST TOO LARGE", "REQUEST BODY IS TOO LARGE")
		}
		a.mu.Lock()
		if rep.status == 0 {
			c := &awCall{r: r, now: a.now(), body: body}
			rep = a.serve(h, c, auth)
		}
		payload, err := mockcloud.EncodeJSON(rep.body)
		a.mu.Unlock()
		if err != nil {
			rep.status = http.StatusInternalServerError
			payload = []byte(`{"error":"INTERNAL SERVER ERROR","error_code":"500-1","message":"mockcloud could not encode its answer","result":false}`)
		}
		for k, vs := range rep.header {
			rw.Header()[k] = vs
		}
		rw.Header().Set("Content-Type", "application/json")
		rw.Header().Set("Content-Length", strconv.Itoa(len(payload)))
		rw.WriteHeader(rep.status)
		_, _ = rw.Write(payload)
	})
}

func (a *Awanio) serve(h awHandler, c *awCall, auth bool) awReply {
	if auth {
		user, rep, ok := a.authenticate(c.r)
		if !ok {
			return rep
		}
		c.user = user
	}
	return h(c)
}

// authenticate checks "Authorization: Bearer <JWT>".
func (a *Awanio) authenticate(r *http.Request) (*AwanioUser, awReply, bool) {
	scheme, token, ok := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " ")
	token = strings.TrimSpace(token)
	if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" {
		return nil, awNoToken, false
	}
	user := a.db.Users[a.db.Tokens[token]]
	if user == nil {
		return nil, awBadToken, false
	}
	return user, awReply{}, true
}

// decode reads the request body into v. Awanio accepts JSON whatever the
// Content-Type says (clients send it as text/plain), and form bodies
// (the documentation labels object storage calls multipart/form-data).
func (c *awCall) decode(v any) (awReply, bool) {
	body := bytes.TrimSpace(c.body)
	mt, params, _ := mime.ParseMediaType(c.r.Header.Get("Content-Type"))
	switch {
	case len(body) == 0:
		body = []byte("{}")
	case mt == "application/x-www-form-urlencoded" && !looksJSON(body):
		q, err := url.ParseQuery(string(body))
		if err != nil {
			return awBadRequest("INVALID FORM BODY: %v", err), false
		}
		body = formJSON(q)
	case mt == "multipart/form-data" && !looksJSON(body):
		form, err := multipart.NewReader(bytes.NewReader(body), params["boundary"]).ReadForm(mockcloud.MaxRequestBody)
		if err != nil {
			return awBadRequest("INVALID MULTIPART BODY: %v", err), false
		}
		body = formJSON(form.Value)
	}
	if err := json.Unmarshal(body, v); err != nil {
		return awBadRequest("INVALID REQUEST BODY: %v", err), false
	}
	return awReply{}, true
}

// require answers 400 in Awanio's error shape when a body field is
// missing, null or an empty string. The seed marks no body field required;
// the fields checked are the contract's inferred required lists
// (contract.yaml, x-required-source), so that a client that
// leaves one out fails in tests as it would against a server that needs it.
func (c *awCall) require(names ...string) (awReply, bool) {
	var fields map[string]json.RawMessage
	if rep, ok := c.decode(&fields); !ok {
		return rep, false
	}
	for _, n := range names {
		v := bytes.TrimSpace(fields[n])
		if len(v) == 0 || string(v) == "null" || string(v) == `""` {
			return awBadRequest("%s IS REQUIRED", strings.ToUpper(n)), false
		}
	}
	return awReply{}, true
}

// requireOrganization checks the organization_uuid of a VM, baremetal or
// volume create: required (see require), and the organization of the
// group in the path (for a project, the project's organization).
func (c *awCall) requireOrganization(org string) (awReply, bool) {
	if rep, ok := c.require("organization_uuid"); !ok {
		return rep, false
	}
	var in struct {
		OrganizationUUID string `json:"organization_uuid"`
	}
	if rep, ok := c.decode(&in); !ok {
		return rep, false
	}
	if id, _ := canonicalUUID(in.OrganizationUUID); id != org {
		return awBadRequest("ORGANIZATION_UUID %s IS NOT THE ORGANIZATION OF THE OWNER IN THE PATH", in.OrganizationUUID), false
	}
	return awReply{}, true
}

func looksJSON(b []byte) bool { return len(b) > 0 && (b[0] == '{' || b[0] == '[') }

// formJSON turns form fields into a JSON object of strings (first values).
func formJSON(values map[string][]string) []byte {
	m := make(map[string]string, len(values))
	for k, vs := range values {
		if len(vs) > 0 {
			m[k] = vs[0]
		}
	}
	b, _ := json.Marshal(m)
	return b
}

// flexInt reads a number or a numeric string ("1", "1,"), as Awanio does.
type flexInt struct {
	set   bool
	value int
}

func (f *flexInt) UnmarshalJSON(b []byte) error {
	s := strings.TrimSpace(string(b))
	if s == "null" {
		return nil
	}
	s = strings.Trim(s, `"`)
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), ","))
	n, err := strconv.ParseFloat(s, 64)
	if err != nil || n != float64(int(n)) {
		return fmt.Errorf("%s is not a whole number", b)
	}
	f.set, f.value = true, int(n)
	return nil
}

// flexFloat reads a number or a numeric string.
type flexFloat struct {
	set   bool
	value float64
}

func (f *flexFloat) UnmarshalJSON(b []byte) error {
	s := strings.TrimSpace(string(b))
	if s == "null" {
		return nil
	}
	s = strings.TrimSpace(strings.TrimSuffix(strings.Trim(s, `"`), ","))
	n, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return fmt.Errorf("%s is not a number", b)
	}
	f.set, f.value = true, n
	return nil
}

// awPaginate cuts items to the page the query asks for (page, per_page;
// default 1 and 10, at most 100 per page).
func awPaginate[T any](c *awCall, items []T) ([]T, awPage, awReply, bool) {
	q := c.r.URL.Query()
	page, perPage := 1, 10
	if v := q.Get("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return nil, awPage{}, awBadRequest("PAGE MUST BE A POSITIVE NUMBER"), false
		}
		page = n
	}
	if v := q.Get("per_page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return nil, awPage{}, awBadRequest("PER_PAGE MUST BE A POSITIVE NUMBER"), false
		}
		perPage = min(n, 100)
	}
	total := len(items)
	last := max(1, (total+perPage-1)/perPage)
	start := min((page-1)*perPage, total)
	end := min(start+perPage, total)
	out := items[start:end]
	if out == nil {
		out = []T{}
	}
	return out, awPage{PerPage: perPage, Page: page, Total: total, LastPage: last}, awReply{}, true
}

// awList paginates rendered items.
func awList[T any](c *awCall, items []T) awReply {
	pageItems, page, rep, ok := awPaginate(c, items)
	if !ok {
		return rep
	}
	return awListReply(pageItems, page)
}

// sortedBySeq returns the values of m ordered by seq (creation order).
func sortedBySeq[T any](m map[string]*T, seq func(*T) uint64) []*T {
	out := make([]*T, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	sort.Slice(out, func(i, j int) bool { return seq(out[i]) < seq(out[j]) })
	return out
}

// pathUUID reads a UUID path parameter; a malformed one is not found.
func pathUUID(c *awCall, name string) (string, bool) {
	return canonicalUUID(c.r.PathValue(name))
}

// awTime renders a time as Awanio does (RFC 3339, UTC).
func awTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format(time.RFC3339)
}

// router lists Awanio's endpoints under AwanioPrefix. Paths have no
// trailing slash.
func (a *Awanio) router() *mockcloud.Router {
	rt := &mockcloud.Router{
		NotFound: http.HandlerFunc(func(rw http.ResponseWriter, _ *http.Request) {
			writeAwanioError(rw, awErr(http.StatusNotFound, "404-0", "NOT FOUND", "ROUTE NOT FOUND"))
		}),
		MethodNotAllowed: func(allowed []string) http.Handler {
			return http.HandlerFunc(func(rw http.ResponseWriter, _ *http.Request) {
				rep := awErr(http.StatusMethodNotAllowed, "405-1", "METHOD NOT ALLOWED", "METHOD NOT ALLOWED")
				rep.header = http.Header{"Allow": {strings.Join(allowed, ", ")}}
				writeAwanioError(rw, rep)
			})
		},
	}
	a.routeAccounts(rt)
	a.routeOrganizations(rt)
	a.routeProjects(rt)
	a.routeVPCs(rt)
	a.routeVolumes(rt)
	a.routeBilling(rt)
	a.routeCatalog(rt)
	// Object storage and Kubernetes (issue 5c).
	a.routeStorage(rt)
	a.routeKubernetes(rt)
	// Virtual machines and baremetal servers (issue 5b).
	a.routeVMs(rt)
	a.routeBaremetals(rt)
	return rt
}

func writeAwanioError(rw http.ResponseWriter, rep awReply) {
	for k, vs := range rep.header {
		rw.Header()[k] = vs
	}
	mockcloud.WriteJSON(rw, rep.status, rep.body)
}

// awRoute registers pattern below AwanioPrefix.
func awRoute(rt *mockcloud.Router, method, pattern string, h http.Handler) {
	rt.Handle(method, AwanioPrefix+pattern, h)
}
