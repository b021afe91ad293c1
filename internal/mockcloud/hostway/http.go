package hostway

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
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
// fault, holding guid, message, code and details. Only the keys of 403
// ("forbidden") and 404 ("itemNotFound") are documented; 400, 405, 409 and
// 415 use the same shape with keys of our own (inferred).
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
		body, err := io.ReadAll(io.LimitReader(r.Body, mockcloud.MaxRequestBody+1))
		if err != nil {
			return
		}
		if len(body) > mockcloud.MaxRequestBody {
			writeHostway(rw, hwBadRequest("Request body is too large."), nil)
			return
		}
		h.mu.Lock()
		rep := h.serve(handler, r, body)
		var payload []byte
		if rep.body != nil {
			payload, err = mockcloud.EncodeJSON(rep.body)
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
	origin := mockcloud.BaseURL(r)
	c := &hwCall{r: r, now: now, body: body, origin: origin, base: origin + h.prefix}
	if r.Header.Get("Authorization") != "" {
		name, pass, ok := r.BasicAuth()
		u := h.db.Users[name]
		if !ok || u == nil || u.Password != pass {
			return hwUnauthorized("401 Unauthorized: invalid user name or password")
		}
		c.user = u
	}
	if rep, ok := h.checkMediaType(c); !ok {
		return rep
	}
	return handler(c)
}

// checkMediaType is the 415 that account calls answer when a body comes
// without a JSON Content-Type (api-reference §3a).
func (h *Hostway) checkMediaType(c *hwCall) (hwReply, bool) {
	if c.r.Method != http.MethodPut && c.r.Method != http.MethodPost {
		return hwReply{}, true
	}
	if !strings.HasPrefix(c.r.URL.Path, h.prefix+"/accounts/") {
		return hwReply{}, true
	}
	mt, _, err := mime.ParseMediaType(c.r.Header.Get("Content-Type"))
	if err == nil && (mt == "application/json" || strings.HasSuffix(mt, "+json")) {
		return hwReply{}, true
	}
	return hwError(http.StatusUnsupportedMediaType, "unsupportedMediaType",
		"Content-Type %q is not supported: send application/json.", c.r.Header.Get("Content-Type")), false
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
		_, _ = rw.Write(payload) // JSON or plain text, never HTML
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

// apiPath turns a hyperlink the client sent into the path below the
// API's mount point, split into segments. Hyperlinks are absolute URLs, as
// in the seed; anything else gives nil. Hosts are ignored (links are
// matched by path), and the catalog's collection names compare
// case-insensitively: Hostway writes them lower-case in its own links and
// in camel case in the seed's requests (api-reference §3a).
func (h *Hostway) apiPath(raw string) []string {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil
	}
	p := strings.TrimPrefix(u.Path, h.prefix)
	segs := strings.Split(strings.Trim(p, "/"), "/")
	for i, s := range segs {
		for _, name := range []string{"productSpecifications", "serviceSpecifications", "offerings"} {
			if strings.EqualFold(s, name) {
				segs[i] = name
			}
		}
	}
	return segs
}

