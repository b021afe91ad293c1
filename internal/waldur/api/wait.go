package api

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waiter"
)

// orderNotFoundChecks tolerates a few 404s right after an order is placed,
// for Waldur deployments that read from replicas.
const orderNotFoundChecks = 3

// OrderWait configures WaitForOrder.
type OrderWait struct {
	Timeout time.Duration
	// ApproveAsConsumer approves the order when it waits in pending-consumer.
	ApproveAsConsumer bool
	// ApproveAsProvider approves the order when it waits in
	// pending-provider; the token's user must hold the provider's role.
	ApproveAsProvider bool
	// Target defaults to done.
	Target []string
}

// WaitForOrder polls an order until it reaches a target state. erred,
// rejected and canceled orders (or any other unexpected state) end the
// wait with the order's own error_message. Orders waiting for a person's
// approval are not an error: the wait goes on until the timeout, and the
// timeout error says who must approve.
func (c *Client) WaitForOrder(ctx context.Context, uuid string, opts OrderWait) (*Order, error) {
	target := opts.Target
	if len(target) == 0 {
		target = []string{OrderDone}
	}
	// Each approval is given once: if it does not move the order on,
	// the wait goes on and the timeout says so.
	approved := map[string]bool{}
	poll := c.newOrderPoll(uuid)
	defer poll.done()
	refresh := func(ctx context.Context) (*Order, string, error) {
		o, err := poll.get(ctx)
		if apiclient.IsNotFound(err) {
			return nil, "", waiter.NotFound(err)
		}
		if err != nil {
			return nil, "", err
		}
		for _, a := range orderApprovals(opts) {
			if o.State != a.state || approved[a.state] {
				continue
			}
			tflog.Info(ctx, "approving the order as "+a.role, map[string]any{"order_uuid": uuid})
			if err := a.approve(c, ctx, uuid); err != nil {
				return o, o.State, fmt.Errorf("approving order %s as %s: %w", uuid, a.role, err)
			}
			approved[a.state] = true
			if o, err = poll.read(ctx); err != nil {
				return nil, "", err
			}
		}
		return o, o.State, nil
	}
	warned := map[string]bool{}
	return waiter.Wait(ctx, waiter.Config[*Order]{
		Refresh: refresh,
		Pending: orderPendingStates,
		Target:  target,
		// A state Waldur's OpenAPI does not list (the WAYSCloud page
		// shows "Creating") is not a failure: the order is still on its
		// way until it reaches a final state or the timeout.
		Failed: finalStatesBut(target),
		OnUnknownState: func(state string) {
			if !warned[state] {
				warned[state] = true
				tflog.Warn(ctx, "the order is in a state the provider does not know; waiting on as if it were pending",
					map[string]any{"order_uuid": uuid, "state": state})
			}
		},
		Timeout:        opts.Timeout,
		NotFoundChecks: orderNotFoundChecks,
		FailureMessage: func(o *Order, state string) string {
			if o == nil {
				return ""
			}
			if o.ErrorMessage != "" {
				return o.ErrorMessage
			}
			return fmt.Sprintf("the order ended %s without an error message", state)
		},
		PendingHint: func(o *Order, state string) string { return orderPendingHint(o, state, opts) },
		Options:     c.poll,
	})
}

// finalStatesBut lists the order states that end a wait as failed: the
// final ones that are not a target.
func finalStatesBut(target []string) []string {
	var out []string
	for _, s := range orderFinalStates {
		if !slices.Contains(target, s) {
			out = append(out, s)
		}
	}
	return out
}

// orderApproval is an approval WaitForOrder may give.
type orderApproval struct {
	state, role string
	approve     func(c *Client, ctx context.Context, uuid string) error
}

// orderApprovals lists the approvals opts asks for, in the order an order
// needs them (consumer first, then provider).
func orderApprovals(opts OrderWait) []orderApproval {
	var out []orderApproval
	if opts.ApproveAsConsumer {
		out = append(out, orderApproval{OrderPendingConsumer, "consumer", (*Client).ApproveOrderByConsumer})
	}
	if opts.ApproveAsProvider {
		out = append(out, orderApproval{OrderPendingProvider, "service provider", (*Client).ApproveOrderByProvider})
	}
	return out
}

// orderPendingHint explains, in a timeout error, what an order waits for
// and who must act.
func orderPendingHint(o *Order, state string, opts OrderWait) string {
	switch state {
	case OrderPendingConsumer:
		if opts.ApproveAsConsumer {
			return "the order waits for approval by the consumer, but approving it did not move it on"
		}
		return "the order waits for approval by a project manager or organization owner (consumer); approve it in Waldur or set approve = true"
	case OrderPendingProvider:
		if opts.ApproveAsProvider {
			return "the order waits for approval by the service provider, but approving it did not move it on"
		}
		return "the order waits for approval by the service provider of the offering (an owner or manager of the providing organization); " +
			"ask them to approve it in Waldur, or set approve_as_provider = true if your token holds that role"
	case OrderPendingProject:
		return "the order waits for its project to become active (for example its start date); the organization's owner can change that in Waldur"
	case OrderPendingStartDate:
		if o != nil && o.StartDate != nil {
			return "the order waits for its start_date " + *o.StartDate
		}
		return "the order waits for its start date"
	case OrderExecuting:
		return "the service provider is still provisioning the resource"
	}
	return ""
}

