package api

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/watch"
)

// Shared order waits: the waits of one project's orders read them through
// one watcher, which lists what changed since it last looked,
// GET /api/marketplace-orders/?project_uuid=…&modified=<cursor>&o=created
// (Waldur's OpenAPI: "modified", a date-time, "Modified after"), so that
// polls of many orders that come close together cost one request. Each
// wait keeps the poller's cadence; it reads the order itself (GET) when
// the watcher cannot answer: the order's project is unknown, the order is
// not in the watcher's view, or the list failed.
//
// The cursor is Waldur's own time, never ours: the newest `modified` of an
// answer, but no later than the server's time (its Date header) when the
// list was sent, less serverClockTolerance. An order that changes while a
// list reads its later pages, or whose change was stamped before another
// transaction's but committed after it (Django stamps auto_now fields
// before the commit), is then still in the next delta. No source says
// whether "Modified after" includes equal times (django-filter's gte or
// gt; the mock includes them): an inclusive filter sends some orders
// again, which the view dedupes by UUID, and with an exclusive one the
// lowered cursor still covers every change.

// defaultWaitGather is how long a list started from idle waits for other
// polls of the project to join it (Config.WaitGather). Measured with
// cmd/bench, Waldur N = 200, D = 2 s, P = 20 on the busy 2-CPU machine
// (load 7-10): 25 ms gave 1.03 lists per order (poll lag p95 187 ms),
// 100 ms 0.65 (p95 211 ms), 150 ms 0.54 (p95 270 ms, over the 250 ms
// target). Lag here is the time from an order's end to the first list
// after it; the waits still poll when the learner says.
const defaultWaitGather = 100 * time.Millisecond

// maxWatchedUnchanged is how many polls in a row a wait takes the
// watcher's word that its order has not changed before it reads the order
// itself once: a delta does not show an order deleted meanwhile.
const maxWatchedUnchanged = 5

// errNoOrderCursor refuses a full list of a project: every watched order
// is seeded (with its modified time), so a group without a cursor has
// only orders the watcher forgot; their waits read them themselves.
var errNoOrderCursor = errors.New("no cursor for the project's orders")

// orderWatch is the client's watcher of orders, by project UUID.
type orderWatch struct {
	w *watch.Watcher[string, Order]

	mu sync.Mutex
	// project of the orders this client created and has not waited for
	// yet, so that their first poll can already use the watcher.
	project map[string]string
}

func newOrderWatch(c *Client, clock watch.Clock, gather time.Duration) *orderWatch {
	return &orderWatch{
		w: watch.New(c.listOrdersSince, func(o Order) string { return o.UUID }, watch.Options{
			Gather: gather,
			Less:   cursorBefore,
			Clock:  clock,
		}).WithFinal(func(o Order) bool { return contains(orderFinalStates, o.State) }),
		project: map[string]string{},
	}
}

// listOrdersSince is the watcher's Lister: the project's orders modified
// at or after cursor, every page.
func (c *Client) listOrdersSince(ctx context.Context, project, cursor string) ([]Order, string, error) {
	since, err := time.Parse(time.RFC3339Nano, cursor)
	if err != nil {
		return nil, "", errNoOrderCursor
	}
	before, sent := c.server.latest(), time.Now()
	orders, err := c.ListOrders(ctx, OrderListFilter{ProjectUUID: project, ModifiedAfter: cursor, Ordering: "created"})
	if err != nil {
		return nil, "", err
	}
	newest := since
	for _, o := range orders {
		if t, err := time.Parse(time.RFC3339Nano, o.Modified); err == nil && t.After(newest) {
			newest = t
		}
	}
	if bound, ok := notBefore(sent, before, c.server.latest()); ok && bound.Before(newest) {
		newest = bound
	} else if !ok {
		newest = newest.Add(-serverClockTolerance)
	}
	if newest.Before(since) {
		newest = since
	}
	return orders, formatCursor(newest), nil
}

func formatCursor(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// cursorBefore orders cursors by time; one that does not parse sorts first.
func cursorBefore(a, b string) bool {
	ta, errA := time.Parse(time.RFC3339Nano, a)
	tb, errB := time.Parse(time.RFC3339Nano, b)
	if errA != nil || errB != nil {
		return errA != nil && errB == nil
	}
	return ta.Before(tb)
}

// orderCursor is the cursor under which a list sees o's next change.
func orderCursor(o *Order) (string, bool) {
	t, err := time.Parse(time.RFC3339Nano, o.Modified)
	if err != nil || o.ProjectUUID == "" {
		return "", false
	}
	return formatCursor(t), true
}

// seed makes o the watcher's starting point for it and returns its
// project, "" when o cannot be watched (no project or modified time).
func (ow *orderWatch) seed(o *Order) string {
	cursor, ok := orderCursor(o)
	if !ok {
		return ""
	}
	ow.w.Seed(o.ProjectUUID, *o, cursor)
	return o.ProjectUUID
}

// created seeds an order this client just created, for the wait that
// follows.
func (ow *orderWatch) created(o *Order) {
	if p := ow.seed(o); p != "" {
		ow.mu.Lock()
		ow.project[o.UUID] = p
		ow.mu.Unlock()
	}
}

// takeProject returns (and forgets) the project of an order created here.
func (ow *orderWatch) takeProject(uuid string) string {
	ow.mu.Lock()
	defer ow.mu.Unlock()
	p := ow.project[uuid]
	delete(ow.project, uuid)
	return p
}

// orderPoll reads one order for one wait: through the watcher while it can
// answer, else by GET (which seeds the watcher for the next poll).
type orderPoll struct {
	c         *Client
	uuid      string
	project   string // "" until known
	modified  string // of the order last seen
	unchanged int    // polls in a row the watcher saw no change
}

func (c *Client) newOrderPoll(uuid string) *orderPoll {
	return &orderPoll{c: c, uuid: uuid, project: c.orders.takeProject(uuid)}
}

func (p *orderPoll) get(ctx context.Context) (*Order, error) {
	if p.project != "" && p.unchanged < maxWatchedUnchanged && !p.c.poll.Solo {
		o, ok, err := p.c.orders.w.Get(ctx, p.project, p.uuid)
		switch {
		case err == nil && ok:
			if o.Modified == p.modified {
				p.unchanged++
			} else {
				p.unchanged, p.modified = 0, o.Modified
			}
			return &o, nil
		case ctx.Err() != nil:
			return nil, ctx.Err()
		case err != nil && !errors.Is(err, errNoOrderCursor):
			tflog.Debug(ctx, "listing the project's orders failed; reading the order itself", map[string]any{
				"order_uuid": p.uuid, "error": err.Error(),
			})
		}
	}
	return p.read(ctx)
}

// read GETs the order and seeds the watcher with it.
func (p *orderPoll) read(ctx context.Context) (*Order, error) {
	o, err := p.c.GetOrder(ctx, p.uuid)
	if err != nil {
		return nil, err
	}
	p.project, p.modified, p.unchanged = p.c.orders.seed(o), o.Modified, 0
	return o, nil
}

// done drops the order from the watcher's view.
func (p *orderPoll) done() {
	if p.project != "" {
		p.c.orders.w.Forget(p.project, p.uuid)
	}
}
