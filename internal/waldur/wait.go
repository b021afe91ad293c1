package waldur

import (
	"context"
	"fmt"
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
	approved := false
	refresh := func(ctx context.Context) (*Order, string, error) {
		o, err := c.GetOrder(ctx, uuid)
		if apiclient.IsNotFound(err) {
			return nil, "", waiter.ErrNotFound
		}
		if err != nil {
			return nil, "", err
		}
		if opts.ApproveAsConsumer && !approved && o.State == OrderPendingConsumer {
			tflog.Info(ctx, "approving the order as consumer", map[string]any{"order_uuid": uuid})
			if err := c.ApproveOrderByConsumer(ctx, uuid); err != nil {
				return o, o.State, fmt.Errorf("approving order %s as consumer: %w", uuid, err)
			}
			approved = true
			if o, err = c.GetOrder(ctx, uuid); err != nil {
				return nil, "", err
			}
		}
		return o, o.State, nil
	}
	return waiter.Wait(ctx, waiter.Config[*Order]{
		Refresh:        refresh,
		Pending:        orderPendingStates,
		Target:         target,
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
		PendingHint: func(o *Order, state string) string { return orderPendingHint(o, state, opts.ApproveAsConsumer) },
		Options:     c.poll,
	})
}

// orderPendingHint explains, in a timeout error, what an order waits for.
func orderPendingHint(o *Order, state string, approving bool) string {
	switch state {
	case OrderPendingConsumer:
		if approving {
			return "the order waits for approval by the consumer, but approving it did not move it on"
		}
		return "the order waits for approval by a project manager or organization owner (consumer); approve it in Waldur or set approve = true"
	case OrderPendingProvider:
		return "the order waits for approval by the service provider of the offering"
	case OrderPendingProject:
		return "the order waits for its project to become active"
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