// The lifecycle of a marketplace resource runs through orders: a Create
// order makes it, switch_plan and update_limits place Update orders,
// terminate a Terminate order. Waldur takes one order per resource at a
// time and only while the resource is in certain states; this file hides
// that behind "wait until the resource can take the order, then place it".

// resourceNotFoundChecks tolerates 404s right after a Create order made the
// resource, for deployments that read from replicas.
const resourceNotFoundChecks = 3

// maxResourceActionAttempts bounds how often a resource action is sent
// again after Waldur refused it with 409 (another order came first).
const maxResourceActionAttempts = 20

// resourceBusyStates end by themselves once the resource's order finishes.
var resourceBusyStates = []string{ResourceCreating, ResourceUpdating, ResourceTerminating}

// orderFinalStates are the states after which an order never changes.
var orderFinalStates = []string{OrderDone, OrderErred, OrderCanceled, OrderRejected}

// WaitForResource polls a marketplace resource until it reaches one of
// target (waiter.StateGone: until it is deleted); resourceBusyStates that
// are not targets are waited through, any other state fails with the
// resource's error message.
func (c *Client) WaitForResource(ctx context.Context, uuid string, target ...string) (*MarketplaceResource, error) {
	var pending []string
	for _, s := range resourceBusyStates {
		if !contains(target, s) {
			pending = append(pending, s)
		}
	}
	return waiter.Wait(ctx, waiter.Config[*MarketplaceResource]{
		Refresh: func(ctx context.Context) (*MarketplaceResource, string, error) {
			r, err := c.GetMarketplaceResource(ctx, uuid)
			if apiclient.IsNotFound(err) {
				return nil, "", waiter.NotFound(err)
			}
			if err != nil {
				return nil, "", err
			}
			return r, r.State, nil
		},
		Pending:        pending,
		Target:         target,
		NotFoundChecks: resourceNotFoundChecks,
		FailureMessage: func(r *MarketplaceResource, state string) string {
			if r != nil && r.ErrorMessage != "" {
				return r.ErrorMessage
			}
			return ""
		},
		PendingHint: func(r *MarketplaceResource, state string) string {
			if r != nil && r.OrderInProgress != nil {
				return fmt.Sprintf("order %s (%s) is %s", r.OrderInProgress.UUID, r.OrderInProgress.Type, r.OrderInProgress.State)
			}
			return ""
		},
		Options: c.poll,
	})
}

// ResourceAction is a resource action that places an order (switch_plan,
// update_limits, terminate) and answers its UUID.
type ResourceAction func(ctx context.Context) (orderUUID string, err error)

// PlaceResourceOrder sends action once the resource can take it: it waits
// while the resource is busy or has another order in progress (which may be
// waiting for someone's approval), and tries again when Waldur answers 409
// because another order came first. allowed are the resource states the
// action accepts (OK; terminate also Erred). It returns the resource as
// last seen and the new order's UUID.
func (c *Client) PlaceResourceOrder(ctx context.Context, uuid string, allowed []string, action ResourceAction) (*MarketplaceResource, string, error) {
	for attempt := 1; ; attempt++ {
		res, err := c.WaitForResource(ctx, uuid, allowed...)
		if err != nil {
			return res, "", err
		}
		if open := res.OrderInProgress; open != nil && !contains(orderFinalStates, open.State) {
			tflog.Info(ctx, "the resource has an order in progress; waiting for it before placing another", map[string]any{
				"marketplace_resource_uuid": uuid, "order_uuid": open.UUID, "type": open.Type, "state": open.State,
			})
			if _, err := c.WaitForOrder(ctx, open.UUID, OrderWait{Target: orderFinalStates}); err != nil && !errors.Is(err, waiter.ErrNotFound) {
				return res, "", fmt.Errorf("waiting for order %s (%s) of the resource to finish first: %w", open.UUID, open.Type, err)
			}
			continue
		}
		orderUUID, err := action(ctx)
		if err == nil {
			return res, orderUUID, nil
		}
		if !apiclient.IsConflict(err) || attempt >= maxResourceActionAttempts {
			return res, "", err
		}
		tflog.Info(ctx, "Waldur refused the resource action for now (409); waiting and trying again", map[string]any{
			"marketplace_resource_uuid": uuid, "error": err.Error(),
		})
		if err := c.clock().Sleep(ctx, c.createRetryDelay); err != nil {
			return res, "", err
		}
	}
}

func contains(list []string, s string) bool { return slices.Contains(list, s) }
