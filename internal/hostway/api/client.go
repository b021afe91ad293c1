// Package api is the client of the Hostway OrderAPI: the order builder (a
// shopping cart owned by the OwnerId cookie), the account products it
// creates and the product catalog, with their wire types, paths, waits and
// lookups. It imports no Terraform framework: the Terraform types built on
// it (cloudorder_hostway_vps and its data sources) are in
// internal/hostway and use only what this package exports.
package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/journal"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/memo"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waiter"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/watch"
)

// DefaultEndpoint is Hostway's production OrderAPI.
const DefaultEndpoint = "https://api.hostway.com"

// maxPageSize is the largest pageSize the API accepts; asking for it keeps
// list calls to a minimum.
const maxPageSize = 400

// Config configures a Hostway client.
type Config struct {
	// Endpoint is the API root, default DefaultEndpoint.
	Endpoint string
	// Username (user@partner) and Password authenticate account calls with
	// HTTP Basic.
	Username, Password string
	Account            AccountSettings
	// Transport is how the client sends, retries, paces and polls (products
	// and services).
	apiclient.Transport
}

// Client talks to the Hostway OrderAPI. It is safe for concurrent use;
// each order is built in its own OrderSession.
type Client struct {
	api     *apiclient.Client
	base    *url.URL
	account AccountSettings
	poll    waiter.Options
	// username is who the client acts as, the user of HTTP Basic (never
	// the password): the rate memory's key and the journal's
	// fingerprint carry it (rate_memory.go, create_journal.go).
	username string

	// The catalog entries read so far (see GetOffering): the catalog does
	// not change while terraform plans or applies, and every VPS of a
	// configuration names the same offering and specifications.
	offerings    memo.Memo[string, Offering]
	serviceSpecs memo.Memo[string, ServiceSpecification]
	// products shares the polls of an account's products (product_watch.go).
	products *productWatch
	// creates is the journal of VPS creates in flight (internal/journal,
	// create_journal.go): an entry is written before POST /orders with the
	// partnerId marker the cart sets on its product, and again with the
	// order id once it is known, so that the next run finds what a create
	// of a killed run made. nil: off.
	creates *journal.Journal
}

// NewClient validates the configuration and builds a client.
func NewClient(cfg Config) (*Client, error) {
	endpoint := strings.TrimSpace(cfg.Endpoint)
	if endpoint == "" {
		endpoint = DefaultEndpoint
	}
	if cfg.Username == "" || cfg.Password == "" {
		return nil, errors.New("the Hostway username and password are required")
	}
	if cfg.Account.AccountNumber == "" && (cfg.Account.Currency == "" || cfg.Account.Language == "") {
		return nil, errors.New("set a Hostway account number, or currency and language for new accounts")
	}
	user, pass := cfg.Username, cfg.Password
	sched, err := cfg.NewScheduler("hostway")
	if err != nil {
		return nil, err
	}
	ac := cfg.ClientConfig(endpoint, "hostway", sched)
	// Basic goes with every call: account calls need it, and checking a
	// submitted order uses it besides the cookie. Order-builder calls add
	// the OwnerId cookie of their session.
	ac.Authorize = func(req *http.Request) error {
		req.SetBasicAuth(user, pass)
		return nil
	}
	ac.DecodeError = decodeError
	ac.Secrets = []string{pass}
	api, err := apiclient.New(ac)
	if err != nil {
		return nil, fmt.Errorf("invalid Hostway endpoint: %w", err)
	}
	c := &Client{api: api, base: api.BaseURL(), account: cfg.Account, poll: cfg.Poll, username: user}
	var clock watch.Clock
	if cfg.Poll.Clock != nil {
		clock = cfg.Poll.Clock
	}
	c.products = newProductWatch(c, clock)
	return c, nil
}

// Account returns the account settings orders use.
func (c *Client) Account() AccountSettings { return c.account }

// decodeError reads Hostway's error bodies:
// {"itemNotFound": {"guid", "message", "code", "details"}} (also
// "forbidden", "badRequest", ...). The key becomes the code and the guid
// the request id that Hostway support asks for. 401 bodies are plain text,
// which the default decoder handles.
func decodeError(status int, _ http.Header, body []byte) *apiclient.APIError {
	key, fault, ok := parseFault(body)
	if !ok {
		return nil // not Hostway's shape: the default decoder reads it
	}
	msg := fault.Message
	if d := detailsText(fault.Details); d != "" && d != msg {
		msg += " (" + d + ")"
	}
	return &apiclient.APIError{StatusCode: status, Code: key, Message: msg, RequestID: fault.GUID}
}

