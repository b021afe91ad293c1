package waldur

import (
	"context"
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
	refresh := func(ctx context.Context) (*Order, string, error) {
		o, err := c.GetOrder(ctx, uuid)
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
			if o, err = c.GetOrder(ctx, uuid); err != nil {
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
