package api

import (
	"context"
	"fmt"
	"strings"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waiter"
)

// productNotFoundChecks tolerates a product that does not show up at once
// after submit: Hostway provisions asynchronously, and the account product
// may appear a little after the order was accepted.
const productNotFoundChecks = 20

// stateFound is the waiter state of a lookup that succeeded.
const stateFound = "found"

// FindProductByPartnerID waits until the account holds the product that an
// order tagged with partnerID, and returns it. It refuses to guess between
// two products with one marker.
func (c *Client) FindProductByPartnerID(ctx context.Context, account, partnerID string) (*Product, error) {
	refresh := func(ctx context.Context) (*Product, string, error) {
		p, err := c.LookupProductByPartnerID(ctx, account, partnerID)
		if err != nil {
			return nil, "", err
		}
		if p == nil {
			return nil, "", fmt.Errorf("%w: hostway API: account %s has no product with partnerId %s yet", waiter.ErrNotFound, account, partnerID)
		}
		return p, stateFound, nil
	}
	p, err := waiter.Wait(ctx, waiter.Config[*Product]{
		Refresh:        refresh,
		Target:         []string{stateFound},
		NotFoundChecks: productNotFoundChecks,
		Options:        c.poll,
	})
	if err != nil {
		return nil, fmt.Errorf("looking for the product with partnerId %s on account %s: %w", partnerID, account, err)
	}
	return p, nil
}

// WaitForOrderAccount waits until a submitted order names its account: a
// new account gets its number only when the order is processed.
func (c *Client) WaitForOrderAccount(ctx context.Context, s *OrderSession) (string, error) {
	o, err := waiter.Wait(ctx, waiter.Config[*Order]{
		Refresh: func(ctx context.Context) (*Order, string, error) {
			o, err := s.Get(ctx)
			if err != nil {
				return nil, "", err
			}
			if o.Account == "" {
				return o, "no account yet", nil
			}
			return o, stateFound, nil
		},
		Pending: []string{"no account yet"},
		Target:  []string{stateFound},
		Options: c.poll,
	})
	if err != nil {
		return "", fmt.Errorf("waiting for order %s to name its new account: %w", s.Order.ID, err)
	}
	return o.Account, nil
}

// Provisioned is a product with its services, as a wait ended.
type Provisioned struct {
	Product  *Product
	Services []Service
}

// ReadProvisioned reads a product and its services.
func (c *Client) ReadProvisioned(ctx context.Context, account, product string) (*Provisioned, error) {
	p, err := c.GetProduct(ctx, account, product)
	if err != nil {
		return nil, err
	}
	services, err := c.ListServices(ctx, account, product)
	if err != nil {
		return nil, err
	}
	return &Provisioned{Product: p, Services: services}, nil
}

// OpenWait configures WaitForOpen.
type OpenWait struct {
	// Ready, when set, must also hold before the wait ends, e.g. that the
	// services of an add-on order have appeared, or that a change took.
	// It returns what is still missing, "" when ready.
	Ready func(*Provisioned) string
}

// knownStatuses are the documented product and service statuses; other
// values are treated as still pending.
var knownStatuses = []string{StatusNew, StatusPending, StatusOpen, StatusSuspended, StatusClosePending, StatusClosed, StatusPurgePending}

func normalStatus(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, k := range knownStatuses {
		if s == k {
			return s
		}
	}
	return StatusPending
}

// WaitForOpen waits until the product and every service that is not
// closed are open: provisioning is finished. A product or service that is
// suspended or closing ends the wait with an error.
func (c *Client) WaitForOpen(ctx context.Context, account, product string, opts OpenWait) (*Provisioned, error) {
	const waiting = "waiting for services"
	refresh := func(ctx context.Context) (*Provisioned, string, error) {
		pv, err := c.ReadProvisioned(ctx, account, product)
		if apiclient.IsNotFound(err) {
			return nil, "", fmt.Errorf("%w: %w", waiter.ErrNotFound, err)
		}
		if err != nil {
			return nil, "", err
		}
		if st := normalStatus(pv.Product.Status); st != StatusOpen {
			return pv, st, nil
		}
		for _, s := range pv.Services {
			if s.Closed() {
				continue
			}
			if st := normalStatus(s.Status); st != StatusOpen {
				return pv, st, nil
			}
		}
		if opts.Ready != nil && opts.Ready(pv) != "" {
			return pv, waiting, nil
		}
		return pv, StatusOpen, nil
	}
	return waiter.Wait(ctx, waiter.Config[*Provisioned]{
		Refresh: refresh,
		Pending: []string{StatusNew, StatusPending, waiting},
		Target:  []string{StatusOpen},
		FailureMessage: func(pv *Provisioned, state string) string {
			return fmt.Sprintf("product %s of account %s (or one of its services) is %s", product, account, state)
		},
		PendingHint: func(pv *Provisioned, state string) string {
			if state == waiting && opts.Ready != nil && pv != nil {
				return opts.Ready(pv)
			}
			return "Hostway is still provisioning the product and its services"
		},
		NotFoundChecks: productNotFoundChecks,
		Options:        c.poll,
	})
}

// WaitForProductClosed waits until a product is closed (or gone).
func (c *Client) WaitForProductClosed(ctx context.Context, account, product string) error {
	return waitClosed(ctx, c, func(ctx context.Context) (*Product, string, error) {
		p, err := c.GetProduct(ctx, account, product)
		if err != nil {
			return nil, "", err
		}
		return p, p.Status, nil
	})
}

// WaitForServiceClosed waits until a service is closed (or gone).
func (c *Client) WaitForServiceClosed(ctx context.Context, account, product, service string) error {
	return waitClosed(ctx, c, func(ctx context.Context) (*Service, string, error) {
		s, err := c.GetService(ctx, account, product, service)
		if err != nil {
			return nil, "", err
		}
		return s, s.Status, nil
	})
}

// waitClosed waits until get reads a closed status or a 404.
func waitClosed[T any](ctx context.Context, c *Client, get func(context.Context) (T, string, error)) error {
	_, err := waiter.Wait(ctx, waiter.Config[T]{
		Refresh: func(ctx context.Context) (T, string, error) {
			v, status, err := get(ctx)
			if apiclient.IsNotFound(err) {
				return v, "", waiter.NotFound(err)
			}
			if err != nil {
				return v, "", err
			}
			return v, closingState(status), nil
		},
		Pending: closingPending,
		Target:  []string{StatusClosed, StatusPurgePending, waiter.StateGone},
		Options: c.poll,
	})
	return err
}

// closingPending are the statuses a close wait waits through. Closing is
// asynchronous, so the status may not have moved yet right after the
// request was accepted; a close that never takes ends in the timeout.
var closingPending = []string{StatusNew, StatusPending, StatusOpen, StatusSuspended, StatusClosePending}

func closingState(status string) string { return normalStatus(status) }
