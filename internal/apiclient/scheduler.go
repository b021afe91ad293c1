package apiclient

import (
	"context"
	"fmt"
	"math"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/waiter"
)

// Scheduler paces every request of one backend. Each Client built for that
// backend (Awanio builds one per session besides its login client) shares
// it through Config.Scheduler, so that a quota, or a 429 that one request
// received, holds back all of them. It is safe for concurrent use.
//
// It does three things:
//
//   - A token bucket at the configured MaxRate (unlimited when zero), with a
//     burst of one second's worth (at least one request). A second is the
//     unit in which APIs state their quotas ("10 requests per second") and
//     server buckets allow at least that, so a plan's first refreshes may
//     start together without ever exceeding the configured average.
//   - A 429, or a 503 with Retry-After, pauses the whole backend until the
//     Retry-After has passed (a 429 without one: the caller's backoff).
//     Concurrent throttled answers extend the pause to the latest end; they
//     never add up.
//   - After the pause the backend resumes at a lower rate and climbs back,
//     as TCP CUBIC does: wMax is the rate at which the throttling happened
//     (the configured rate, or the send rate measured since the last
//     throttle when that is lower or none is configured). The rate drops to
//     β·wMax and climbs back along a concave cubic curve that reaches wMax
//     after recoverTime and flattens there; it then stays near wMax for a
//     while and probes above it along the convex half of the cubic, slowly
//     at first (probeTime). Callers are released one by one at that rate,
//     never as a burst: the server's bucket is nearly empty when a pause
//     ends. The flat part keeps the backend at the server's quota for most
//     of the time, where a plain AIMD sawtooth (halve, then add a constant)
//     averages 75 % of it; the slow probe keeps the 429s that find the
//     quota again rare. wMax is remembered: a throttle that came while
//     probing above it does not lower it (the rate up to it held), one that
//     came below it replaces it (it was too high). With a configured limit
//     the climb ends at it; without one the backend is unlimited again once
//     the probe reaches liftFactor·wMax. The simulations in
//     scheduler_sim_test.go give the figures.
//
// A request that throttling answered is retried by its caller as before;
// the scheduler only decides when requests may leave.
type Scheduler struct {
	backend string
	clock   waiter.Clock
	limit   float64 // configured requests per second; 0 = unlimited

	mu sync.Mutex
	// tat is the theoretical arrival time of the next request in the
	// generic cell rate algorithm, the token bucket kept as one time.
	tat time.Time
	// pausedUntil ends the current (or last) backend-wide pause; epoch
	// counts pauses so that a caller that reserved a slot before a pause
	// began queues again behind it.
	pausedUntil time.Time
	epoch       uint64
	// lastThrottle is when the last decrease happened: answers to requests
	// sent before it say nothing about the reduced rate.
	lastThrottle time.Time
	// throttled is set from a throttled answer until the rate has climbed
	// back to the limit (or, unlimited, to liftFactor·wMax).
	throttled bool
	wMax      float64
	// wMaxAccepted says wMax is a rate the server accepted from one
	// throttle to the next (measuredRate), not a send rate that was
	// throttled.
	wMaxAccepted bool
	resumeAt     time.Time
	// sends are the times of the latest requests, to measure the rate at
	// which throttling happened when no limit held it.
	sends [sendRing]time.Time
	next  int

	// memory keeps the learned rate for the next provider process
	// (Remember); nil keeps nothing.
	memory *RateMemory
	// seeded says wMax came from memory, not from a throttle in this
	// process: the backend probes upward from it until the first
	// throttle.
	seeded bool
	// sentSince counts the requests sent since the last decrease (or the
	// seed), at since: when the probe lifts the limit, it tells whether
	// the backend really accepted well above wMax.
	since     time.Time
	sentSince int
	// forget asks Wait to remove memory's record: the backend accepted
	// well above it.
	forget bool
}

