package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/adopt"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/journal"
)

// createLookBack widens the created-after filter used to find an order whose
// create answer was lost when the server sent no Date header to bound it
// by its own clock: clock skew between this machine and the server must
// not hide the order.
const createLookBack = 10 * time.Minute

// maxCreateAttempts bounds how often a create whose answer was lost is sent
// again after a lookup found nothing.
const maxCreateAttempts = 3

// CreateOrder places an order. Waldur has no idempotency key, so when the
// answer to the POST is lost after the server may have acted, the order is
// looked up (see findCreatedOrder) before the POST is sent again: a retried
// create never places a second order, and an order it placed is returned.
//
// With the journal on, the entries that a killed run left with the same
// request are settled first (order_journal.go), and the order's own entry
// is written before the POST and names the order after the answer.
func (c *Client) CreateOrder(ctx context.Context, req OrderCreateRequest) (*Order, error) {
	var fp string
	if c.journal != nil {
		fp = c.orderFingerprint(req)
		if found, err := c.orderFromJournal(ctx, req, fp); err != nil || found != nil {
			return found, err
		}
	}
	entry := c.beginOrder(ctx, req, fp)
	o, err := c.createOrder(ctx, req)
	if err == nil {
		entry.Finish(ctx, nil, orderIDs(o)...)
	} else {
		entry.Finish(ctx, err)
	}
	return o, err
}

// createOrder is CreateOrder after the journal: the POST, and the lookup
// of a lost answer. An error after a lost answer is journal.Uncertain.
func (c *Client) createOrder(ctx context.Context, req OrderCreateRequest) (*Order, error) {
	for attempt := 1; ; attempt++ {
		before := c.server.latest()
		sent := time.Now()
		var o Order
		_, err := c.do(ctx, http.MethodPost, ordersPath, req, &o)
		if err == nil {
			c.completeLinks(&o)
			c.claims.claim(o.UUID)
			c.orders.created(&o)
			return &o, nil
		}
		if !apiclient.MayHaveBeenProcessed(err) {
			if attempt > 1 {
				return nil, journal.Uncertain(err)
			}
			return nil, err
		}
		// Look also after the last attempt: it may be the one that
		// created the order.
		tflog.Warn(ctx, "the answer to an order create was lost; looking for the order", map[string]any{"error": err.Error()})
		found, lookupErr := c.findCreatedOrderRetrying(ctx, req, sent, before)
		if lookupErr != nil {
			return nil, journal.Uncertain(fmt.Errorf("%w; looking for the order it may have created also failed: %w", err, lookupErr))
		}
		if found != nil {
			tflog.Info(ctx, "found the order whose create answer was lost", map[string]any{"order_uuid": found.UUID})
			c.orders.created(found)
			return found, nil
		}
		if attempt >= maxCreateAttempts {
			return nil, journal.Uncertain(err)
		}
		if err := c.clock().Sleep(ctx, c.createRetryDelay*time.Duration(attempt)); err != nil {
			return nil, err
		}
	}
}

// maxLookupAttempts bounds the lookups for the order of a lost answer. A
// lookup is a read and safe to repeat; giving up after one failed lookup
// (e.g. a 500, which the HTTP layer does not retry) would leave an order
// that exists but is tracked nowhere, and the next apply would order again.
const maxLookupAttempts = 3

// findCreatedOrderRetrying is findCreatedOrder, tried again after a failed
// lookup.
func (c *Client) findCreatedOrderRetrying(ctx context.Context, req OrderCreateRequest, sent time.Time, before dateObservation) (*Order, error) {
	for attempt := 1; ; attempt++ {
		found, err := c.findCreatedOrder(ctx, req, sent, before)
		if err == nil || attempt >= maxLookupAttempts {
			return found, err
		}
		tflog.Warn(ctx, "looking for the order of a lost answer failed; looking again", map[string]any{"error": err.Error()})
		if err := c.clock().Sleep(ctx, c.createRetryDelay*time.Duration(attempt)); err != nil {
			return nil, err
		}
	}
}

