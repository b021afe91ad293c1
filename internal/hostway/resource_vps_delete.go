package hostway

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/hostway/api"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/tfdiag"
)

// Delete closes the product (the API has no DELETE for account products)
// and waits until it is closed. A create that never got as far as a
// product leaves a cart at most, which is deleted.
func (r *vpsResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state vpsModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := withTimeout(ctx, state.Timeouts.Delete, defaultVPSDeleteTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	// Closed, or never ordered: a journal entry of its create is done.
	defer func() {
		if !resp.Diagnostics.HasError() {
			r.client.Tracked(state.PartnerID.ValueString())
		}
	}()

	account, product := state.AccountNumber.ValueString(), state.ProductID.ValueString()
	if product == "" {
		sess := loadSession(ctx, req.Private)
		found, gone := r.recoverProduct(ctx, &state, sess, &resp.Diagnostics)
		if gone || resp.Diagnostics.HasError() {
			return
		}
		if found == nil {
			if err := r.deleteCart(ctx, state.OrderID.ValueString(), sess.OwnerID); err != nil {
				tfdiag.AddError(&resp.Diagnostics, "Could not delete the unsubmitted Hostway order", err)
			}
			return
		}
		account, product = found.AccountNumber, found.ID
	}
	if err := r.closeProduct(ctx, account, product); err != nil {
		tfdiag.AddError(&resp.Diagnostics, "Could not close the Hostway VPS", err)
	}
}

// closeProduct asks for the product to be closed and waits until it is.
func (r *vpsResource) closeProduct(ctx context.Context, account, product string) error {
	err := r.client.SetProductStatus(ctx, account, product, api.SetClosed)
	switch {
	case apiclient.IsNotFound(err):
		return nil
	case apiclient.IsConflict(err):
		// 409: the status forbids closing, typically because the product
		// is closing or closed already.
		p, getErr := r.client.GetProduct(ctx, account, product)
		if apiclient.IsNotFound(getErr) {
			return nil
		}
		if getErr != nil || !p.Closed() {
			return fmt.Errorf("closing product %s of account %s: %w", product, account, err)
		}
	case err != nil:
		return fmt.Errorf("closing product %s of account %s: %w", product, account, err)
	}
	tflog.Info(ctx, "closing Hostway product", map[string]any{"account": account, "product_id": product})
	if err := r.client.WaitForProductClosed(ctx, account, product); err != nil {
		return fmt.Errorf("waiting for product %s of account %s to close: %w", product, account, err)
	}
	return nil
}

// deleteCart deletes an order that was never submitted. A submitted order
// (405) had a product, which recoverProduct would have found.
func (r *vpsResource) deleteCart(ctx context.Context, orderID, ownerID string) error {
	if orderID == "" {
		return nil
	}
	err := r.client.ResumeOrderSession(orderID, ownerID).Delete(ctx)
	if err == nil || apiclient.IsNotFound(err) {
		return nil
	}
	if apiclient.IsStatus(err, 405) {
		return fmt.Errorf("order %s was submitted, but its product was not found on the account; close it in Hostway: %w", orderID, err)
	}
	return err
}