const (
	// beta is the share of wMax the rate drops to (CUBIC's 0.7): the pause
	// has already let the server's bucket refill, so a deep cut only wastes
	// quota.
	beta = 0.7
	// recoverTime is how long the concave climb from beta·wMax back to
	// wMax takes.
	recoverTime = 2 * time.Second
	// probeTime is how long the probe above wMax takes to double the
	// rate (and so to lift the limit of an unlimited backend), along
	// wMax·(1 + (t/probeTime)³), t counted from the end of the climb. A
	// quota that held still has nothing to give above wMax but what its
	// bucket saved during the pause and the climb (about a second's
	// worth), and every probe that finds the quota again costs a 429 and
	// whatever was in flight with it. The convex curve stays within 1 % of
	// wMax for the first 6 s and within 10 % for 14 s, so that saving
	// lasts about 15–20 s of probing against a quota that holds, where a
	// linear probe of +10 % per second spent it in 5 s; it still doubles
	// in probeTime when the quota has gone.
	probeTime = 30 * time.Second
	// probeMargin is how far above wMax a throttle must come to leave
	// wMax standing as the ceiling. On the flat part of the probe (the
	// first 11 s of it are within 5 %) the server's saved second lasts;
	// a 429 there says wMax itself was too high.
	probeMargin = 0.05
	// liftFactor·wMax is where an unlimited backend stops limiting again.
	liftFactor = 2
	// minRate is the lowest rate a throttled backend falls to.
	minRate = 1.0
	// rateWindow is the window over which the send rate is measured.
	rateWindow = time.Second
	// cycleWindow is how far back a previous throttle still measures the
	// server's rate.
	cycleWindow = time.Minute
	// minRateWindow keeps a measurement from dividing a few requests by
	// almost no time.
	minRateWindow = 250 * time.Millisecond
	sendRing      = 256
	// liftDemand: when the probe lifts the limit, the memory's record is
	// removed if the backend sent (and was not throttled) more than
	// (1+liftDemand)·wMax on average since the last decrease; otherwise
	// the callers had too little to send to say anything of the quota.
	liftDemand = 0.1
)

// SchedulerConfig configures a Scheduler.
type SchedulerConfig struct {
	// Backend names the tflog subsystem and error messages.
	Backend string
	// MaxRate is the most requests per second; zero means unlimited.
	MaxRate float64
	// Clock is a test hook; the default is the wall clock.
	Clock waiter.Clock
}

// NewScheduler returns a scheduler for one backend.
func NewScheduler(cfg SchedulerConfig) (*Scheduler, error) {
	if cfg.MaxRate < 0 || math.IsNaN(cfg.MaxRate) || math.IsInf(cfg.MaxRate, 0) {
		return nil, fmt.Errorf("apiclient: MaxRate must be a positive number of requests per second or zero for no limit, got %v", cfg.MaxRate)
	}
	s := &Scheduler{backend: cfg.Backend, clock: cfg.Clock, limit: cfg.MaxRate}
	if s.clock == nil {
		s.clock = waiter.RealClock{}
	}
	return s, nil
}

// Wait blocks until the caller may send its next request and returns the
// time it may send at. An unlimited backend that is not paused returns at
// once. When ctx ends first, the error says the request was waiting for
// the rate limit and wraps ctx's error.
func (s *Scheduler) Wait(ctx context.Context) (time.Time, error) {
	for {
		now := s.clock.Now()
		s.mu.Lock()
		at := s.reserve(now)
		epoch, forget := s.epoch, s.forget
		s.forget = false
		s.mu.Unlock()
		if forget {
			s.forgetRate(ctx)
		}
		if d := at.Sub(now); d > 0 {
			if err := s.clock.Sleep(ctx, d); err != nil {
				return time.Time{}, s.waitError(ctx, err)
			}
		} else if err := ctx.Err(); err != nil {
			return time.Time{}, s.waitError(ctx, err)
		}
		s.mu.Lock()
		again := s.epoch != epoch
		if !again {
			s.sent(at)
		}
		s.mu.Unlock()
		if !again {
			return at, nil
		}
		// A pause began while this caller slept: its slot was planned
		// without it, so it queues again behind the pause.
	}
}

func (s *Scheduler) waitError(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		err = ctxError(ctx)
	}
	return fmt.Errorf("waiting for the %s API's rate limit: %w", s.backend, err)
}

// reserve books the earliest slot at or after now. s.mu is held.
func (s *Scheduler) reserve(now time.Time) time.Time {
	start := now
	if s.pausedUntil.After(start) {
		start = s.pausedUntil
	}
	at := start
	if r := s.rateAt(start); r > 0 {
		tat := s.tat
		if tat.Before(start) {
			tat = start
		}
		if s.throttled && s.wMaxAccepted {
			// The callers held by a pause queue up at once: each slot
			// is spaced at the curve's rate at that slot, or the whole
			// queue would leave at the pause end's β·wMax, seconds behind
			// the climb. Not while wMax is only the send rate that met
			// the first throttle: that is no rate the server accepted,
			// and climbing to it sooner only meets the quota sooner, with
			// more requests in flight.
			r = max(r, s.curveAt(tat))
		}
		interval := time.Duration(float64(time.Second) / r)
		// GCRA: a request may go tolerance before the theoretical arrival
		// time; the tolerance is the burst less the request itself.
		tolerance := time.Duration(s.burst(r)-1) * interval
		if earliest := tat.Add(-tolerance); earliest.After(at) {
			at = earliest
		}
		s.tat = tat.Add(interval)
	}
	return at
}

