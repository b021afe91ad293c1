package mockcloud

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
)

// contentTypeHostway is how Hostway labels JSON (see the seed).
const contentTypeHostway = "application/json; charset=UTF-8"

// hostwayOwnerCookie is the cookie that owns an order.
const hostwayOwnerCookie = "OwnerId"

// hwCall is one Hostway request being served.
type hwCall struct {
	r    *http.Request
	now  time.Time
	body []byte
	// origin is scheme://host as the client reached us; base adds the
	// mount prefix. Location headers and links are built from them.
	origin, base string
	// user is the Basic user, nil when the request carried no credentials.
	user *hwUser
}

// hwReply is what a Hostway handler answers; it is encoded while the store
// is still locked. text, when set, is a plain-text body (401).
type hwReply struct {
	status int
	body   any
	text   string
	header http.Header
}

type hostwayHandler func(*hwCall) hwReply

func hwJSON(status int, body any) hwReply { return hwReply{status: status, body: body} }

func hwNoBody(status int) hwReply { return hwReply{status: status} }

// hwCreated answers 201 with the new object's URL in Location and no body,
// as the seed shows for products and services.
func hwCreated(location string) hwReply {
	return hwReply{status: http.StatusCreated, header: http.Header{"Location": {location}}}
}

// Hostway's JSON error bodies (api-reference §3): one key naming the
// fault, holding guid, message, code and details. 400/405/409 are worded
// in the same shape (inferred).
func hwError(status int, key, format string, args ...any) hwReply {
	return hwJSON(status, map[string]any{key: map[string]any{
		"guid":    uuid.NewString(),
		"message": fmt.Sprintf(format, args...),
		"code":    status,
		"details": "",
	}})
}

func hwBadRequest(format string, args ...any) hwReply {
	return hwError(http.StatusBadRequest, "badRequest", format, args...)
}

func hwForbidden(format string, args ...any) hwReply {
	return hwError(http.StatusForbidden, "forbidden", format, args...)
}

func hwNotFound(format string, args ...any) hwReply {
	return hwError(http.StatusNotFound, "itemNotFound", format, args...)
}

func hwConflict(format string, args ...any) hwReply {
	return hwError(http.StatusConflict, "conflict", format, args...)
}

// hwUnauthorized is Hostway's 401: plain text, not JSON.
func hwUnauthorized(msg string) hwReply {
	return hwReply{
		status: http.StatusUnauthorized,
		text:   msg,
		header: http.Header{"Www-Authenticate": {`Basic realm="Hostway API"`}},
	}
}

// endpoint wraps a handler with what every Hostway view does: read the
// body, check Basic credentials when some are sent, bring statuses up to
// date, answer.
func (h *Hostway) endpoint(handler hostwayHandler) http.Handler {
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(io.LimitReader(r.Body, maxRequestBody+1))
		if err != nil {
			return
		}
		if len(body) > maxRequestBody {
			writeHostway(rw, hwBadRequest("Request body is too large."), nil)
			return
		}
		h.mu.Lock()
		rep := h.serve(handler, r, body)
		var payload []byte
		if rep.body != nil {
			payload, err = encodeJSON(rep.body)
		}
		h.mu.Unlock()
		if err != nil {
			rep, payload = hwReply{status: http.StatusInternalServerError, text: "mockcloud could not encode its answer"}, nil
		}
		writeHostway(rw, rep, payload)
	})
}

func (h *Hostway) serve(handler hostwayHandler, r *http.Request, body []byte) hwReply {
	now := h.now()
	h.tick(now)
	origin := baseURL(r)
	c := &hwCall{r: r, now: now, body: body, origin: origin, base: origin + h.prefix}
	if r.Header.Get("Authorization") != "" {
		name, pass, ok := r.BasicAuth()
		u := h.db.Users[name]
		if !ok || u == nil || u.Password != pass {
			return hwUnauthorized("401 Unauthorized: invalid user name or password")
		}
		c.user = u
	}
	return handler(c)
}

func writeHostway(rw http.ResponseWriter, rep hwReply, payload []byte) {
	for k, vs := range rep.header {
		rw.Header()[k] = vs
	}
	switch {
	case payload != nil:
		rw.Header().Set("Content-Type", contentTypeHostway)
		rw.Header().Set("Content-Length", strconv.Itoa(len(payload)))
	case rep.text != "":
		payload = []byte(rep.text)
		rw.Header().Set("Content-Type", "text/plain; charset=UTF-8")
		rw.Header().Set("Content-Length", strconv.Itoa(len(payload)))
	}
	rw.WriteHeader(rep.status)
	if payload != nil {
		_, _ = rw.Write(payload) //nolint:gosec // G705: JSON or plain text, never HTML
	}
}

// requireUser is the check of every account call: HTTP Basic is required.
func (c *hwCall) requireUser() (hwReply, bool) {
	if c.user == nil {
		return hwUnauthorized("401 Unauthorized: this call requires HTTP Basic authentication"), false
	}
	return hwReply{}, true
}

// ownerID is the OwnerId cookie of the request, "" without one.
func (c *hwCall) ownerID() string {
	if ck, err := c.r.Cookie(hostwayOwnerCookie); err == nil {
		return ck.Value
	}
	return ""
}

