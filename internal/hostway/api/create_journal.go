package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/adopt"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/journal"
)

// cartJournalType names VPS creates in the journal.
const cartJournalType = "hostway vps"

// SetJournal makes this client's VPS creates keep the journal of
// in-flight creates; nil turns it off. Call it before any create.
func (c *Client) SetJournal(j *journal.Journal) { c.creates = j }

// Tracked tells the journal that the VPS with this partnerId marker (or
// state id) is in Terraform's state (a Read of it) or closed: the entry
// of its create, if any, is done. No request.
func (c *Client) Tracked(id string) {
	if c != nil {
		c.creates.Seen(id)
	}
}

// journaled reports whether cart's create is journaled: a new VPS (a
// server) with a marker. An add-on order of an update adds services to a
// product that is in the state already.
func (c *Client) journaled(cart Cart) bool {
	return c.creates != nil && cart.Server != nil && cart.Product.PartnerID != ""
}

// cartFingerprint is the journal's fingerprint of a VPS create: the
// endpoint, the user, the account (its number, or the currency and
// language of a new one) and everything the cart orders, but not the
// marker, which is new for every create.
func (c *Client) cartFingerprint(cart Cart) string {
	cart.Product.PartnerID = ""
	what, _ := json.Marshal(struct {
		Product  ProductRequest
		Server   *ServiceRequest
		Children []ServiceRequest
	}{cart.Product, cart.Server, cart.Children})
	return c.creates.Fingerprint(cartJournalType, c.base.String(), c.username,
		cart.Account.AccountNumber, cart.Account.Currency, cart.Account.Language, string(what))
}

// beginCart writes the journal entry of a VPS create before its first
// request, with the cart's marker. A journal that cannot be written does
// not stop the create.
func (c *Client) beginCart(ctx context.Context, cart Cart) *journal.Pending {
	if !c.journaled(cart) {
		return nil
	}
	// No server time: the marker names the product exactly.
	p, err := c.creates.BeginMarked(cartJournalType, c.cartFingerprint(cart), time.Time{}, cart.Product.PartnerID)
	if err != nil {
		tflog.Warn(ctx, "could not write the journal entry of a VPS create; a kill before Terraform records it would not be recovered",
			map[string]any{"error": err.Error()})
	}
	return p
}

// Adopted is a VPS that a create of a run that is gone (killed before
// Terraform recorded it) ordered with the same cart, found through the
// journal. The create goes on with it as with its own order: it waits
// for the product by PartnerID until it is open.
type Adopted struct {
	// PartnerID is the marker that create set on the product.
	PartnerID string
	// OrderID is its order; "" when the entry did not record it.
	OrderID string
	// Account holds the product; "" while the order of a new account
	// names none yet (WaitForOrderAccount).
	Account string
	// Product is the product when the account listed it; nil while a
	// submitted order has not shown it yet (Hostway provisions
	// asynchronously).
	Product *Product
}

// AdoptFromJournal settles the journal entries that a run that is gone
// left with the same cart, oldest first, and returns the first VPS found
// (the entry is then kept by this process until a Read sees the product:
// a second kill before Terraform records it leaves it for the next run
// again). nil when nothing was found: the create goes ahead.
func (c *Client) AdoptFromJournal(ctx context.Context, cart Cart) (*Adopted, error) {
	if !c.journaled(cart) {
		return nil, nil
	}
	j := c.creates
	return journal.Settle(j, cartJournalType, c.cartFingerprint(cart), func(e journal.Entry) (*Adopted, error) {
		a, err := c.settleCart(ctx, e)
		if err != nil || a == nil {
			return nil, err
		}
		if j.Keep(e.ID) == nil {
			return nil, nil // another create of this run adopted it meanwhile
		}
		what := "the product with partnerId " + a.PartnerID
		if a.Product != nil {
			what = fmt.Sprintf("product %s of account %s (partnerId %s)", a.Product.ID, a.Account, a.PartnerID)
		}
		if a.OrderID != "" {
			what += ", order " + a.OrderID
		}
		adopt.Warn(ctx, "Adopted a Hostway VPS ordered by an interrupted run",
			fmt.Sprintf("A create with the same arguments was cut off before Terraform recorded its result (journal entry %s); "+
				"%s, which it ordered, is adopted instead of ordering another.", j.Describe(e), what))
		return a, nil
	})
}

