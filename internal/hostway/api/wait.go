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

// WaitForNewProduct follows the product of a submitted order until it and
// its services are open, with the protocol's fewest reads: the account's
// product list filtered by partnerID finds the product (the account
// product's id is not documented to equal the order product's) and tells
// its status, later polls read the product, and its services are listed
// only once the product is open. When several waits of the account poll
// together, their polls share one list of the account's products instead
// (product_watch.go). found is told the product as soon as it is found, so
// that its id can be saved before anything else can fail. It refuses to
// guess between two products with one marker.
//
// Counted per VPS with c child services (api-reference §3, the seed
// hostway-order-vps-virtuozzo): POST /orders, PUT account, POST product,
// POST server service, c POST child services, submit (PlaceCart), then one
// filtered list and one services list when the product is open: 7 + c
// requests at the minimum, and PlaceCart's optional validate makes it
// 8 + c. Polls while the product is provisioning add one
// request each, or a share of one list when they poll with others, as the
// learner's cadence asks.
func (c *Client) WaitForNewProduct(ctx context.Context, account, partnerID string, found func(*Product)) (*Provisioned, error) {
	poll := c.pollNewProduct(account, partnerID)
	defer poll.close()
	var product string
	read := func(ctx context.Context) (*Product, error) {
		p, err := poll.get(ctx)
		if err == nil && product == "" {
			product = p.ID
			if found != nil {
				found(p)
			}
		}
		return p, err
	}
	pv, err := c.waitOpen(ctx, read, OpenWait{}, func() string {
		if product == "" {
			return fmt.Sprintf("the product with partnerId %s on account %s", partnerID, account)
		}
		return fmt.Sprintf("product %s of account %s", product, account)
	})
	if err != nil && product == "" {
		return pv, fmt.Errorf("looking for the product with partnerId %s on account %s: %w", partnerID, account, err)
	}
	return pv, err
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
	poll := c.pollProduct(account, product)
	defer poll.close()
	return c.waitOpen(ctx, poll.get, opts, func() string { return fmt.Sprintf("product %s of account %s", product, account) })
}

// waitOpen polls read until the product is open, then lists its services
// until they are open too (and opts.Ready holds): services are not read
// while the product itself is still provisioning. what names the product
// in errors.
func (c *Client) waitOpen(ctx context.Context, read func(context.Context) (*Product, error), opts OpenWait, what func() string) (*Provisioned, error) {
	const waiting = "waiting for services"
	refresh := func(ctx context.Context) (*Provisioned, string, error) {
		p, err := read(ctx)
		if apiclient.IsNotFound(err) {
			return nil, "", fmt.Errorf("%w: %w", waiter.ErrNotFound, err)
		}
		if err != nil {
			return nil, "", err
		}
		pv := &Provisioned{Product: p}
		if st := normalStatus(p.Status); st != StatusOpen {
			return pv, st, nil
		}
		if pv.Services, err = c.ListServices(ctx, p.AccountNumber, p.ID); err != nil {
			return nil, "", err
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
			return fmt.Sprintf("%s (or one of its services) is %s", what(), state)
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
	poll := c.pollProduct(account, product)
	defer poll.close()
	return waitClosed(ctx, c, func(ctx context.Context) (*Product, string, error) {
		p, err := poll.get(ctx)
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
