package mockcloud

import (
	"sort"
	"sync"
	"time"
)

// lagLogSize bounds the poll-lag log; objects beyond it are not recorded.
const lagLogSize = 100000

// FinalSeen is the poll lag of one object: when it reached its final state
// (by the mock's clock: a Waldur order done, an Awanio VM running, a
// Hostway product open) and when an answer first showed it in that state
// (a GET of the object or a list that included it). FirstSeenAt minus
// FinalAt is how late the client learned of it.
type FinalSeen struct {
	// Kind names the object's type, e.g. "waldur order".
	Kind        string    `json:"kind"`
	ID          string    `json:"id"`
	FinalAt     time.Time `json:"final_at"`
	FirstSeenAt time.Time `json:"first_seen_at"`
}

// Lag is FirstSeenAt - FinalAt.
func (f FinalSeen) Lag() time.Duration { return f.FirstSeenAt.Sub(f.FinalAt) }

// lagLog records, per object, the first answer that rendered it final.
type lagLog struct {
	mu    sync.Mutex
	since time.Time // objects final before it are not recorded
	seen  map[string]*FinalSeen
}

func (l *lagLog) record(kind, id string, finalAt, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if finalAt.Before(l.since) {
		return
	}
	key := kind + "\x00" + id
	if l.seen[key] != nil || len(l.seen) >= lagLogSize {
		return
	}
	if l.seen == nil {
		l.seen = map[string]*FinalSeen{}
	}
	l.seen[key] = &FinalSeen{Kind: kind, ID: id, FinalAt: finalAt, FirstSeenAt: now}
}

func (l *lagLog) snapshot() []FinalSeen {
	l.mu.Lock()
	out := make([]FinalSeen, 0, len(l.seen))
	for _, f := range l.seen {
		out = append(out, *f)
	}
	l.mu.Unlock()
	sort.Slice(out, func(i, j int) bool {
		if !out[i].FinalAt.Equal(out[j].FinalAt) {
			return out[i].FinalAt.Before(out[j].FinalAt)
		}
		return out[i].Kind+out[i].ID < out[j].Kind+out[j].ID
	})
	return out
}

func (l *lagLog) reset(now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.seen = nil
	l.since = now
}

// SeenFinal is the render hook of the mocked APIs: an answer is about to
// show object id of kind in its final state, which it reached at finalAt.
// The first such answer per object is its poll lag (PollLag). Objects that
// were final before the counters were last reset are not recorded, so a
// benchmark measures only the objects of the command it runs. It is cheap
// (one map lookup) and safe for concurrent use.
func (s *Server) SeenFinal(kind, id string, finalAt time.Time) {
	s.lag.record(kind, id, finalAt, s.clock.Now())
}

// PollLag returns the objects that became final since the counters were
// last reset and were seen so, ordered by when they became final.
func (s *Server) PollLag() []FinalSeen { return s.lag.snapshot() }

// FinalHook is how a mocked API reports an answer that shows an object in
// its final state: Mount sets it to the server's SeenFinal. The zero value
// (an API that is not mounted) does nothing.
type FinalHook func(kind, id string, finalAt time.Time)

// Seen reports the object, if the hook is set.
func (h FinalHook) Seen(kind, id string, finalAt time.Time) {
	if h != nil {
		h(kind, id, finalAt)
	}
}
