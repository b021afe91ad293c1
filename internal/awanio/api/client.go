// Package api is the Awanio API client: requests, API types, paths, waits
// and lookups, with no Terraform types. HTTP goes through internal/apiclient;
// this package adds what is Awanio's own: JWT login, the
// {"data": ..., "result": true} envelope, its error format and its
// pagination. The resources and data sources in internal/awanio use only
// its exported surface; ../README.md says how to add an object.
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
	"sync"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/memo"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waiter"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/watch"
)

const (
	backendName = "awanio"
	// listPageSize is asked for on every list; the API may use less.
	listPageSize = 100
	// maxListPages stops a server that keeps announcing more pages.
	maxListPages = 10000
)

// Config configures a Client. Endpoint and either Token or Username and
// Password are required.
type Config struct {
	// Endpoint is the API root including its version, for example
	// https://api.example.awan.io/v2. No default: no production host is known.
	Endpoint string
	// Token is a JWT to use as it is. With Username and Password instead,
	// the client logs in (Authenticate) and logs in again once when a
	// request is refused with 401, e.g. because the JWT expired.
	Token              string
	Username, Password string
	// OrganizationUUID and ProjectUUID are the provider-level defaults for
	// objects whose configuration names neither.
	OrganizationUUID, ProjectUUID string

	// Transport is how the client sends, retries, paces and polls; its
	// MaxRequestsPerSecond counts logins too.
	apiclient.Transport
}

// Client talks to the Awanio API. It is safe for concurrent use.
type Client struct {
	cfg  Config
	hc   *http.Client
	base *url.URL
	// anon sends the calls that need no JWT (login, register, verify).
	anon *apiclient.Client
	// sched paces anon and every session's client as one backend.
	sched *apiclient.Scheduler

	mu   sync.RWMutex
	sess *session // nil until logged in when no token was given
	// loginMu lets one goroutine log in while the others wait for it.
	loginMu sync.Mutex
	// refused (loginMu) is the error of a login that Awanio refused
	// (wrong username or password). Another try cannot succeed and may
	// count against a lockout, so later calls get the same error.
	refused error
	// mask hides the password and every JWT this client held, in the
	// errors it builds itself (apiclient masks its own).
	maskMu  sync.RWMutex
	secrets []string

	// me caches CurrentUser.
	meMu sync.Mutex
	me   *UserDetail

	// creates is the server's clock and the objects this client's
	// creates made (createOnce).
	creates createLog
	// projectOrgs maps a project (its lower-case UUID) to its
	// organization (ownerOrganization).
	projectOrgs memo.Memo[string, string]
	// vms shares the polls of one owner's VM waits (watch.go).
	vms *watch.Watcher[Group, VM]
}

// NewClient validates cfg and builds a client. It does not call the API:
// Authenticate logs in.
func NewClient(cfg Config) (*Client, error) {
	base, err := url.Parse(strings.TrimSpace(cfg.Endpoint))
	if err != nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" {
		return nil, fmt.Errorf("the Awanio endpoint %q is not an absolute http(s) URL such as https://api.example.awan.io/v2", cfg.Endpoint)
	}
	base.RawQuery, base.Fragment = "", ""
	if !strings.HasSuffix(base.Path, "/") {
		base.Path += "/"
	}
	if cfg.Token == "" && (cfg.Username == "" || cfg.Password == "") {
		return nil, errors.New("awanio: give a token, or a username and a password")
	}
	if cfg.Token != "" && cfg.Password != "" {
		return nil, errors.New("awanio: give a token or a username and a password, not both")
	}
	c := &Client{cfg: cfg, hc: cfg.HTTPClient, base: base}
	c.vms = newVMWatch(c)
	if c.hc == nil {
		// One transport for every session, so connections are reused
		// across logins.
		c.hc = apiclient.NewHTTPClient()
	}
	c.addSecret(cfg.Password)
	if c.sched, err = cfg.NewScheduler(backendName); err != nil {
		return nil, err
	}
	if c.anon, err = c.newAPI(""); err != nil {
		return nil, err
	}
	if cfg.Token != "" {
		if err := c.setSession(cfg.Token); err != nil {
			return nil, err
		}
	}
	return c, nil
}

func (c *Client) newAPI(token string) (*apiclient.Client, error) {
	cfg := c.cfg.ClientConfig(c.base.String(), backendName, c.sched)
	cfg.HTTPClient = c.hc
	cfg.DecodeError = decodeError
	cfg.Secrets = c.secretList()
	if token != "" {
		cfg.Authorize = func(req *http.Request) error {
			req.Header.Set("Authorization", "Bearer "+token)
			return nil
		}
	}
	return apiclient.New(cfg)
}

// Endpoint is the API root the client talks to.
func (c *Client) Endpoint() string { return strings.TrimSuffix(c.base.String(), "/") }