// findCreatedOrder looks for the order that a POST sent at local time sent
// may have created; before is the server's Date as last seen before it.
//
// The same request may have been sent before: the same name applied,
// destroyed and applied again, or an order left running on destroy
// (terminate_on_destroy = false). Its older orders match the request just
// as well, so the candidates are singled out in three steps:
//
//  1. by time, on the server's own clock: an order created before the
//     request reached the server is not its order (see notBefore). Our
//     clock is not used: it may be minutes off the server's.
//  2. orders this client placed or adopted for another resource are
//     left out, and so are Create orders whose marketplace resource is
//     terminated, terminating or gone: a request made just now did not
//     create something that is already being removed.
//  3. when several still remain, they are the same request sent by
//     someone at the same second, and nothing on the server tells them
//     apart. Failing would be the worst answer: the order that this
//     request placed would then be in no state at all, and the next apply
//     would place another one. Adopting the newest keeps an order of this
//     very request in the state; the warning names the others, so that
//     whoever sent the same request at the same moment can be asked.
func (c *Client) findCreatedOrder(ctx context.Context, req OrderCreateRequest, sent time.Time, before dateObservation) (*Order, error) {
	projectUUID, err := ParseRef(RefProject, req.Project)
	if err != nil {
		return nil, err
	}
	offeringUUID, err := ParseRef(RefOffering, req.Offering)
	if err != nil {
		return nil, err
	}
	// A first bound, so that the list asks for little; the list's own
	// Date bounds more closely.
	since, bounded := notBefore(sent, before)
	if !bounded {
		if err := c.readServerClock(ctx, projectUUID, offeringUUID); err != nil {
			return nil, err
		}
		since, bounded = notBefore(sent, c.server.latest())
	}
	if !bounded {
		since = sent.Add(-createLookBack)
	}
	orders, err := c.ListOrders(ctx, OrderListFilter{
		ProjectUUID:  projectUUID,
		OfferingUUID: offeringUUID,
		CreatedAfter: since.UTC().Format(time.RFC3339),
		Ordering:     "-created",
	})
	if err != nil {
		return nil, err
	}
	if b, ok := notBefore(sent, before, c.server.latest()); ok {
		since, bounded = b, true
	}
	matches, err := c.orderCandidates(ctx, req, orders, since, bounded, nil)
	if err != nil {
		return nil, err
	}
	switch len(matches) {
	case 0:
		return nil, nil
	case 1:
		if !c.claims.claim(matches[0].UUID) {
			return nil, nil // another create of this client took it meanwhile
		}
		return &matches[0], nil
	}
	newest := newestOrder(matches)
	if !c.claims.claim(newest.UUID) {
		return nil, nil
	}
	var others []string
	for _, m := range matches {
		if m.UUID != newest.UUID {
			others = append(others, m.UUID)
		}
	}
	adopt.Warn(ctx, "Adopted a Waldur order after a lost answer",
		fmt.Sprintf("The answer to the create was lost, and %d orders with the same arguments were placed in the same moment: "+
			"%s was adopted, the newest one. Check that %s belong to someone else's run; if one of them is this configuration's, "+
			"it is tracked nowhere and should be removed in Waldur.", len(matches), newest.UUID, strings.Join(others, ", ")))
	return newest, nil
}

// orderCandidates are the orders that a request sent no earlier than since
// (when bounded) may have placed: they match it, are not claimed by this
// client's other creates or in exclude, and, for a Create, their resource
// is neither gone nor on its way out.
func (c *Client) orderCandidates(ctx context.Context, req OrderCreateRequest, orders []Order, since time.Time, bounded bool, exclude map[string]bool) ([]Order, error) {
	var matches []Order
	for _, o := range orders {
		if orderMatchesRequest(o, req) && (!bounded || !createdBefore(o, since)) && !c.claims.claimed(o.UUID) && !exclude[o.UUID] {
			matches = append(matches, o)
		}
	}
	if orderType(req) != "Create" {
		return matches, nil
	}
	return c.leaveOutRemoved(ctx, matches)
}

