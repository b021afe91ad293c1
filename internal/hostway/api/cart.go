package api

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/journal"
)

// cleanupTimeout bounds deleting a cart after a failed step. It runs on a
// context of its own so that a create that ran out of time still removes
// what it started.
const cleanupTimeout = 2 * time.Minute

// Cart is what one order holds: one product with its services. Either
// Server is set (a new VPS: the server is added first and the children are
// related to it), or RelatedTo is (child services added to the open server
// service of an existing account product, given by its account URL).
type Cart struct {
	Account   AccountSettings
	Product   ProductRequest
	Server    *ServiceRequest
	Children  []ServiceRequest
	RelatedTo string
}

// CartProgress is told about ids as soon as they exist, so that the
// caller can save them before anything else can fail.
type CartProgress struct {
	// Created follows POST /orders: the order and the OwnerId that owns it.
	Created func(order Ref, ownerID string)
	// Submitted follows a successful submit.
	Submitted func(order Ref)
}

// CartError reports a failure before the order was submitted. The cart
// was deleted unless DeleteErr says otherwise, so nothing was ordered.
type CartError struct {
	Order     Ref
	Step      string
	Err       error
	DeleteErr error
}

func (e *CartError) Error() string {
	msg := fmt.Sprintf("%s: %v", e.Step, e.Err)
	switch {
	case e.Order.ID == "":
	case e.DeleteErr == nil:
		msg += fmt.Sprintf("\n\nNothing was ordered: the unsubmitted order %s was deleted.", e.Order.ID)
	default:
		msg += fmt.Sprintf("\n\nDeleting the unsubmitted order %s also failed: %v", e.Order.ID, e.DeleteErr)
	}
	return msg
}

func (e *CartError) Unwrap() error { return e.Err }

// CartDeleted reports whether err is a CartError whose cart is gone.
func CartDeleted(err error) bool {
	var ce *CartError
	return errors.As(err, &ce) && ce.DeleteErr == nil
}

// SubmitUnknownError means the submit's answer was lost and the order's
// status could not be read either: the order may or may not have been
// placed. Its ids must be kept; the product is found later by partnerId.
type SubmitUnknownError struct {
	Order Ref
	Err   error
}

func (e *SubmitUnknownError) Error() string {
	return fmt.Sprintf("submitting order %s: %v; it is not known whether the order was placed", e.Order.ID, e.Err)
}

func (e *SubmitUnknownError) Unwrap() error { return e.Err }

// PlaceCart builds the cart in a fresh session, validates and submits it:
// the seed's calls (POST /orders, PUT account, POST product, POST each
// service, submit) plus its optional validate check, the one call above the
// minimum: validate is safe to retry and refuses a bad order before the
// submit, which is not. A failure before submit deletes the cart (*CartError).
// After submit, the order's status decides: a lost answer is checked,
// never guessed.
//
// A new VPS's create is journaled (create_journal.go): its entry, with the
// cart's partnerId marker, is written before POST /orders and names the
// order once it exists. It stays until a Read sees the product, unless
// the create certainly ordered nothing (the cart is gone).
func (c *Client) PlaceCart(ctx context.Context, cart Cart, progress CartProgress) (*OrderSession, error) {
	entry := c.beginCart(ctx, cart)
	s, err := c.placeCart(ctx, cart, progress, entry)
	if CartDeleted(err) {
		entry.Discard()
	}
	return s, err
}

func (c *Client) placeCart(ctx context.Context, cart Cart, progress CartProgress, entry *journal.Pending) (*OrderSession, error) {
	s := c.NewOrderSession()
	order, err := s.Create(ctx)
	if err != nil {
		return s, &CartError{Step: "creating the order", Err: err}
	}
	tflog.Info(ctx, "created Hostway order", map[string]any{"order_id": order.ID})
	if err := entry.Answered(order.ID); err != nil {
		tflog.Warn(ctx, "could not record the order in the journal", map[string]any{"order_id": order.ID, "error": err.Error()})
	}
	if progress.Created != nil {
		progress.Created(order, s.OwnerID())
	}
	if step, err := s.fill(ctx, cart); err != nil {
		return s, s.abandon(ctx, step, err)
	}
	if err := s.Validate(ctx); err != nil {
		return s, s.abandon(ctx, "validating the order", err)
	}
	if err := s.submitChecked(ctx); err != nil {
		if apiclient.MayHaveBeenProcessed(err) {
			return s, &SubmitUnknownError{Order: order, Err: err}
		}
		return s, s.abandon(ctx, "submitting the order", err)
	}
	tflog.Info(ctx, "submitted Hostway order", map[string]any{"order_id": order.ID})
	if progress.Submitted != nil {
		progress.Submitted(order)
	}
	return s, nil
}

// fill adds the account, the product and the services, server first.
func (s *OrderSession) fill(ctx context.Context, cart Cart) (string, error) {
	if err := s.SetAccount(ctx, cart.Account); err != nil {
		return "adding the account to the order", err
	}
	product, err := s.AddProduct(ctx, cart.Product)
	if err != nil {
		return "adding the product to the order", err
	}
	related := cart.RelatedTo
	if cart.Server != nil {
		server, err := s.AddService(ctx, product.ID, *cart.Server)
		if err != nil {
			return "adding the server service " + cart.Server.ServiceSpecification, err
		}
		// The children name the server by the URL the API gave it.
		related = server.URL
	}
	for _, child := range cart.Children {
		child.RelatedTo = []string{related}
		if _, err := s.AddService(ctx, product.ID, child); err != nil {
			return "adding the service " + idFromURL(child.ServiceSpecification), err
		}
	}
	return "", nil
}

// submitChecked is SubmitChecked plus: a 409 may mean that an earlier
// attempt went through, which the order's status tells.
func (s *OrderSession) submitChecked(ctx context.Context) error {
	err := s.SubmitChecked(ctx)
	if err == nil || !apiclient.IsConflict(err) {
		return err
	}
	if o, getErr := s.Get(ctx); getErr == nil && o.IsSubmitted() {
		return nil
	}
	return err
}

// abandon deletes the unsubmitted cart after a failed step, so that no
// stray cart is left behind.
func (s *OrderSession) abandon(ctx context.Context, step string, err error) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cleanupTimeout)
	defer cancel()
	delErr := s.Delete(ctx)
	if apiclient.IsNotFound(delErr) {
		delErr = nil
	}
	if delErr == nil {
		tflog.Info(ctx, "deleted the unsubmitted Hostway order after a failed step", map[string]any{"order_id": s.Order.ID, "step": step})
	}
	return &CartError{Order: s.Order, Step: step, Err: err, DeleteErr: delErr}
}