// sent records a request that left at t, for measuredRate. Only requests
// that went count: a slot given up because a pause began was never used.
// s.mu is held.
func (s *Scheduler) sent(t time.Time) {
	s.sends[s.next] = t
	s.next = (s.next + 1) % sendRing
	s.sentSince++
}

// burst is one second's worth at the configured limit; a throttled
// backend sends evenly, without bursts, until it is back at its limit.
// So does one that starts at a remembered rate (Remember): the server's
// bucket, full when the process starts, is then saved for the probe above
// the rate, which finds the quota later (scheduler_sim_test.go).
func (s *Scheduler) burst(r float64) int {
	if s.throttled {
		return 1
	}
	return max(1, int(r))
}

// rateAt is the rate allowed at t, 0 when unlimited; it ends the
// throttled phase once the climb is complete. s.mu is held.
func (s *Scheduler) rateAt(t time.Time) float64 {
	if !s.throttled {
		return s.limit
	}
	r := curveRate(s.wMax, t.Sub(s.resumeAt))
	switch {
	case s.limit > 0 && r >= s.limit:
		s.lift(t)
		return s.limit
	case s.limit == 0 && r >= liftFactor*s.wMax:
		s.lift(t)
		return 0
	}
	return r
}

// lift ends the throttled phase at t. When the callers sent well above
// wMax since the last decrease without a throttle, the quota that wMax
// measured has gone up or away: the memory forgets it (in Wait, outside
// s.mu), so that the next process does not start at it. s.mu is held.
func (s *Scheduler) lift(t time.Time) {
	s.throttled, s.seeded = false, false
	if s.memory != nil && float64(s.sentSince) > (1+liftDemand)*s.wMax*t.Sub(s.since).Seconds() {
		s.forget = true
	}
}

// curveAt is the rate of a throttled backend's curve at t, at most the
// configured limit. Unlike rateAt it ends nothing. s.mu is held.
func (s *Scheduler) curveAt(t time.Time) float64 {
	r := curveRate(s.wMax, t.Sub(s.resumeAt))
	if s.limit > 0 {
		r = min(r, s.limit)
	}
	return r
}

// curveRate is the rate elapsed after resuming from a throttle at wMax:
// concave from beta·wMax to wMax over recoverTime, then convex probing,
// flat at first, that doubles the rate in probeTime.
func curveRate(wMax float64, elapsed time.Duration) float64 {
	if elapsed < 0 {
		elapsed = 0
	}
	if elapsed < recoverTime {
		u := 1 - elapsed.Seconds()/recoverTime.Seconds()
		return wMax - wMax*(1-beta)*u*u*u
	}
	u := (elapsed - recoverTime).Seconds() / probeTime.Seconds()
	return wMax * (1 + u*u*u)
}

// Throttled tells the scheduler that a request sent at sent was answered
// 429, or 503 with Retry-After, and that the server asked for pause. The
// whole backend waits until pause has passed from now; a pause already
// running is extended, never added to. The first throttled answer to a
// request sent since the last decrease also lowers the rate. ctx carries
// the backend's log subsystem.
func (s *Scheduler) Throttled(ctx context.Context, sent time.Time, pause time.Duration, status int) {
	now := s.clock.Now()
	pause = max(pause, 0)
	s.mu.Lock()
	end := now.Add(pause)
	newPause := !now.Before(s.pausedUntil)
	extended := end.After(s.pausedUntil)
	if extended {
		s.pausedUntil = end
		s.epoch++
	}
	decrease := s.lastThrottle.IsZero() || sent.After(s.lastThrottle)
	if decrease {
		current, cycle := s.measuredRate(now, sent)
		r := s.rateAt(now)
		if r > 0 && (current == 0 || r < current) {
			current = r
		}
		if s.throttled && s.wMaxAccepted && r > (1+probeMargin)*s.wMax {
			// Throttled while probing clearly above a wMax that the server
			// accepted over a whole cycle: the quota is at least that, so
			// it stays the ceiling even when this cycle measured less (the
			// server's bucket filled up and overflowed while the callers
			// had less to send). Throttled during the climb or at wMax,
			// the measurement replaces it: wMax was too high (the first
			// throttle's send rate, or a quota that went down).
			current = max(current, s.wMax)
			if s.seeded {
				// The remembered rate held, from a server bucket that
				// was full when this process began: what it accepted
				// since overstates its quota.
				current = s.wMax
			}
			cycle = true
		}
		s.wMax, s.wMaxAccepted = max(current, minRate), cycle
		s.throttled, s.seeded = true, false
		s.lastThrottle = now
		s.since, s.sentSince = now, 0
	}
	if extended || decrease {
		s.resumeAt = s.pausedUntil
		// Nobody sends before the pause ends, and then evenly.
		s.tat = s.pausedUntil
	}
	resumeRate, wMax := beta*s.wMax, s.wMax
	// A rate the server accepted over a whole cycle is its quota, or the
	// ceiling that held: the next process starts at it.
	remember := decrease && s.wMaxAccepted && s.memory != nil
	s.mu.Unlock()

	if remember {
		if err := s.memory.Save(wMax, now); err != nil {
			tflog.SubsystemWarn(ctx, s.backend, "Cannot keep the learned rate for the next run", map[string]any{
				"file": s.memory.Path(), "error": err.Error(),
			})
		}
	}

	if newPause || decrease {
		fields := map[string]any{
			"status_code":             status,
			"pause":                   roundDuration(pause).String(),
			"resume_rate_per_second":  math.Round(resumeRate*100) / 100,
			"throttled_at_per_second": math.Round(wMax*100) / 100,
		}
		if s.limit > 0 {
			fields["max_requests_per_second"] = s.limit
		}
		tflog.SubsystemWarn(ctx, s.backend, "API throttled: pausing every request to this backend, then resuming at a lower rate", fields)
	}
}

