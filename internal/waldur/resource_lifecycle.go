package waldur

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waiter"
)

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
