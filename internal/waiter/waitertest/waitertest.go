// Package waitertest provides a fake clock so that tests of code that waits
// (waiter.Wait, apiclient retries) run in microseconds.
package waitertest

import (
	"context"
	"sync"
	"time"
)

// FakeClock implements waiter.Clock. Sleep returns at once and advances the
// virtual time; the durations asked for are recorded. It is safe for
// concurrent use. Its Sleep method also fits apiclient.Config.Sleep.
type FakeClock struct {
	mu     sync.Mutex
	now    time.Time
	sleeps []time.Duration
}

// NewFakeClock starts at the real current time, so that deadlines of real
// contexts compare sensibly with the virtual time.
func NewFakeClock() *FakeClock {
	return &FakeClock{now: time.Now()}
}

// Now returns the virtual time.
func (c *FakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Sleep records d and advances the virtual time by it, unless ctx is
// already done.
func (c *FakeClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sleeps = append(c.sleeps, d)
	if d > 0 {
		c.now = c.now.Add(d)
	}
	return nil
}

// Advance moves the virtual time forward without recording a sleep, e.g. to
// simulate a slow refresh.
func (c *FakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// Sleeps returns a copy of the durations passed to Sleep, in order.
func (c *FakeClock) Sleeps() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.sleeps...)
}