// measuredRate is the rate at which the backend was throttled: the rate
// of requests the server accepted since the last throttle (within
// cycleWindow; cycle is then true), else the send rate over the last
// rateWindow; 0 when nothing was sent. s.mu is held.
func (s *Scheduler) measuredRate(now, rejected time.Time) (rate float64, cycle bool) {
	from := now.Add(-rateWindow)
	cycle = !s.lastThrottle.IsZero() && now.Sub(s.lastThrottle) <= cycleWindow
	if cycle {
		// From one throttle to the next the server's bucket goes from
		// empty to empty, so what it accepted between them, pause
		// included, is the server's rate. The last second alone would
		// overstate it: the bucket refilled during the pause and lets a
		// faster rate through for a while.
		from = s.lastThrottle
	}
	n, oldest := 0, now
	for _, t := range s.sends {
		if t.After(from) && !t.After(now) {
			n++
			if t.Before(oldest) {
				oldest = t
			}
		}
	}
	if n == sendRing {
		// The ring holds less than the window: it spans the window.
		from = oldest
	}
	if cycle && n > 0 && rejected.After(from) && !rejected.After(now) {
		// The request whose 429 ends the cycle took no token: counting
		// it would set wMax a request per cycle above the quota, and the
		// flat part of the curve would drain the server's bucket.
		n--
	}
	if n == 0 {
		return 0, cycle
	}
	window := max(now.Sub(from), minRateWindow)
	return float64(n) / window.Seconds(), cycle
}

// Remember gives the scheduler a memory of its learned rate
// (OpenRateMemory) and reads it, once, before the first request. A fresh
// rate below the configured limit (or with none) is where the backend
// starts, as though it had just climbed back to it after a pause: evenly,
// without a burst, and probing upward from there along the convex cubic:
// a quota that went up is found again, and an unlimited backend is
// unlimited again once the rate has doubled (probeTime, 30 s), the record
// then removed (lift). Without a record nothing changes: an unlimited
// backend adds no wait. From then on every rate the server accepted over a
// cycle (a measured quota, or the ceiling that held) is written to the
// memory. Remember returns the rate it starts at, 0 for none.
func (s *Scheduler) Remember(m *RateMemory) float64 {
	if m == nil {
		return 0
	}
	now := s.clock.Now()
	rate, _, ok := m.load(now)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.memory = m
	if !ok || s.limit > 0 && rate >= s.limit {
		return 0
	}
	s.throttled, s.seeded = true, true
	s.wMax, s.wMaxAccepted = rate, true
	s.resumeAt = now.Add(-recoverTime)
	s.since, s.sentSince = now, 0
	return rate
}

// forgetRate removes the memory's record (lift).
func (s *Scheduler) forgetRate(ctx context.Context) {
	if err := s.memory.forget(); err != nil {
		tflog.SubsystemWarn(ctx, s.backend, "Cannot remove the learned rate", map[string]any{
			"file": s.memory.Path(), "error": err.Error(),
		})
	}
}

// Rate is the rate the scheduler allows now, 0 when unlimited.
func (s *Scheduler) Rate() float64 {
	now := s.clock.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.rateAt(now)
}
