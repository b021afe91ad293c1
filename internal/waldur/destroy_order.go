package waldur

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waiter"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waldur/api"
)

// destroyOrder carries out `terraform destroy` for an order: a pending
// order is deleted (pending-consumer, pending-provider: the only states in
// which Waldur allows it) or canceled; a done order is left alone unless
// terminate is set, in which case the resource it created is terminated.
// Orders that already ended (erred, rejected, canceled) need nothing.
func destroyOrder(ctx context.Context, c *api.Client, uuid string, terminate bool) error {
	for attempt := 1; ; attempt++ {
		err := destroyOrderOnce(ctx, c, uuid, terminate)
		// The order can move on between the read and the action (someone
		// approves it, the provider starts or finishes it): Waldur answers
		// 409, and the next round decides from the new state.
		if apiclient.IsConflict(err) && attempt < maxDestroyRounds {
			tflog.Info(ctx, "the order changed state during destroy; deciding again", map[string]any{"order_uuid": uuid, "error": err.Error()})
			continue
		}
		return err
	}
}

// maxDestroyRounds bounds how often destroy re-decides after a conflict.
const maxDestroyRounds = 3

func destroyOrderOnce(ctx context.Context, c *api.Client, uuid string, terminate bool) error {
	o, err := c.GetOrder(ctx, uuid)
	if apiclient.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	switch o.State {
	case api.OrderPendingConsumer, api.OrderPendingProvider:
		if err := c.DeleteOrder(ctx, uuid); err != nil && !apiclient.IsNotFound(err) {
			return fmt.Errorf("deleting pending order %s: %w", uuid, err)
		}
		return nil
	case api.OrderPendingProject, api.OrderPendingStartDate, api.OrderExecuting:
		if err := c.CancelOrder(ctx, uuid); err != nil && !apiclient.IsNotFound(err) {
			return fmt.Errorf("canceling order %s (state %s): %w", uuid, o.State, err)
		}
		final, err := c.WaitForOrder(ctx, uuid, api.OrderWait{
			Target: []string{api.OrderCanceled, api.OrderDone, api.OrderErred, api.OrderRejected, waiter.StateGone},
		})
		if err != nil {
			return fmt.Errorf("waiting for order %s to be canceled: %w", uuid, err)
		}
		// The provider may have finished the order before the cancel took.
		if final != nil && final.State == api.OrderDone && terminate {
			return terminateOrderResource(ctx, c, final)
		}
		return nil
	case api.OrderDone:
		if !terminate {
			tflog.Info(ctx, "the order is done and terminate_on_destroy is false: removing it from the state only", map[string]any{"order_uuid": uuid})
			return nil
		}
		return terminateOrderResource(ctx, c, o)
	}
	return nil
}

// terminateOrderResource terminates the marketplace resource an order
// created, the way destroying the resource itself does.
func terminateOrderResource(ctx context.Context, c *api.Client, o *api.Order) error {
	if o.MarketplaceResourceUUID == nil || *o.MarketplaceResourceUUID == "" {
		return nil
	}
	return terminateResource(ctx, c, *o.MarketplaceResourceUUID, api.OrderWait{})
}