// router lists Hostway's endpoints under the mount prefix.
func (h *Hostway) router() *mockcloud.Router {
	rt := &mockcloud.Router{
		NotFound: h.endpoint(func(c *hwCall) hwReply {
			return hwNotFound("The resource %s was not found.", c.r.URL.Path)
		}),
		MethodNotAllowed: func(allowed []string) http.Handler {
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
	rt.Handle("POST", p+"/orders", h.endpoint(h.createOrder))
	rt.Handle("GET", order, h.endpoint(h.getOrder))
	rt.Handle("DELETE", order, h.endpoint(h.deleteOrder))
	rt.Handle("PUT", order+"/account", h.endpoint(h.setOrderAccount))
	rt.Handle("POST", order+"/account/products", h.endpoint(h.addOrderProduct))
	rt.Handle("POST", product+"/services", h.endpoint(h.addOrderService))
	rt.Handle("PUT", product+"/services/{service}", h.endpoint(h.updateOrderService))
	rt.Handle("POST", order+"/action", h.endpoint(h.orderAction))

	acct := p + "/accounts/{account}/products"
	rt.Handle("GET", acct, h.endpoint(h.listProducts))
	rt.Handle("GET", acct+"/{product}", h.endpoint(h.getProduct))
	rt.Handle("PUT", acct+"/{product}", h.endpoint(h.setProductStatus))
	rt.Handle("POST", acct+"/{product}/action", h.endpoint(h.productAction))
	rt.Handle("GET", acct+"/{product}/services", h.endpoint(h.listServices))
	rt.Handle("GET", acct+"/{product}/services/{service}", h.endpoint(h.getService))
	rt.Handle("PUT", acct+"/{product}/services/{service}", h.endpoint(h.setServiceStatus))
	rt.Handle("POST", acct+"/{product}/services/{service}/action", h.endpoint(h.serviceAction))

	// The catalog as its own links spell it (lower-case) and as the seed's
	// request bodies do (camel case): catalog URLs compare case-insensitively.
	for _, names := range [][2]string{{"productspecifications", "servicespecifications"}, {"productSpecifications", "serviceSpecifications"}} {
		ps, ss := p+"/"+names[0], p+"/"+names[1]
		rt.Handle("GET", ps+"/{code}", h.endpoint(h.getProductSpec))
		rt.Handle("GET", ps+"/{code}/offerings", h.endpoint(h.listOfferings))
		rt.Handle("GET", ps+"/{code}/offerings/{offering}", h.endpoint(h.getOffering))
		rt.Handle("GET", ps+"/{code}/"+names[1], h.endpoint(h.listProductServiceSpecs))
		rt.Handle("GET", ss+"/{code}", h.endpoint(h.getServiceSpec))
	}
	return rt
}

// hwLink is one entry of a links array.
type hwLink struct {
	Href string `json:"href"`
	Rel  string `json:"rel"`
}

// Paging limits (api-reference §3a).
const (
	hwUnpagedMax  = 100 // more items without paging answer 303 to page 1
	hwMaxPageSize = 400 // a larger pageSize answers 303 with this one
)

// hwList is Hostway's list envelope, paged with page and pageSize, which
// come together or not at all. Without them the whole list comes back,
// unless it is longer than hwUnpagedMax: then a 303 to the first page; a
// pageSize above hwMaxPageSize gets a 303 to the same page with the
// largest size. Links: self always, first and previous after the first
// page, next and last before the last.
func hwList[T any](c *hwCall, items []T) hwReply {
	q := c.r.URL.Query()
	self := c.origin + c.r.URL.Path
	_, hasPage := q["page"]
	_, hasSize := q["pageSize"]
	if hasPage != hasSize {
		return hwBadRequest("page and pageSize must be given together.")
	}
	if !hasPage {
		if len(items) > hwUnpagedMax {
			return hwSeeOther(withPage(self, q, 1, hwUnpagedMax))
		}
		out := items
		if out == nil {
			out = []T{}
		}
		return hwJSON(http.StatusOK, map[string]any{"list": out, "links": []hwLink{{Href: self, Rel: "self"}}})
	}
	page, err1 := strconv.Atoi(q.Get("page"))
	size, err2 := strconv.Atoi(q.Get("pageSize"))
	if err1 != nil || err2 != nil || page < 1 || size < 1 {
		return hwBadRequest("page and pageSize must be whole numbers from 1.")
	}
	if size > hwMaxPageSize {
		return hwSeeOther(withPage(self, q, page, hwMaxPageSize))
	}
	last := max(1, (len(items)+size-1)/size)
	start := min((page-1)*size, len(items))
	end := min(start+size, len(items))
	links := []hwLink{{Href: withPage(self, q, page, size), Rel: "self"}}
	if page > 1 {
		links = append(links,
			hwLink{Href: withPage(self, q, 1, size), Rel: "first"},
			hwLink{Href: withPage(self, q, min(page-1, last), size), Rel: "previous"})
	}
	if page < last {
		links = append(links,
			hwLink{Href: withPage(self, q, page+1, size), Rel: "next"},
			hwLink{Href: withPage(self, q, last, size), Rel: "last"})
	}
	out := items[start:end]
	if out == nil {
		out = []T{}
	}
	return hwJSON(http.StatusOK, map[string]any{"list": out, "links": links})
}

// hwSeeOther is the 303 that paging misuse answers.
func hwSeeOther(location string) hwReply {
	return hwReply{status: http.StatusSeeOther, header: http.Header{"Location": {location}}}
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