// Defaults.

// DefaultOrganizationUUID is the provider-level organization_uuid, or "".
func (c *Client) DefaultOrganizationUUID() string { return c.cfg.OrganizationUUID }

// DefaultProjectUUID is the provider-level project_uuid, or "".
func (c *Client) DefaultProjectUUID() string { return c.cfg.ProjectUUID }

func (c *Client) poll() waiter.Options { return c.cfg.Poll }

// The envelope.

// envelope is every Awanio answer: {"data": ..., "result": true} on
// success, lists with meta.pagination, and errors with error, error_code
// and message.
type envelope struct {
	Data      json.RawMessage `json:"data"`
	Result    *Bool           `json:"result"`
	Meta      *meta           `json:"meta"`
	Error     String          `json:"error"`
	ErrorCode String          `json:"error_code"`
	Message   String          `json:"message"`
}

type meta struct {
	Pagination *Pagination `json:"pagination"`
}

// Pagination is meta.pagination of a list answer.
type Pagination struct {
	Page     Int `json:"page"`
	PerPage  Int `json:"per_page"`
	Total    Int `json:"total"`
	LastPage Int `json:"last_page"`
}

// dataIsNull reports an answer without data (the project create of the
// documentation answers "data": null).
func (e *envelope) dataIsNull() bool {
	d := bytes.TrimSpace(e.Data)
	return len(d) == 0 || string(d) == "null"
}

// decodeError reads Awanio's error body into an APIError: Code is
// error_code ("401-3"), Message is message (or error when message is
// empty). Other bodies fall back to the shared decoder.
func decodeError(status int, header http.Header, body []byte) *apiclient.APIError {
	var env envelope
	if json.Unmarshal(body, &env) == nil && (env.ErrorCode != "" || env.Message != "" || env.Error != "") {
		msg := string(env.Message)
		if msg == "" {
			msg = string(env.Error)
		}
		return &apiclient.APIError{StatusCode: status, Code: string(env.ErrorCode), Message: msg}
	}
	return apiclient.DefaultDecodeError(status, header, body)
}

// statusFromCode reads the HTTP status an Awanio error code starts with
// ("404-1" → 404), so that a 200 answer with result false and a 404-style
// code still counts as not found.
func statusFromCode(code string) (int, bool) {
	head, _, _ := strings.Cut(code, "-")
	n, err := strconv.Atoi(head)
	if err != nil || n < 400 || n > 599 {
		return 0, false
	}
	return n, true
}

// call sends an authenticated request and unwraps the envelope: data is
// decoded into out when out is non-nil and data is not null. A 401 makes
// one new login, when a password is configured, and one more attempt.
func (c *Client) call(ctx context.Context, req apiclient.Request, out any) (*envelope, error) {
	s := c.session()
	if s == nil {
		if err := c.relogin(ctx, nil); err != nil {
			return nil, err
		}
		s = c.session()
	}
	env, err := c.send(ctx, s.api, req, out)
	if !apiclient.IsUnauthorized(err) {
		return env, err
	}
	if !c.canLogin() {
		return nil, fmt.Errorf("%w\n\nAwanio refused the configured token; it may have expired. Set a fresh token, "+
			"or username and password so that the provider can log in again by itself", err)
	}
	if lerr := c.relogin(ctx, s); lerr != nil {
		return nil, fmt.Errorf("%w; logging in again failed: %w", err, lerr)
	}
	return c.send(ctx, c.session().api, req, out)
}

// send makes one API call through api and unwraps the envelope.
func (c *Client) send(ctx context.Context, api *apiclient.Client, req apiclient.Request, out any) (*envelope, error) {
	var raw []byte
	resp, err := api.Do(ctx, req, &raw)
	if resp != nil {
		c.creates.server.Observe(resp.Header, time.Now())
	}
	if err != nil {
		return nil, err
	}
	method := strings.ToUpper(req.Method)
	if method == "" {
		method = http.MethodGet
	}
	var env envelope
	if out != nil && len(bytes.TrimSpace(raw)) == 0 {
		// Awanio always answers an envelope; an empty body (a proxy, a
		// server bug) must not read as an object with no fields.
		return nil, fmt.Errorf("awanio API: %s %s: the answer has an empty body where Awanio's JSON envelope was expected", method, c.logPath(req.Path))
	}
	if len(bytes.TrimSpace(raw)) > 0 {
		if err := json.Unmarshal(raw, &env); err != nil {
			return nil, fmt.Errorf("awanio API: %s %s: the answer is not Awanio's JSON envelope: %w", method, c.logPath(req.Path), apiclient.NewDecodeError(err))
		}
	}
	if env.Result != nil && !bool(*env.Result) {
		return nil, c.resultFalse(method, req.Path, &env)
	}
	if out != nil && !env.dataIsNull() {
		if err := json.Unmarshal(env.Data, out); err != nil {
			return nil, fmt.Errorf("awanio API: %s %s: decoding data: %w", method, c.logPath(req.Path), apiclient.NewDecodeError(err))
		}
	}
	return &env, nil
}

