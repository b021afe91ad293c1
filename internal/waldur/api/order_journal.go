package api

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/adopt"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/journal"
)

// orderJournalType names order creates in the journal.
const orderJournalType = "waldur order"

// SetJournal makes this client's order creates keep the journal of
// in-flight creates (internal/journal), so that an order placed by a
// killed run is found by the next one; nil turns it off. Call it before
// any create.
func (c *Client) SetJournal(j *journal.Journal) { c.journal = j }

// Tracked tells the journal that id (an order or its marketplace
// resource) is in Terraform's state (a Read of it) or deleted: the entry
// of its create, if any, is done. No request.
func (c *Client) Tracked(id string) {
	if c != nil {
		c.journal.Seen(id)
	}
}

// orderFingerprint is the journal's fingerprint of an order create: the
// endpoint and everything findCreatedOrder compares (project, offering,
// plan, type, attributes, limits). The token is not in it: Waldur names
// the user only in answers, and a secret never goes to disk.
func (c *Client) orderFingerprint(req OrderCreateRequest) string {
	project, _ := ParseRef(RefProject, req.Project)
	offering, _ := ParseRef(RefOffering, req.Offering)
	plan := ""
	if req.Plan != "" {
		plan, _ = ParseRef(RefPlan, req.Plan)
	}
	return c.journal.Fingerprint(orderJournalType, c.base.String(), project, offering, plan, orderType(req),
		canonicalJSON(req.Attributes), canonicalJSON(mustJSON(req.Limits)))
}

