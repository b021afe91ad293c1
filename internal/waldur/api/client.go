// Package api is the Waldur marketplace API client: requests, API types,
// paths (paths.go), waits (wait.go), the lookup of an order whose create
// answer was lost (order_lookup.go) and the parsing of references. It
// knows nothing of Terraform: the resources and data sources in package
// waldur use its exported surface only.
package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/journal"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waiter"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/watch"
)

// maxPageSize is Waldur's upper bound for page_size; asking for it keeps
// list calls (and following Link: next) to a minimum.
const maxPageSize = 300

// maxListPages bounds how many pages a list follows: 3 million objects.
const maxListPages = 10000

// Config configures a Waldur client.
type Config struct {
	// Endpoint is the Waldur server, with or without the /api suffix
	// (https://api.wayscloud.services or https://api.wayscloud.services/api/).
	Endpoint string
	Token    string
	// Transport is how the client sends, retries, paces and polls (orders
	// and resources).
	apiclient.Transport
	// WaitGather is how long a shared list of a project's orders waits for
	// more polls to join it (order_watch.go); 0 takes the default, a
	// negative value lists at once.
	WaitGather time.Duration
}

// Client talks to the Waldur marketplace API.
type Client struct {
	api  *apiclient.Client
	base *url.URL // {endpoint}/api/
	poll waiter.Options
	// createRetryDelay separates attempts of a create whose answer was lost.
	createRetryDelay time.Duration
	// server is Waldur's clock as its Date headers tell it.
	server serverClock
	// claims are the orders this client's creates placed or adopted.
	claims orderClaims
	// orders shares the polls of each project's orders (order_watch.go).
	orders *orderWatch
	// journal records the order creates in flight (order_journal.go);
	// nil when off.
	journal *journal.Journal
}

// NewClient validates the configuration and builds a client.
func NewClient(cfg Config) (*Client, error) {
	base, err := apiBaseURL(cfg.Endpoint)
	if err != nil {
		return nil, err
	}
	if cfg.Token == "" {
		return nil, errors.New("the Waldur API token is empty")
	}
	token := cfg.Token
	sched, err := cfg.NewScheduler("waldur")
	if err != nil {
		return nil, err
	}
	ac := cfg.ClientConfig(base.String(), "waldur", sched)
	ac.Authorize = func(req *http.Request) error {
		req.Header.Set("Authorization", "Token "+token)
		return nil
	}
	// Waldur answers Django REST framework errors ({"detail": ...} or
	// field → [messages]), which the default decoder renders.
	ac.Secrets = []string{token}
	api, err := apiclient.New(ac)
	if err != nil {
		return nil, err
	}
	delay := cfg.MinBackoff
	if delay <= 0 {
		delay = time.Second
	}
	c := &Client{api: api, base: base, poll: cfg.Poll, createRetryDelay: delay}
	var clock watch.Clock // nil: the wall clock
	if cfg.Poll.Clock != nil {
		clock = cfg.Poll.Clock
	}
	gather := cfg.WaitGather
	switch {
	case gather == 0:
		gather = defaultWaitGather
	case gather < 0:
		gather = 0
	}
	c.orders = newOrderWatch(c, clock, gather)
	return c, nil
}

// apiBaseURL turns the configured endpoint into the API root ending in /api/.
func apiBaseURL(endpoint string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(endpoint))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("the Waldur endpoint %q is not an absolute http(s) URL such as https://waldur.example.com", endpoint)
	}
	p := strings.TrimRight(u.Path, "/")
	p = strings.TrimSuffix(p, "/api")
	u.Path = p + "/api/"
	u.RawQuery, u.Fragment = "", ""
	return u, nil
}

// link builds an absolute hyperlink below the API root, the form Waldur
// expects for project, offering and plan.
func (c *Client) link(parts ...string) string {
	return c.base.JoinPath(parts...).String() + "/"
}

// ProjectURL is the hyperlink of a project.
func (c *Client) ProjectURL(projectUUID string) string { return c.link(projectsPath, projectUUID) }

// OfferingURL is the hyperlink of a public offering.
func (c *Client) OfferingURL(offeringUUID string) string {
	return c.link(publicOfferingsPath, offeringUUID)
}

// PlanURL is the hyperlink of a plan of a public offering.
func (c *Client) PlanURL(offeringUUID, planUUID string) string {
	return c.link(publicOfferingsPath, offeringUUID, plansPath, planUUID)
}

// clock is the poll clock, so that tests that fake time fake every wait.
func (c *Client) clock() waiter.Clock {
	if c.poll.Clock != nil {
		return c.poll.Clock
	}
	return waiter.RealClock{}
}

func (c *Client) do(ctx context.Context, method, path string, body, out any) (*apiclient.Response, error) {
	return c.send(ctx, apiclient.Request{Method: method, Path: path, Body: body}, out)
}

// send is the one way this client reaches Waldur: every answer's Date
// header feeds the server clock that bounds lost-create lookups.
func (c *Client) send(ctx context.Context, req apiclient.Request, out any) (*apiclient.Response, error) {
	resp, err := c.api.Do(ctx, req, out)
	if resp != nil {
		c.server.observe(resp.Header, time.Now())
	}
	return resp, err
}

// list reads every page of a collection, following the Link: rel="next"
// header as Waldur's clients do.
func list[T any](ctx context.Context, c *Client, path string, query url.Values) ([]T, error) {
	q := url.Values{}
	for k, v := range query {
		q[k] = v
	}
	q.Set("page_size", fmt.Sprint(maxPageSize))
	req := apiclient.Request{Method: http.MethodGet, Path: path, Query: q}
	var all []T
	// A server whose rel="next" never ends (or points back at the same
	// page) must not keep the provider reading until the timeout.
	for range maxListPages {
		var page []T
		resp, err := c.send(ctx, req, &page)
		if err != nil {
			return nil, err
		}
		all = append(all, page...)
		next := apiclient.NextLink(resp.Header)
		if next == "" || len(page) == 0 {
			return all, nil
		}
		// Follow only the link's path and query: behind a proxy Waldur may
		// build links with an internal host name, and credentials must go
		// to the configured endpoint only.
		u, err := url.Parse(next)
		if err != nil {
			return nil, fmt.Errorf("invalid pagination link %q: %w", next, err)
		}
		req = apiclient.Request{Method: http.MethodGet, Path: u.RequestURI()}
	}
	return nil, fmt.Errorf("waldur API: GET %s: more than %d pages of %d; giving up", path, maxListPages, maxPageSize)
}
