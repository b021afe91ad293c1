package waiter

import (
	"fmt"
	"strings"
	"sync"
	"time"
)

// Learning: most waits of one kind (a Waldur order becoming done, an Awanio
// VM starting) take about as long as the last few. A Learner remembers that
// time per kind, so that a wait can sleep until just before it and then
// poll closely, instead of polling from the start and overshooting the end
// by up to a whole (grown) interval. When one wait of a kind ends, the
// others of that kind that have waited at least as long are woken to poll
// when they are as old as that one was: objects ordered together tend to
// take equally long.
const (
	// learnWeight is the weight of the newest duration in the running
	// estimate: recent waits count most, one outlier does not dominate.
	learnWeight = 0.3
	// firstPollFraction places the first poll a little before the
	// estimate, so the estimate can fall again when the cloud gets faster:
	// an object already done then teaches a shorter time.
	firstPollFraction = 0.95
	// followUpFraction of the estimate is the interval after a first
	// poll that came too early: close polling, as the end is near.
	followUpFraction = 0.08
	// unknownKindJitter spreads the polls of waits of a kind not learned
	// yet (usually a batch started together), so that together they
	// sample its end finely: the first to see it wakes the others.
	unknownKindJitter = 0.5
	// maxWakeups bounds the extra polls one wait makes because others
	// finished, so a large batch cannot turn into a request storm.
	maxWakeups = 2
)

// Learner holds what waits of each kind have taught this process. It is
// safe for concurrent use; the zero value is not usable, call NewLearner.
// A provider keeps one for its process, shared by every backend client.
type Learner struct {
	mu    sync.Mutex
	kinds map[string]*kindStats
}

type kindStats struct {
	estimate time.Duration // running estimate of a wait's duration; 0 until one ended
	waits    int
	// wake is closed (and replaced) when a wait of the kind ends.
	wake chan struct{}
	// endedAfter is how long the wait that last closed wake had waited
	// when it saw its object at the target: sleeping waits poll once they
	// have waited as long.
	endedAfter time.Duration
}

// NewLearner returns an empty Learner.
func NewLearner() *Learner { return &Learner{kinds: map[string]*kindStats{}} }

func (l *Learner) stats(kind string) *kindStats {
	k := l.kinds[kind]
	if k == nil {
		k = &kindStats{wake: make(chan struct{})}
		l.kinds[kind] = k
	}
	return k
}

// Estimate returns the learned duration of waits of kind, and false while
// none has ended.
func (l *Learner) Estimate(kind string) (time.Duration, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	k := l.kinds[kind]
	if k == nil || k.waits == 0 {
		return 0, false
	}
	return k.estimate, true
}

// ended records a wait that saw its object at the target after waiting
// hi, and wakes the sleeping waits of the kind.
func (l *Learner) ended(kind string, hi time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	k := l.stats(kind)
	if k.waits == 0 {
		k.estimate = hi
	} else {
		k.estimate = time.Duration(learnWeight*float64(hi) + (1-learnWeight)*float64(k.estimate))
	}
	k.waits++
	k.endedAfter = hi
	close(k.wake)
	k.wake = make(chan struct{})
}

// wakeup returns a channel closed when the next wait of kind ends.
func (l *Learner) wakeup(kind string) <-chan struct{} {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.stats(kind).wake
}

// endedAfter is how long the wait of kind that ended last had waited.
func (l *Learner) endedAfter(kind string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.stats(kind).endedAfter
}

// kindOf names what a wait waits for: the object's Go type and its states.
// Waits of the same object for different targets (created, deleted) learn
// apart.
func kindOf[T any](cfg Config[T]) string {
	if cfg.Kind != "" {
		return cfg.Kind
	}
	var zero T
	return fmt.Sprintf("%T:%s>%s", zero, strings.Join(cfg.Pending, ","), strings.Join(cfg.Target, ","))
}