// settleCart decides one entry of a VPS create that was cut off; nil
// drops the entry (removed here), an error keeps it:
//
//   - a product on the account with the entry's marker that is not
//     closed is what the create ordered: adopted. A closed one was closed
//     since by someone else: the entry is dropped and a new VPS ordered;
//   - no such product, but the entry's order was submitted: the product
//     is still to appear (Hostway provisions asynchronously): adopted,
//     and the create waits for it by marker;
//   - the order is still new (a cart never submitted): it ordered
//     nothing, and nothing but its OwnerId cookie could submit it, which
//     died with the killed run. It is deleted with Basic credentials
//     (the contract's deleteOrder takes Basic alone), so that no submit
//     still on its way can place it later; a 405 then says a submit
//     did, and the entry is kept for the next run to adopt. A cart that
//     cannot be deleted is left: it holds nothing and can never be
//     submitted. Not resumed and submitted: it may have been killed half
//     filled, and without its cookie it cannot be changed;
//   - no order recorded (killed before POST /orders answered) and no
//     product: nothing was ordered.
func (c *Client) settleCart(ctx context.Context, e journal.Entry) (*Adopted, error) {
	j := c.creates
	a := &Adopted{PartnerID: e.Marker, Account: c.account.AccountNumber}
	if len(e.ObjectIDs) > 0 {
		a.OrderID = e.ObjectIDs[0]
	}
	var order *Order
	if a.OrderID != "" {
		o, err := c.GetOrder(ctx, a.OrderID)
		switch {
		case apiclient.IsNotFound(err): // deleted: it ordered nothing
		case err != nil:
			return nil, fmt.Errorf("reading order %s of %s, a VPS create of an earlier run that was cut off: %w", a.OrderID, j.Describe(e), err)
		default:
			order = o
			if a.Account == "" {
				a.Account = o.Account
			}
		}
	}
	if a.Account != "" && a.PartnerID != "" {
		p, err := c.LookupProductByPartnerID(ctx, a.Account, a.PartnerID)
		if err != nil {
			return nil, fmt.Errorf("looking for the product of %s, a VPS create of an earlier run that was cut off: %w", j.Describe(e), err)
		}
		if p != nil && !p.Closed() {
			a.Product = p
			return a, nil
		}
		if p != nil {
			tflog.Info(ctx, "the product of a journal entry was closed since; dropping the entry",
				map[string]any{"entry": j.Describe(e), "product_id": p.ID})
			j.Remove(e.ID)
			return nil, nil
		}
	}
	switch {
	case order != nil && order.IsSubmitted():
		return a, nil
	case order != nil && order.IsNew():
		err := c.deleteOrderBasic(ctx, order.ID)
		switch {
		case err == nil || apiclient.IsNotFound(err):
			tflog.Info(ctx, "deleted the unsubmitted order of a VPS create that was cut off", map[string]any{"order_id": order.ID, "entry": j.Describe(e)})
		case apiclient.IsStatus(err, http.StatusMethodNotAllowed):
			return nil, fmt.Errorf("order %s of %s, a VPS create of an earlier run that was cut off, was submitted while this run "+
				"looked at it; apply again to adopt its product", order.ID, j.Describe(e))
		default:
			tflog.Warn(ctx, "could not delete the unsubmitted order of a VPS create that was cut off; it holds nothing and cannot be submitted without its cookie",
				map[string]any{"order_id": order.ID, "error": err.Error()})
		}
	}
	tflog.Info(ctx, "the VPS create of a journal entry ordered nothing; dropping the entry", map[string]any{"entry": j.Describe(e)})
	j.Remove(e.ID)
	return nil, nil
}

// deleteOrderBasic deletes an unsubmitted order with Basic credentials
// alone (no OwnerId cookie).
func (c *Client) deleteOrderBasic(ctx context.Context, id string) error {
	_, err := c.do(ctx, http.MethodDelete, orderPath(id), nil, nil, nil)
	return err
}
