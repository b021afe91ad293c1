package chaos

import (
	"sync"
	"time"
)

// warpClock is the mock's clock in the interrupt tests. It reads real time
// until Release; from then on it runs an hour per real millisecond, so that
// everything the mock holds back with hour-long delays (orders executing,
// VMs provisioning, deletions) finishes at once, including what the next
// apply creates. The tests decide when objects move on, not the scheduler.
type warpClock struct {
	mu         sync.Mutex
	releasedAt time.Time // zero while holding
}

// warp is how much mock time passes per real time after Release.
const warp = int64(time.Hour / time.Millisecond)

func (c *warpClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := time.Now()
	if c.releasedAt.IsZero() {
		return now
	}
	// At least an hour ahead at once, then faster than any delay.
	return now.Add(time.Hour + time.Duration(int64(now.Sub(c.releasedAt))*warp))
}

// Release lets every delay pass.
func (c *warpClock) Release() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.releasedAt.IsZero() {
		c.releasedAt = time.Now()
	}
}