// object decodes the body as a JSON object; an empty body is {}.
func (c *hwCall) object() (map[string]json.RawMessage, hwReply, bool) {
	fields := map[string]json.RawMessage{}
	if len(bytes.TrimSpace(c.body)) == 0 {
		return fields, hwReply{}, true
	}
	if err := json.Unmarshal(c.body, &fields); err != nil {
		return nil, hwBadRequest("The request body is not a JSON object: %v", err), false
	}
	return fields, hwReply{}, true
}

// stringField reads an optional string field.
func stringField(fields map[string]json.RawMessage, name string) (string, bool, error) {
	raw, ok := fields[name]
	if !ok || string(raw) == "null" {
		return "", false, nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", true, fmt.Errorf("%s must be a string", name)
	}
	return s, true, nil
}

// apiPath turns a URL the client sent (absolute, or a path) into the path
// below the API's mount point, split into segments; hosts are ignored as
// hyperlinks are matched by path.
func (h *Hostway) apiPath(raw string) []string {
	p := raw
	if strings.HasPrefix(raw, "http:") || strings.HasPrefix(raw, "https:") {
		u, err := url.Parse(raw)
		if err != nil {
			return nil
		}
		p = u.Path
	}
	p = strings.TrimPrefix(p, h.prefix)
	return strings.Split(strings.Trim(p, "/"), "/")
}

// router lists Hostway's endpoints under the mount prefix.
func (h *Hostway) router() *router {
	rt := &router{
		notFound: h.endpoint(func(c *hwCall) hwReply {
			return hwNotFound("The resource %s was not found.", c.r.URL.Path)
		}),
		methodNotAllowed: func(allowed []string) http.Handler {
			return h.endpoint(func(c *hwCall) hwReply {
				rep := hwError(http.StatusMethodNotAllowed, "badMethod", "The method %s is not allowed for %s.", c.r.Method, c.r.URL.Path)
				rep.header = http.Header{"Allow": {strings.Join(allowed, ", ")}}
				return rep
			})
		},
	}
	p := h.prefix
	order := p + "/orders/{order}"
	product := order + "/account/products/{product}"
	rt.handle("POST", p+"/orders", h.endpoint(h.createOrder))
	rt.handle("GET", order, h.endpoint(h.getOrder))
	rt.handle("DELETE", order, h.endpoint(h.deleteOrder))
	rt.handle("PUT", order+"/account", h.endpoint(h.setOrderAccount))
	rt.handle("POST", order+"/account/products", h.endpoint(h.addOrderProduct))
	rt.handle("POST", product+"/services", h.endpoint(h.addOrderService))
	rt.handle("PUT", product+"/services/{service}", h.endpoint(h.updateOrderService))
	rt.handle("POST", order+"/action", h.endpoint(h.orderAction))

	acct := p + "/accounts/{account}/products"
	rt.handle("GET", acct, h.endpoint(h.listProducts))
	rt.handle("GET", acct+"/{product}", h.endpoint(h.getProduct))
	rt.handle("PUT", acct+"/{product}", h.endpoint(h.setProductStatus))
	rt.handle("POST", acct+"/{product}/action", h.endpoint(h.productAction))
	rt.handle("GET", acct+"/{product}/services", h.endpoint(h.listServices))
	rt.handle("GET", acct+"/{product}/services/{service}", h.endpoint(h.getService))
	rt.handle("PUT", acct+"/{product}/services/{service}", h.endpoint(h.setServiceStatus))
	rt.handle("POST", acct+"/{product}/services/{service}/action", h.endpoint(h.serviceAction))

	rt.handle("GET", p+"/productSpecifications/{code}", h.endpoint(h.getProductSpec))
	rt.handle("GET", p+"/productSpecifications/{code}/offerings", h.endpoint(h.listOfferings))
	rt.handle("GET", p+"/productSpecifications/{code}/offerings/{offering}", h.endpoint(h.getOffering))
	rt.handle("GET", p+"/productSpecifications/{code}/serviceSpecifications", h.endpoint(h.listProductServiceSpecs))
	rt.handle("GET", p+"/serviceSpecifications/{code}", h.endpoint(h.getServiceSpec))
	return rt
}

// hwLink is one entry of a links array.
type hwLink struct {
	Href string `json:"href"`
	Rel  string `json:"rel"`
}

// hwList is Hostway's list envelope, paged with page and pageSize.
func hwList[T any](c *hwCall, items []T) hwReply {
	q := c.r.URL.Query()
	page, size := 1, 50
	if v, err := strconv.Atoi(q.Get("page")); err == nil && v > 0 {
		page = v
	}
	if v, err := strconv.Atoi(q.Get("pageSize")); err == nil && v > 0 {
		size = min(v, 400)
	}
	start := min((page-1)*size, len(items))
	end := min(start+size, len(items))
	self := c.origin + c.r.URL.Path
	links := []hwLink{{Href: withPage(self, q, page, size), Rel: "self"}}
	if end < len(items) {
		links = append(links, hwLink{Href: withPage(self, q, page+1, size), Rel: "next"})
	}
	if page > 1 {
		links = append(links, hwLink{Href: withPage(self, q, page-1, size), Rel: "previous"})
	}
	out := items[start:end]
	if out == nil {
		out = []T{}
	}
	return hwJSON(http.StatusOK, map[string]any{"list": out, "links": links})
}

func withPage(self string, q url.Values, page, size int) string {
	v := url.Values{}
	for k, vs := range q {
		v[k] = vs
	}
	v.Set("page", strconv.Itoa(page))
	v.Set("pageSize", strconv.Itoa(size))
	return self + "?" + v.Encode()
}
