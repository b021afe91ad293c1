// Package watch shares the polls of many objects of one group (a Waldur
// project's orders, an Awanio owner's VMs, a Hostway account's products)
// in one list request. Each wait keeps its own cadence (the waiter and its
// Learner decide when to look); a Watcher only makes the looks of one
// group that come close together cost one request instead of one each.
//
// A Get is answered from a list request that started after the Get was
// called, so a waiter never acts on an answer older than its question. A
// Get that arrives while no list of its group is in flight starts one
// (after Options.Gather); Gets that arrive while one is in flight join the
// next, which starts when that one ends. So a group has at most one list in
// flight and one gathering.
//
// Lists may be deltas: the Lister returns a cursor with each answer and is
// given it back next time, and an object missing from a delta has not
// changed. The view then needs a starting point per object: Seed gives it
// (the object as a create or a GET answered it) and lowers the group's
// cursor to the object's own, so the next delta covers every later change.
//
// A Watcher keeps only objects somebody asks about: objects of a list that
// nobody Seeded or asked for are dropped, Forget drops one at once, and an
// object nobody asked about for Options.ForgetAfter is dropped at the end
// of a list. A dropped object costs its waiter one fallback GET, no error.
package watch

import (
	"context"
	"sync"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/waiter"
)

// Lister fetches the objects of group. cursor is what the last answer
// returned as next ("" when the group has no cursor yet: a full list);
// next is the cursor for the following list. A Lister without deltas
// ignores cursor and returns "".
type Lister[K comparable, T any] func(ctx context.Context, group K, cursor string) (objs []T, next string, err error)

// Clock is the time source (waiter.Clock fits).
type Clock interface {
	Now() time.Time
	Sleep(ctx context.Context, d time.Duration) error
}

// Options tune a Watcher; zero values take the defaults.
type Options struct {
	// Gather delays a list started from idle, so that Gets arriving within
	// it share the list; 0 starts at once.
	Gather time.Duration
	// ForgetAfter drops an object nobody asked about (Get, Seed) for this
	// long; default 10 minutes.
	ForgetAfter time.Duration
	// Less orders cursors, for Seed; nil compares them as strings.
	Less func(a, b string) bool
	// Clock defaults to the wall clock.
	Clock Clock
}

const defaultForgetAfter = 10 * time.Minute

// Watcher coalesces the Gets of each group into list requests. It is safe
// for concurrent use.
type Watcher[K comparable, T any] struct {
	list  Lister[K, T]
	id    func(T) string
	final func(T) bool
	opts  Options

	mu     sync.Mutex
	groups map[K]*group[T]
}

type group[T any] struct {
	view   map[string]*entry[T]
	cursor string
	// floor is the lowest cursor Seeded while a list was in flight: that
	// list's next must not raise the cursor past the seeded objects.
	floor   string
	seeds   uint64 // Seeds so far, to tell seeded entries from listed ones
	running *round // list in flight
	next    *round // Gets waiting for the list after it
}

type entry[T any] struct {
	obj  T
	has  bool      // obj is known; false: asked for but not seen yet
	seed uint64    // group's seeds count when seeded; 0 when from a list
	used time.Time // last Get or Seed
}

// round is one list request and the Gets that wait on it.
type round struct {
	done    chan struct{}
	err     error
	waiters int
	ctx     context.Context // the list's, shared by its waiters
	cancel  context.CancelFunc
	seeds   uint64 // group's seeds count when the list started
}

// New returns a Watcher that lists with list and names objects with id.
func New[K comparable, T any](list Lister[K, T], id func(T) string, opts Options) *Watcher[K, T] {
	if opts.ForgetAfter <= 0 {
		opts.ForgetAfter = defaultForgetAfter
	}
	if opts.Less == nil {
		opts.Less = func(a, b string) bool { return a < b }
	}
	if opts.Clock == nil {
		opts.Clock = waiter.RealClock{}
	}
	return &Watcher[K, T]{list: list, id: id, opts: opts, groups: map[K]*group[T]{}}
}

// Get returns the object id of group as a list request that started after
// this call saw it (or at once, as last seen, when it is final: see
// WithFinal). ok is false when that list cannot answer for it (a
// delta that omits an object never seeded, a full list without it, an
// object forgotten meanwhile): the caller then reads the object itself
// and may Seed it. A failed list fails the Gets that waited on it with its
// error; the caller falls back to its own read or retries. When ctx ends
// first, Get returns ctx's error, and a list nobody waits for any more is
// canceled.
func (w *Watcher[K, T]) Get(ctx context.Context, key K, id string) (obj T, ok bool, err error) {
	var zero T
	w.mu.Lock()
	g := w.group(key)
	e := g.view[id]
	if e == nil {
		e = &entry[T]{}
		g.view[id] = e
	}
	e.used = w.opts.Clock.Now()
	if e.has && w.final != nil && w.final(e.obj) {
		obj := e.obj
		w.mu.Unlock()
		return obj, true, nil
	}
	r := g.next
	if r == nil {
		r = newRound(ctx)
		g.next = r
		if g.running == nil {
			go w.run(key, g, r, w.opts.Gather)
		}
	}
	r.waiters++
	w.mu.Unlock()

	select {
	case <-r.done:
	case <-ctx.Done():
		w.mu.Lock()
		r.waiters--
		if r.waiters == 0 && g.running == r {
			r.cancel() // nobody waits for the list any more
		}
		w.mu.Unlock()
		return zero, false, ctx.Err()
	}
	if r.err != nil {
		return zero, false, r.err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if g := w.groups[key]; g != nil {
		if e := g.view[id]; e != nil && e.has {
			return e.obj, true, nil
		}
	}
	return zero, false, nil
}

// WithFinal tells the Watcher which objects never change any more (a
// Waldur order that is done, erred, canceled or rejected): a Get of such
// an object is answered from the view at once, without a list, because
// no later list could answer otherwise. Call it before the first Get.
func (w *Watcher[K, T]) WithFinal(final func(T) bool) *Watcher[K, T] {
	w.final = final
	return w
}

// Gathering returns how many Gets of group wait for a list that has not
// started yet, for tests and diagnostics.
func (w *Watcher[K, T]) Gathering(key K) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	if g := w.groups[key]; g != nil && g.next != nil {
		return g.next.waiters
	}
	return 0
}