// canonicalJSON re-encodes a JSON document with sorted keys; null, absent
// and invalid are "".
func canonicalJSON(raw json.RawMessage) string {
	var v any
	if len(raw) == 0 || json.Unmarshal(raw, &v) != nil || v == nil {
		return ""
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func mustJSON(v any) json.RawMessage {
	b, _ := json.Marshal(v)
	return b
}

// orderIDs are the ids a journal entry names for an order: the order and
// its marketplace resource (the id of a cluster's or resource's state).
func orderIDs(o *Order) []string {
	ids := []string{o.UUID}
	if o.MarketplaceResourceUUID != nil && *o.MarketplaceResourceUUID != "" {
		ids = append(ids, *o.MarketplaceResourceUUID)
	}
	return ids
}

// beginOrder writes the journal entry of an order create before its POST,
// with Waldur's clock as last read (read now when nothing showed it yet:
// one GET, the first create of a run only). A journal that cannot be
// written does not stop the create.
func (c *Client) beginOrder(ctx context.Context, req OrderCreateRequest, fp string) *journal.Pending {
	if c.journal == nil {
		return nil
	}
	if !c.server.latest().Known() {
		project, perr := ParseRef(RefProject, req.Project)
		offering, oerr := ParseRef(RefOffering, req.Offering)
		if perr == nil && oerr == nil {
			_ = c.readServerClock(ctx, project, offering) // without it, the entry is settled by its ids only
		}
	}
	p, err := c.journal.Begin(orderJournalType, fp, c.server.latest().Date)
	if err != nil {
		tflog.Warn(ctx, "could not write the journal entry of an order create; a kill before its answer would not be recovered",
			map[string]any{"error": err.Error()})
	}
	return p
}

// orderFromJournal settles the entries that a run that is gone (killed
// before Terraform recorded the order) left with the same request; the
// first order found is this create's.
func (c *Client) orderFromJournal(ctx context.Context, req OrderCreateRequest, fp string) (*Order, error) {
	return journal.Settle(c.journal, orderJournalType, fp, func(e journal.Entry) (*Order, error) { return c.settleOrder(ctx, req, e) })
}

// settleOrder decides one entry of an order create that was cut off:
//
//   - with the order's id (the answer came, Terraform never heard of it):
//     the order, if it exists, was created at or after the entry's server
//     time and its resource is not terminated or terminating, is adopted;
//     otherwise the entry is dropped;
//   - without (killed before the answer): the orders findCreatedOrder
//     would take, bounded below by the entry's server time, leaving out
//     what other entries and this client's creates claim. One is adopted;
//     none drops the entry; two or more fail, naming them: unlike a lost
//     answer inside one run, where failing would orphan the order the
//     request placed, here the state can take the right one by import.
func (c *Client) settleOrder(ctx context.Context, req OrderCreateRequest, e journal.Entry) (*Order, error) {
	since := e.ServerTime.Add(-serverClockTolerance)
	bounded := !e.ServerTime.IsZero()
	exclude := c.journal.Claimed(e.ID)
	var candidates []Order
	if len(e.ObjectIDs) > 0 {
		o, err := c.GetOrder(ctx, e.ObjectIDs[0])
		switch {
		case apiclient.IsNotFound(err):
		case err != nil:
			return nil, fmt.Errorf("reading order %s of %s, a create of an earlier run that was cut off: %w", e.ObjectIDs[0], c.journal.Describe(e), err)
		default:
			if candidates, err = c.orderCandidates(ctx, req, []Order{*o}, since, bounded, exclude); err != nil {
				return nil, err
			}
		}
	} else {
		if !bounded {
			since = time.Now().Add(-createLookBack) // a server without a Date: listed wide, decided by count
		}
		project, err := ParseRef(RefProject, req.Project)
		if err != nil {
			return nil, err
		}
		offering, err := ParseRef(RefOffering, req.Offering)
		if err != nil {
			return nil, err
		}
		orders, err := c.ListOrders(ctx, OrderListFilter{
			ProjectUUID: project, OfferingUUID: offering,
			CreatedAfter: since.UTC().Format(time.RFC3339), Ordering: "-created",
		})
		if err != nil {
			return nil, fmt.Errorf("listing orders to settle %s, a create of an earlier run that was cut off: %w", c.journal.Describe(e), err)
		}
		if candidates, err = c.orderCandidates(ctx, req, orders, since, bounded, exclude); err != nil {
			return nil, err
		}
	}
	switch {
	case len(candidates) == 0:
		tflog.Info(ctx, "the order create of a journal entry placed nothing that is still live; dropping the entry",
			map[string]any{"entry": c.journal.Describe(e)})
		c.journal.Remove(e.ID)
		return nil, nil
	case len(candidates) == 1 && (bounded || len(e.ObjectIDs) > 0):
		o := &candidates[0]
		if !c.claims.claim(o.UUID) {
			return nil, nil // another create of this client took it meanwhile
		}
		c.journal.Remove(e.ID)
		adopt.Warn(ctx, "Adopted a Waldur order placed by an interrupted run",
			fmt.Sprintf("An order create with the same arguments was cut off before Terraform recorded its result (journal entry %s); "+
				"order %s%s, which it placed, is adopted instead of placing another.", c.journal.Describe(e), o.UUID, resourceNote(o)))
		c.orders.created(o)
		return o, nil
	}
	names := make([]string, len(candidates))
	for i := range candidates {
		names[i] = candidates[i].UUID + resourceNote(&candidates[i])
	}
	return nil, fmt.Errorf("an order create with the same arguments was cut off before Terraform recorded its result (journal entry %s), "+
		"and %d orders may be what it placed: %s; this run cannot tell which. Import the one that is this resource's "+
		"(`terraform import <address> <id>`: an order by its uuid, a cluster or resource by its resource uuid), "+
		"terminate the others, and remove the entry's file",
		c.journal.Describe(e), len(candidates), strings.Join(names, ", "))
}

// resourceNote names an order's marketplace resource in messages.
func resourceNote(o *Order) string {
	if o.MarketplaceResourceUUID == nil || *o.MarketplaceResourceUUID == "" {
		return ""
	}
	return " (resource " + *o.MarketplaceResourceUUID + ")"
}
