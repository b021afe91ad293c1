package api

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/waiter"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/watch"
)

// Shared product waits: the waits of one account's products read them
// through a watcher that lists the account's products,
// GET /accounts/{a}/products (api-reference §3: the list names each
// product's partnerId and status), so that the polls of many VPSs that
// come close together cost one request. Each wait keeps the poller's
// cadence (the learner's); it reads the product itself when the watcher
// cannot answer: the list lacks the product (not there yet, or purged),
// the list failed, or the account's list is longer than the waits it
// would serve (a list of p pages for fewer than p waits costs more than
// their own reads, and one wait alone reads its own product).
//
// A create's wait does not know its product's id: it asks by the
// partnerId marker it set, from a watcher that names products by marker;
// waits of known products ask a watcher that names them by id. Both list
// the same collection and are rarely busy together (creates in apply,
// closes in destroy).

// sharedWaitGather is how long a list started from idle waits for other
// polls of the account to join it, as for Waldur's orders.
const sharedWaitGather = 25 * time.Millisecond

// productWatch is the client's watchers of account products, by account.
type productWatch struct {
	byPartner *watch.Watcher[string, Product]
	byID      *watch.Watcher[string, Product]

	mu       sync.Mutex
	accounts map[string]*accountWaits
}

// accountWaits counts an account's waits in progress and the pages of its
// last list.
type accountWaits struct{ waits, pages int }

func newProductWatch(c *Client, clock watch.Clock) *productWatch {
	opts := watch.Options{Gather: sharedWaitGather, Clock: clock}
	pw := &productWatch{accounts: map[string]*accountWaits{}}
	pw.byID = watch.New(func(ctx context.Context, account, _ string) ([]Product, string, error) {
		products, err := pw.list(ctx, c, account)
		return products, "", err
	}, func(p Product) string { return p.ID }, opts)
	pw.byPartner = watch.New(func(ctx context.Context, account, _ string) ([]Product, string, error) {
		products, err := pw.list(ctx, c, account)
		return unambiguousMarkers(products), "", err
	}, func(p Product) string { return p.PartnerID }, opts)
	return pw
}

// list is the watchers' Lister: every product of the account, every page.
func (pw *productWatch) list(ctx context.Context, c *Client, account string) ([]Product, error) {
	products, err := c.ListProducts(ctx, account, ProductFilter{})
	if err == nil {
		pw.mu.Lock()
		if a := pw.accounts[account]; a != nil {
			a.pages = max(1, (len(products)+maxPageSize-1)/maxPageSize)
		}
		pw.mu.Unlock()
	}
	return products, err
}

// unambiguousMarkers leaves out products without a marker and those whose
// marker another product carries too: their waits then read for
// themselves, and LookupProductByPartnerID refuses to guess.
func unambiguousMarkers(products []Product) []Product {
	n := map[string]int{}
	for _, p := range products {
		n[p.PartnerID]++
	}
	out := products[:0:0]
	for _, p := range products {
		if p.PartnerID != "" && n[p.PartnerID] == 1 {
			out = append(out, p)
		}
	}
	return out
}

// track counts a wait on account until the returned func is called.
func (pw *productWatch) track(account string) func() {
	pw.mu.Lock()
	defer pw.mu.Unlock()
	a := pw.accounts[account]
	if a == nil {
		a = &accountWaits{pages: 1}
		pw.accounts[account] = a
	}
	a.waits++
	return func() {
		pw.mu.Lock()
		defer pw.mu.Unlock()
		if a.waits--; a.waits == 0 {
			delete(pw.accounts, account)
		}
	}
}

// shared reports whether the account's waits poll through the watcher:
// when there are at least two, and no fewer than the list has pages.
func (pw *productWatch) shared(account string) bool {
	pw.mu.Lock()
	defer pw.mu.Unlock()
	a := pw.accounts[account]
	return a != nil && a.waits >= 2 && a.waits >= a.pages
}

// productPoll reads one product for one wait: through a watcher while it
// can answer, else by its own request.
type productPoll struct {
	c       *Client
	account string
	// partnerID names a product a create ordered; id is set once it is
	// found (or from the start for a known product).
	partnerID, id string
	done          func()
}

// pollProduct starts the polls of a wait for a known product.
func (c *Client) pollProduct(account, id string) *productPoll {
	return &productPoll{c: c, account: account, id: id, done: c.products.track(account)}
}

// pollNewProduct starts the polls of a create's wait, by partnerId.
func (c *Client) pollNewProduct(account, partnerID string) *productPoll {
	return &productPoll{c: c, account: account, partnerID: partnerID, done: c.products.track(account)}
}

func (p *productPoll) watcher() (*watch.Watcher[string, Product], string) {
	if p.partnerID != "" {
		return p.c.products.byPartner, p.partnerID
	}
	return p.c.products.byID, p.id
}

// get returns the product as a poll now sees it.
func (p *productPoll) get(ctx context.Context) (*Product, error) {
	if !p.c.poll.Solo && p.c.products.shared(p.account) {
		w, key := p.watcher()
		obj, ok, err := w.Get(ctx, p.account, key)
		switch {
		case err == nil && ok:
			p.id = obj.ID
			return &obj, nil
		case ctx.Err() != nil:
			return nil, ctx.Err()
		case err != nil:
			tflog.Debug(ctx, "listing the account's products failed; reading the product itself", map[string]any{
				"account": p.account, "product_id": p.id, "partner_id": p.partnerID, "error": err.Error(),
			})
		}
	}
	return p.read(ctx)
}

// read is the wait's own request: the product by id once known, else the
// account's products filtered by the marker.
func (p *productPoll) read(ctx context.Context) (*Product, error) {
	if p.id != "" {
		return p.c.GetProduct(ctx, p.account, p.id)
	}
	found, err := p.c.LookupProductByPartnerID(ctx, p.account, p.partnerID)
	if err != nil {
		return nil, err
	}
	if found == nil {
		return nil, fmt.Errorf("%w: hostway API: account %s has no product with partnerId %s yet", waiter.ErrNotFound, p.account, p.partnerID)
	}
	p.id = found.ID
	return found, nil
}

// close ends the wait's polls: the watcher forgets the product.
func (p *productPoll) close() {
	w, key := p.watcher()
	if key != "" {
		w.Forget(p.account, key)
	}
	p.done()
}