// readServerClock makes the smallest request that answers with the
// server's Date: one order of the project and offering.
func (c *Client) readServerClock(ctx context.Context, projectUUID, offeringUUID string) error {
	q := url.Values{"project_uuid": {projectUUID}, "offering_uuid": {offeringUUID}, "page_size": {"1"}}
	var page []Order
	_, err := c.send(ctx, apiclient.Request{Method: http.MethodGet, Path: ordersPath, Query: q}, &page)
	return err
}

// createdBefore reports whether o was created before t. An order whose
// timestamp cannot be read stays a candidate.
func createdBefore(o Order, t time.Time) bool {
	created, err := time.Parse(time.RFC3339Nano, o.Created)
	return err == nil && created.Before(t)
}

// leaveOutRemoved drops the Create orders whose marketplace resource is
// gone or on its way out; they cannot be what a request sent just now
// created.
func (c *Client) leaveOutRemoved(ctx context.Context, orders []Order) ([]Order, error) {
	var kept []Order
	for _, o := range orders {
		if o.MarketplaceResourceUUID == nil || *o.MarketplaceResourceUUID == "" {
			kept = append(kept, o)
			continue
		}
		res, err := c.GetMarketplaceResource(ctx, *o.MarketplaceResourceUUID)
		switch {
		case apiclient.IsNotFound(err):
			continue
		case err != nil:
			return nil, err
		case res.State == ResourceTerminated || res.State == ResourceTerminating:
			continue
		}
		kept = append(kept, o)
	}
	return kept, nil
}

// newestOrder returns the order created last; orders listed newest first
// break ties by their place in the list.
func newestOrder(orders []Order) *Order {
	best := &orders[0]
	bestAt, _ := time.Parse(time.RFC3339Nano, best.Created)
	for i := range orders[1:] {
		o := &orders[i+1]
		if at, err := time.Parse(time.RFC3339Nano, o.Created); err == nil && at.After(bestAt) {
			best, bestAt = o, at
		}
	}
	return best
}

// orderClaims are the orders that creates of one client placed or adopted,
// so that a lookup after a lost answer never hands one order to two
// resources of the same apply (count = 2 with the same arguments).
type orderClaims struct {
	mu    sync.Mutex
	taken map[string]bool
}

// claim takes uuid; false when it was taken already.
func (c *orderClaims) claim(uuid string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.taken[uuid] {
		return false
	}
	if c.taken == nil {
		c.taken = map[string]bool{}
	}
	c.taken[uuid] = true
	return true
}

func (c *orderClaims) claimed(uuid string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.taken[uuid]
}

// orderType is the type of order req places: Create unless it says otherwise.
func orderType(req OrderCreateRequest) string {
	if req.Type == "" {
		return "Create"
	}
	return req.Type
}

func orderMatchesRequest(o Order, req OrderCreateRequest) bool {
	if o.Type != orderType(req) {
		return false
	}
	if req.Plan != "" {
		if o.Plan == nil || !SameRef(RefPlan, req.Plan, *o.Plan) {
			return false
		}
	} else if o.Plan != nil && *o.Plan != "" {
		return false
	}
	if !JSONEqual(req.Attributes, o.Attributes) {
		return false
	}
	return len(req.Limits) == len(o.Limits) && (len(req.Limits) == 0 || reflect.DeepEqual(req.Limits, o.Limits))
}

// JSONEqual compares two JSON documents by value; null and absent are equal.
func JSONEqual(a, b json.RawMessage) bool {
	var va, vb any
	if len(bytes.TrimSpace(a)) > 0 {
		if json.Unmarshal(a, &va) != nil {
			return false
		}
	}
	if len(bytes.TrimSpace(b)) > 0 {
		if json.Unmarshal(b, &vb) != nil {
			return false
		}
	}
	return reflect.DeepEqual(va, vb)
}
