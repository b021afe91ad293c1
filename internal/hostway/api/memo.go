package api

import (
	"context"
	"sync"
)

// memo remembers what a static read answered, per key, for the life of
// the client (one Terraform command): the catalog does not change while
// terraform plans or applies, and every VPS of a configuration names the
// same offering and specifications. Callers that ask for a key while it is
// being read share that one request. Errors are not remembered: the next
// caller asks again.
type memo[V any] struct {
	mu      sync.Mutex
	entries map[string]*memoEntry[V]
}

type memoEntry[V any] struct {
	done chan struct{}
	v    V
	err  error
}

// get returns the value for key, reading it with read unless it was read
// before or is being read now.
func (m *memo[V]) get(ctx context.Context, key string, read func(context.Context) (V, error)) (V, error) {
	m.mu.Lock()
	if m.entries == nil {
		m.entries = map[string]*memoEntry[V]{}
	}
	e, ok := m.entries[key]
	if !ok {
		e = &memoEntry[V]{done: make(chan struct{})}
		m.entries[key] = e
	}
	m.mu.Unlock()
	if ok {
		select {
		case <-e.done:
			if e.err == nil {
				return e.v, nil
			}
			// The read another caller made failed (perhaps only its
			// context ended): read again under this caller's context.
			return m.get(ctx, key, read)
		case <-ctx.Done():
			var zero V
			return zero, ctx.Err()
		}
	}
	e.v, e.err = read(ctx)
	if e.err != nil {
		m.mu.Lock()
		if m.entries[key] == e {
			delete(m.entries, key)
		}
		m.mu.Unlock()
	}
	close(e.done)
	return e.v, e.err
}