// resultFalse turns a 2xx answer with "result": false into an APIError.
func (c *Client) resultFalse(method, path string, env *envelope) error {
	status := http.StatusOK
	if s, ok := statusFromCode(string(env.ErrorCode)); ok {
		status = s
	}
	msg := string(env.Message)
	if msg == "" {
		msg = string(env.Error)
	}
	if msg == "" {
		msg = "the API answered result: false without a message"
	}
	return &apiclient.APIError{
		Backend:    backendName,
		Method:     method,
		URL:        c.logPath(path),
		StatusCode: status,
		Code:       c.maskSecrets(string(env.ErrorCode)),
		Message:    c.maskSecrets(msg),
	}
}

// logPath is the request path below the endpoint as errors show it.
func (c *Client) logPath(p string) string {
	return c.maskSecrets(strings.TrimSuffix(c.base.Path, "/") + "/" + strings.TrimPrefix(p, "/"))
}

// get, post, put and del are call with a method; body may be nil.
func (c *Client) get(ctx context.Context, path string, query url.Values, out any) (*envelope, error) {
	return c.call(ctx, apiclient.Request{Method: http.MethodGet, Path: path, Query: query}, out)
}

func (c *Client) post(ctx context.Context, path string, body, out any) (*envelope, error) {
	return c.call(ctx, apiclient.Request{Method: http.MethodPost, Path: path, Body: body}, out)
}

func (c *Client) put(ctx context.Context, path string, body, out any) (*envelope, error) {
	return c.call(ctx, apiclient.Request{Method: http.MethodPut, Path: path, Body: body}, out)
}

// del sends a DELETE. Awanio answers 200 with a body ("data": "deleted").
func (c *Client) del(ctx context.Context, path string) error {
	_, err := c.call(ctx, apiclient.Request{Method: http.MethodDelete, Path: path}, nil)
	return err
}

// getOne reads the object at path.
func getOne[T any](ctx context.Context, c *Client, path string) (*T, error) {
	var v T
	if _, err := c.get(ctx, path, nil, &v); err != nil {
		return nil, err
	}
	return &v, nil
}

// postOne sends body to path and reads the object of the answer.
func postOne[T any](ctx context.Context, c *Client, path string, body any) (*T, error) {
	var v T
	if _, err := c.post(ctx, path, body, &v); err != nil {
		return nil, err
	}
	return &v, nil
}

// sendOne sends body to path and reads the object of the answer; nil when
// the answer has none (data: null, or an object without a uuid), for the
// caller to find or read it otherwise.
func sendOne[T any](ctx context.Context, c *Client, method, path string, body any, uuid func(*T) string) (*T, error) {
	var v T
	env, err := c.call(ctx, apiclient.Request{Method: method, Path: path, Body: body}, &v)
	if err != nil {
		return nil, err
	}
	if env.dataIsNull() || uuid(&v) == "" {
		return nil, nil
	}
	return &v, nil
}

// list reads every page of a collection, following meta.pagination. An
// answer without pagination meta is the whole list.
func list[T any](ctx context.Context, c *Client, path string, query url.Values) ([]T, error) {
	var all []T
	page := 1
	for range maxListPages {
		q := url.Values{}
		for k, v := range query {
			q[k] = append([]string(nil), v...)
		}
		q.Set("page", strconv.Itoa(page))
		q.Set("per_page", strconv.Itoa(listPageSize))
		var items []T
		env, err := c.get(ctx, path, q, &items)
		if err != nil {
			return nil, err
		}
		all = append(all, items...)
		p := env.pagination()
		if p == nil || len(items) == 0 {
			return all, nil
		}
		current := int(p.Page)
		if current <= 0 {
			current = page
		}
		if current >= int(p.LastPage) {
			return all, nil
		}
		page = current + 1
	}
	return nil, fmt.Errorf("awanio API: GET %s: more than %d pages; giving up", c.logPath(path), maxListPages)
}

func (e *envelope) pagination() *Pagination {
	if e == nil || e.Meta == nil {
		return nil
	}
	return e.Meta.Pagination
}

// oneOrMany decodes data that is documented as an object but may be a list
// (GET kubernetes/versions), or the other way round.
func oneOrMany[T any](raw json.RawMessage) ([]T, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	if raw[0] == '[' {
		var many []T
		err := json.Unmarshal(raw, &many)
		return many, err
	}
	var one T
	if err := json.Unmarshal(raw, &one); err != nil {
		return nil, err
	}
	return []T{one}, nil
}
