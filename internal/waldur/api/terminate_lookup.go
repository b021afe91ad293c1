package api

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
)

// ErrResourceTerminated is returned by TerminateResource when the answer
// to the terminate was lost and the resource turned out to be terminated
// already, with no Terminate order of this request to wait for.
var ErrResourceTerminated = errors.New("the marketplace resource is terminated already")

// TerminateResource places a Terminate order for a marketplace resource and
// returns the order's UUID. attributes may be nil.
//
// When the answer to the POST is lost after Waldur may have acted, the
// order is looked up (see findTerminateOrder) before the POST is sent
// again, so that a resource never gets a second Terminate order: a
// Terminate order in progress, or one placed since the request was sent,
// is returned to be waited for. A resource that is gone answers the GET's
// 404; one that is terminated without such an order answers
// ErrResourceTerminated.
func (c *Client) TerminateResource(ctx context.Context, uuid string, attributes map[string]any) (string, error) {
	body := map[string]any{}
	if attributes != nil {
		body["attributes"] = attributes
	}
	for attempt := 1; ; attempt++ {
		before := c.server.latest()
		sent := time.Now()
		orderUUID, err := c.resourceOrder(ctx, uuid, "terminate", body)
		if err == nil || !apiclient.MayHaveBeenProcessed(err) {
			return orderUUID, err
		}
		tflog.Warn(ctx, "the answer to a terminate was lost; looking for the Terminate order", map[string]any{
			"marketplace_resource_uuid": uuid, "error": err.Error(),
		})
		found, lookupErr := c.findTerminateOrderRetrying(ctx, uuid, sent, before)
		switch {
		case lookupErr != nil && (apiclient.IsNotFound(lookupErr) || errors.Is(lookupErr, ErrResourceTerminated)):
			return "", lookupErr
		case lookupErr != nil:
			return "", fmt.Errorf("%w; looking for the Terminate order it may have placed also failed: %w", err, lookupErr)
		case found != "":
			tflog.Info(ctx, "found the Terminate order whose answer was lost", map[string]any{"order_uuid": found, "marketplace_resource_uuid": uuid})
			return found, nil
		case attempt >= maxCreateAttempts:
			return "", err
		}
		if err := c.clock().Sleep(ctx, c.createRetryDelay*time.Duration(attempt)); err != nil {
			return "", err
		}
	}
}

// findTerminateOrderRetrying is findTerminateOrder, tried again after a
// failed lookup (a 404 of the resource is an answer, not a failure).
func (c *Client) findTerminateOrderRetrying(ctx context.Context, uuid string, sent time.Time, before dateObservation) (string, error) {
	for attempt := 1; ; attempt++ {
		found, err := c.findTerminateOrder(ctx, uuid, sent, before)
		if err == nil || attempt >= maxLookupAttempts || apiclient.IsNotFound(err) || errors.Is(err, ErrResourceTerminated) {
			return found, err
		}
		tflog.Warn(ctx, "looking for the Terminate order of a lost answer failed; looking again", map[string]any{"error": err.Error()})
		if err := c.clock().Sleep(ctx, c.createRetryDelay*time.Duration(attempt)); err != nil {
			return "", err
		}
	}
}

// findTerminateOrder looks for the Terminate order that a terminate sent at
// local time sent may have placed for the resource; before is the server's
// Date as last seen before it. "" without an error means there is none,
// and the terminate may be sent again.
//
//  1. The resource is read: gone is the GET's 404; a Terminate order in
//     progress (pending approval or executing) is the one to wait for,
//     whoever placed it, since Waldur takes one order per resource.
//  2. Otherwise the resource's Terminate orders created since the request
//     reached the server, on the server's own clock (see notBefore), are
//     listed: one that already ended (done, erred) is still this
//     request's, and the newest is returned. Older Terminate orders (an
//     earlier one that was rejected or erred) are not this request's.
//  3. A resource that is Terminated without such an order was terminated
//     by someone else: ErrResourceTerminated.
func (c *Client) findTerminateOrder(ctx context.Context, uuid string, sent time.Time, before dateObservation) (string, error) {
	res, err := c.GetMarketplaceResource(ctx, uuid)
	if err != nil {
		return "", err
	}
	if open := res.PendingTerminate(); open != "" {
		return open, nil
	}
	// The GET's Date is a bound too, and always known when Waldur sends
	// one: a time on the server's clock after the request was sent.
	since, bounded := notBefore(sent, before, c.server.latest())
	if !bounded {
		since = sent.Add(-createLookBack)
	}
	orders, err := c.ListOrders(ctx, OrderListFilter{
		ResourceUUID: uuid,
		Types:        []string{orderTypeTerminate},
		CreatedAfter: since.UTC().Format(time.RFC3339),
		Ordering:     "-created",
	})
	if err != nil {
		return "", err
	}
	var matches []Order
	for _, o := range orders {
		if o.Type == orderTypeTerminate && !createdBefore(o, since) && sameResource(o, uuid) {
			matches = append(matches, o)
		}
	}
	if len(matches) > 0 {
		return newestOrder(matches).UUID, nil
	}
	if res.State == ResourceTerminated {
		return "", ErrResourceTerminated
	}
	return "", nil
}

// PendingTerminate is the UUID of the resource's Terminate order that has
// not ended yet (pending approval or executing); "" when there is none.
// Waldur takes one order per resource at a time, so while there is one, a
// terminate is waited for, never placed again.
func (r *MarketplaceResource) PendingTerminate() string {
	open := r.OrderInProgress
	if open == nil || open.Type != orderTypeTerminate || slices.Contains(orderFinalStates, open.State) {
		return ""
	}
	return open.UUID
}

// orderTypeTerminate is the type of the order a terminate places.
const orderTypeTerminate = "Terminate"

// sameResource reports whether o is an order of the marketplace resource
// uuid; an order that does not say is taken at the filter's word.
func sameResource(o Order, uuid string) bool {
	if o.MarketplaceResourceUUID == nil || *o.MarketplaceResourceUUID == "" {
		return true
	}
	return SameRef(refResource, *o.MarketplaceResourceUUID, uuid)
}