// hostwayFault is the object inside an error body.
type hostwayFault struct {
	GUID    string          `json:"guid"`
	Message string          `json:"message"`
	Details json.RawMessage `json:"details"`
}

// parseFault reads {"<key>": {"guid", "message", ...}}.
func parseFault(body []byte) (string, hostwayFault, bool) {
	var wrapper map[string]json.RawMessage
	if json.Unmarshal(bytes.TrimSpace(body), &wrapper) != nil || len(wrapper) != 1 {
		return "", hostwayFault{}, false
	}
	for key, raw := range wrapper {
		var f hostwayFault
		if json.Unmarshal(raw, &f) == nil && f.Message != "" {
			return key, f, true
		}
	}
	return "", hostwayFault{}, false
}

// detailsText renders the details field, which may be a string or JSON.
func detailsText(raw json.RawMessage) string {
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return strings.TrimSpace(s)
	}
	return string(raw)
}

// do sends one request.
func (c *Client) do(ctx context.Context, method, path string, query url.Values, body, out any) (*apiclient.Response, error) {
	return c.api.Do(ctx, apiclient.Request{Method: method, Path: path, Query: query, Body: body}, out)
}

// listPage is Hostway's list envelope.
type listPage[T any] struct {
	List  []T    `json:"list"`
	Links []Link `json:"links"`
}

// list reads every page of a collection, following rel="next". page and
// pageSize go together or not at all (api-reference §3a); asking for the
// largest page keeps calls few. A server that answers 303 instead (a
// pageSize it finds too large) is followed by the HTTP client, which sends
// the credentials along to the same host.
func list[T any](ctx context.Context, c *Client, path string, query url.Values) ([]T, error) {
	q := url.Values{}
	for k, v := range query {
		q[k] = v
	}
	q.Set("page", "1")
	q.Set("pageSize", strconv.Itoa(maxPageSize))
	req := apiclient.Request{Method: http.MethodGet, Path: path, Query: q}
	var all []T
	seen := map[string]bool{}
	for {
		var page listPage[T]
		if _, err := c.api.Do(ctx, req, &page); err != nil {
			return nil, err
		}
		all = append(all, page.List...)
		next := LinkHref(page.Links, "next")
		if next == "" || len(page.List) == 0 || seen[next] {
			return all, nil
		}
		seen[next] = true
		// Follow only the link's path and query: credentials go to the
		// configured endpoint only, whatever host the API names.
		u, err := url.Parse(next)
		if err != nil {
			return nil, fmt.Errorf("invalid pagination link %q: %w", next, err)
		}
		req = apiclient.Request{Method: http.MethodGet, Path: u.RequestURI()}
	}
}

// idFromURL returns the last path segment of a URL: Hostway's ids are
// the last segment of the URLs in Location headers and links.
func idFromURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	p := strings.TrimRight(u.EscapedPath(), "/")
	id := p[strings.LastIndex(p, "/")+1:]
	if unescaped, err := url.PathUnescape(id); err == nil {
		return unescaped
	}
	return id
}

// locationRef reads the Location header of a 201. A relative Location is
// resolved against the request URL's endpoint.
func (c *Client) locationRef(resp *apiclient.Response, what string) (Ref, error) {
	loc := resp.Header.Get("Location")
	if loc == "" {
		return Ref{}, fmt.Errorf("hostway API: the answer to creating %s has no Location header, so its id is unknown", what)
	}
	u, err := url.Parse(loc)
	if err != nil {
		return Ref{}, fmt.Errorf("hostway API: the Location header %q of the new %s is not a URL: %w", loc, what, err)
	}
	abs := c.base.ResolveReference(u).String()
	id := idFromURL(abs)
	// "." and ".." (also escaped, %2E) are dot segments, not ids: a path
	// built from them would name the collection or its parent.
	if id == "" || id == "." || id == ".." {
		return Ref{}, fmt.Errorf("hostway API: the Location header %q of the new %s names no id", loc, what)
	}
	return Ref{ID: id, URL: abs}, nil
}

// Link is one entry of a links array.
type Link struct {
	Href string `json:"href"`
	Rel  string `json:"rel"`
}

// LinkHref returns the href of the first link with rel, or "".
func LinkHref(links []Link, rel string) string {
	for _, l := range links {
		if strings.EqualFold(l.Rel, rel) {
			return l.Href
		}
	}
	return ""
}