// Seed records obj, as a create or a GET answered it, as the view's
// starting point for it, and lowers the group's cursor to cursor (the
// cursor a list would need to see obj's next change; "" when the Lister
// has no deltas). A list that started before Seed does not overwrite it.
func (w *Watcher[K, T]) Seed(key K, obj T, cursor string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	g := w.group(key)
	g.seeds++
	g.view[w.id(obj)] = &entry[T]{obj: obj, has: true, seed: g.seeds, used: w.opts.Clock.Now()}
	if cursor == "" {
		return
	}
	if g.cursor == "" || w.opts.Less(cursor, g.cursor) {
		g.cursor = cursor
	}
	if g.running != nil && (g.floor == "" || w.opts.Less(cursor, g.floor)) {
		g.floor = cursor
	}
}

// Forget drops id from group's view, e.g. when its wait ended.
func (w *Watcher[K, T]) Forget(key K, id string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if g := w.groups[key]; g != nil {
		delete(g.view, id)
		w.dropIfIdle(key, g)
	}
}

func (w *Watcher[K, T]) group(key K) *group[T] {
	g := w.groups[key]
	if g == nil {
		g = &group[T]{view: map[string]*entry[T]{}}
		w.groups[key] = g
	}
	return g
}

func newRound(ctx context.Context) *round {
	// The list serves several waits: it keeps the values of the first
	// (its logger) but ends only when none waits any more.
	lctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	return &round{done: make(chan struct{}), ctx: lctx, cancel: cancel}
}

// run gathers for gather, then lists for r, then starts the round that
// gathered meanwhile. A round nobody waits for any more when its turn
// comes is dropped without a request.
func (w *Watcher[K, T]) run(key K, g *group[T], r *round, gather time.Duration) {
	if gather > 0 {
		_ = w.opts.Clock.Sleep(r.ctx, gather) // r.ctx ends only with the Watcher's users gone
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	for r != nil {
		g.next = nil
		if r.waiters == 0 {
			w.finish(r, context.Canceled)
			break
		}
		g.running = r
		g.floor = ""
		r.seeds = g.seeds
		cursor := g.cursor
		w.mu.Unlock()

		objs, next, err := w.list(r.ctx, key, cursor)

		w.mu.Lock()
		if err == nil {
			w.merge(g, r, objs, next, cursor == "")
		}
		g.running = nil
		w.finish(r, err)
		r = g.next // its Gets gathered while this list ran
	}
	w.evict(g)
	w.dropIfIdle(key, g)
}

// finish answers r's waiters.
func (w *Watcher[K, T]) finish(r *round, err error) {
	r.err = err
	close(r.done)
	r.cancel()
}

// merge takes a list's answer into the view: objects somebody watches,
// unless seeded after the list started. A full list also tells which
// watched objects are not there (any more).
func (w *Watcher[K, T]) merge(g *group[T], r *round, objs []T, next string, full bool) {
	seen := map[string]bool{}
	for _, o := range objs {
		id := w.id(o)
		seen[id] = true
		e := g.view[id]
		if e == nil || e.seed > r.seeds {
			continue
		}
		e.obj, e.has, e.seed = o, true, 0
	}
	if full {
		var zero T
		for id, e := range g.view {
			if !seen[id] && e.seed <= r.seeds {
				e.obj, e.has = zero, false
			}
		}
	}
	g.cursor = next
	if g.floor != "" && (next == "" || w.opts.Less(g.floor, next)) {
		g.cursor = g.floor // see the changes of objects seeded meanwhile
	}
}

// evict drops the objects nobody asked about for ForgetAfter.
func (w *Watcher[K, T]) evict(g *group[T]) {
	cutoff := w.opts.Clock.Now().Add(-w.opts.ForgetAfter)
	for id, e := range g.view {
		if e.used.Before(cutoff) {
			delete(g.view, id)
		}
	}
}

// dropIfIdle forgets a group nobody watches, cursor and all.
func (w *Watcher[K, T]) dropIfIdle(key K, g *group[T]) {
	if len(g.view) == 0 && g.running == nil && g.next == nil && w.groups[key] == g {
		delete(w.groups, key)
	}
}
