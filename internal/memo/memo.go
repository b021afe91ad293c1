// Package memo remembers, per key, what a read answered, for the life of a
// client (one Terraform command): things that do not change while
// terraform plans or applies (a Hostway catalog entry, an Awanio project's
// organization) are read once, not once per resource.
//
// A Memo runs at most one load per key at a time: callers that ask for a
// key while it is being loaded wait for that load and share its answer,
// while loads of other keys go on. A waiting caller stops waiting when its
// own context ends. Errors are not remembered: the callers that waited get
// the error, and the next caller loads again; a load that ended because
// its caller's context ended is not shared at all (the waiters load again
// under their own contexts).
package memo

import (
	"context"
	"errors"
	"sync"
)

// Memo is a per-key cache with one load per key at a time. The zero value
// is ready to use; a Memo must not be copied after first use.
type Memo[K comparable, V any] struct {
	mu      sync.Mutex
	entries map[K]*entry[V]
	// waiting, when set (by tests), is called when a Get starts waiting
	// for another caller's load of key.
	waiting func(key K)
}

// entry is one key's load: done is closed when it ends, then v and err
// hold its answer and retry says the waiters must load again.
type entry[V any] struct {
	done  chan struct{}
	v     V
	err   error
	retry bool
}

// errPanicked is what a load that panicked leaves its entry (its waiters
// load again; the panic goes on in the caller that ran it).
var errPanicked = errors.New("memo: the load panicked")

// Get returns the value for key: the remembered one, the one a load in
// flight returns, or what load returns when Get runs it (under ctx).
func (m *Memo[K, V]) Get(ctx context.Context, key K, load func(context.Context) (V, error)) (V, error) {
	for {
		m.mu.Lock()
		if m.entries == nil {
			m.entries = map[K]*entry[V]{}
		}
		e, ok := m.entries[key]
		if !ok {
			e = &entry[V]{done: make(chan struct{})}
			m.entries[key] = e
			m.mu.Unlock()
			return m.run(ctx, key, e, load)
		}
		m.mu.Unlock()
		if m.waiting != nil {
			m.waiting(key)
		}
		select {
		case <-e.done:
			if !e.retry {
				return e.v, e.err
			}
		case <-ctx.Done():
			var zero V
			return zero, ctx.Err()
		}
	}
}

// run loads e's value and publishes it; a failed load leaves the map so
// that the next Get loads again.
func (m *Memo[K, V]) run(ctx context.Context, key K, e *entry[V], load func(context.Context) (V, error)) (V, error) {
	e.err, e.retry = errPanicked, true
	defer func() {
		if e.err != nil {
			m.drop(key, e)
		}
		close(e.done)
	}()
	v, err := load(ctx)
	e.v, e.err, e.retry = v, err, err != nil && ctx.Err() != nil
	return v, err
}

// Forget drops what key's load answered, so that the next Get loads it
// again. A load in flight is not stopped, and its callers get its answer,
// but it is not remembered.
func (m *Memo[K, V]) Forget(key K) {
	m.mu.Lock()
	delete(m.entries, key)
	m.mu.Unlock()
}

// drop removes e from the map unless Forget (and a new load) replaced it.
func (m *Memo[K, V]) drop(key K, e *entry[V]) {
	m.mu.Lock()
	if m.entries[key] == e {
		delete(m.entries, key)
	}
	m.mu.Unlock()
}
