package apiclient

import (
	"context"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var memoryStart = time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)

func TestRateMemory_roundTrip(t *testing.T) {
	dir := t.TempDir()
	m := OpenRateMemory(dir, "waldur", "https://waldur.example.com/api/", "alice")
	if _, _, ok := m.load(memoryStart); ok {
		t.Fatal("a memory with no file has a rate")
	}
	if err := m.Save(9.87, memoryStart); err != nil {
		t.Fatal(err)
	}
	// Another process: a memory opened anew on the same key reads it.
	again := OpenRateMemory(dir, "waldur", "https://waldur.example.com/api", "alice")
	rate, learned, ok := again.load(memoryStart.Add(time.Hour))
	if !ok || rate != 9.87 || !learned.Equal(memoryStart) {
		t.Fatalf("load = %v, %s, %v; want 9.87 learned at %s", rate, learned, ok, memoryStart)
	}
	if fi, err := os.Stat(m.Path()); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("file %s: %v, %v; want mode 0600", m.Path(), fi, err)
	}
	if filepath.Dir(m.Path()) != dir {
		t.Errorf("file %s, want it in %s", m.Path(), dir)
	}
	if err := again.forget(); err != nil {
		t.Fatal(err)
	}
	if _, _, ok := m.load(memoryStart); ok {
		t.Error("a forgotten rate is still there")
	}
	if err := again.forget(); err != nil {
		t.Errorf("forgetting twice: %v", err)
	}
}

func TestRateMemory_expiry(t *testing.T) {
	m := OpenRateMemory(t.TempDir(), "waldur", "https://waldur.example.com/api/", "")
	if err := m.Save(10, memoryStart); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		age  time.Duration
		want bool
	}{
		{0, true},
		{rateMemoryTTL - time.Second, true},
		{rateMemoryTTL + time.Second, false},
		{-rateMemorySkew / 2, true}, // another machine's clock, a little behind
		{-2 * rateMemorySkew, false},
	} {
		if _, _, ok := m.load(memoryStart.Add(tc.age)); ok != tc.want {
			t.Errorf("a rate %s old: found %v, want %v", tc.age, ok, tc.want)
		}
	}
}

func TestRateMemory_keyMismatch(t *testing.T) {
	dir := t.TempDir()
	m := OpenRateMemory(dir, "waldur", "https://waldur.example.com/api/", "alice")
	if err := m.Save(10, memoryStart); err != nil {
		t.Fatal(err)
	}
	for _, other := range []*RateMemory{
		OpenRateMemory(dir, "awanio", "https://waldur.example.com/api/", "alice"),
		OpenRateMemory(dir, "waldur", "https://other.example.com/api/", "alice"),
		OpenRateMemory(dir, "waldur", "https://waldur.example.com/api/", "bob"),
	} {
		if _, _, ok := other.load(memoryStart); ok {
			t.Errorf("%s reads another key's rate", other.Path())
		}
		// A file copied over (or one whose name collides) holds another
		// key: it is not taken either.
		b, err := os.ReadFile(m.Path())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(other.Path(), b, 0o600); err != nil {
			t.Fatal(err)
		}
		if _, _, ok := other.load(memoryStart); ok {
			t.Errorf("%s takes a record of another key", other.Path())
		}
	}
}

func TestRateMemory_corruptFileIgnored(t *testing.T) {
	m := OpenRateMemory(t.TempDir(), "waldur", "https://waldur.example.com/api/", "")
	if err := m.Save(10, memoryStart); err != nil {
		t.Fatal(err)
	}
	good, err := os.ReadFile(m.Path())
	if err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string]string{
		"empty":     "",
		"truncated": string(good[:len(good)/2]),
		"not json":  "rate: 10\n",
		"zero rate": strings.Replace(string(good), `"requests_per_second": 10`, `"requests_per_second": 0`, 1),
		"negative":  strings.Replace(string(good), `"requests_per_second": 10`, `"requests_per_second": -3`, 1),
		"no time":   strings.Replace(string(good), `"learned"`, `"when"`, 1),
	} {
		if err := os.WriteFile(m.Path(), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		fresh := OpenRateMemory(filepath.Dir(m.Path()), "waldur", "https://waldur.example.com/api/", "")
		if r, _, ok := fresh.load(memoryStart); ok {
			t.Errorf("%s file: rate %v taken", name, r)
		}
		// The scheduler starts as without a memory, and a later save
		// replaces the file.
		s, err := NewScheduler(SchedulerConfig{Backend: "waldur", Clock: &simClock{now: memoryStart}})
		if err != nil {
			t.Fatal(err)
		}
		if r := s.Remember(fresh); r != 0 || s.Rate() != 0 {
			t.Errorf("%s file: the scheduler starts at %v/%v, want unlimited", name, r, s.Rate())
		}
		if err := fresh.Save(12, memoryStart); err != nil {
			t.Fatal(err)
		}
		if r, _, ok := fresh.load(memoryStart); !ok || r != 12 {
			t.Errorf("%s file: after a save, load = %v, %v", name, r, ok)
		}
	}
}

// TestRateMemory_noSecret: the file holds a hash of the key, not the
// endpoint or the identity that went into it; a secret never goes in.
func TestRateMemory_noSecret(t *testing.T) {
	m := OpenRateMemory(t.TempDir(), "awanio", "https://awanio.example.com/v2/", "alice@example.com")
	if err := m.Save(10, memoryStart); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(m.Path())
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"awanio.example.com", "alice"} {
		if strings.Contains(string(b), s) || strings.Contains(m.Path(), s) {
			t.Errorf("the file or its name shows %q:\n%s", s, b)
		}
	}
}

func TestRateMemory_offWithoutDir(t *testing.T) {
	m := OpenRateMemory("", "waldur", "https://waldur.example.com/api/", "")
	if m != nil {
		t.Fatal("a memory without a directory")
	}
	if err := m.Save(10, memoryStart); err != nil {
		t.Error(err)
	}
	s, err := NewScheduler(SchedulerConfig{Backend: "waldur"})
	if err != nil {
		t.Fatal(err)
	}
	if r := s.Remember(m); r != 0 {
		t.Errorf("Remember(nil) = %v", r)
	}
}

// TestScheduler_rememberWritesOnLearning: the scheduler writes the rate
// when a throttle measures it, not per request, and not the send rate of a
// first throttle (which is no rate the server accepted).
func TestScheduler_rememberWritesOnLearning(t *testing.T) {
	clock := &simClock{now: memoryStart}
	m := OpenRateMemory(t.TempDir(), "waldur", "https://waldur.example.com/api/", "")
	s, err := NewScheduler(SchedulerConfig{Backend: "waldur", Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	s.Remember(m)
	ctx := context.Background()
	busy := func(n int) {
		for range n {
			if _, err := s.Wait(ctx); err != nil {
				t.Fatal(err)
			}
			clock.now = clock.now.Add(10 * time.Millisecond)
		}
	}
	busy(1000)
	if _, err := os.Stat(m.Path()); !os.IsNotExist(err) {
		t.Fatalf("unthrottled requests wrote %s (%v)", m.Path(), err)
	}
	s.Throttled(ctx, clock.now, time.Second, http.StatusTooManyRequests)
	if _, err := os.Stat(m.Path()); !os.IsNotExist(err) {
		t.Fatalf("the first throttle's send rate was written (%v)", err)
	}
	clock.now = clock.now.Add(time.Second)
	busy(40)
	s.Throttled(ctx, clock.now, time.Second, http.StatusTooManyRequests)
	rate, learned, ok := m.load(clock.now)
	if !ok || !learned.Equal(clock.now) || rate < minRate {
		t.Fatalf("after the measuring throttle: %v learned %s (%v)", rate, learned, ok)
	}
	if want := s.wMax; math.Abs(rate-want) > 0.001 {
		t.Errorf("kept %v, want wMax %v (to a thousandth)", rate, want)
	}
}

// TestScheduler_rememberAndLimit: a configured max_requests_per_second
// wins: a remembered rate above it is not used, one below it is where the
// backend starts, climbing to the limit.
func TestScheduler_rememberAndLimit(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		remembered, limit, want float64
	}{
		{20, 10, 0},
		{5, 10, 5},
		{5, 0, 5},
	} {
		m := OpenRateMemory(dir, "waldur", "https://waldur.example.com/api/", "")
		if err := m.Save(tc.remembered, memoryStart); err != nil {
			t.Fatal(err)
		}
		clock := &simClock{now: memoryStart.Add(time.Minute)}
		s, err := NewScheduler(SchedulerConfig{Backend: "waldur", MaxRate: tc.limit, Clock: clock})
		if err != nil {
			t.Fatal(err)
		}
		if got := s.Remember(OpenRateMemory(dir, "waldur", "https://waldur.example.com/api/", "")); got != tc.want {
			t.Errorf("remembered %v, limit %v: starts at %v, want %v", tc.remembered, tc.limit, got, tc.want)
		}
		want := tc.want
		if want == 0 {
			want = tc.limit
		}
		if r := s.Rate(); r != want {
			t.Errorf("remembered %v, limit %v: Rate() = %v, want %v", tc.remembered, tc.limit, r, want)
		}
		clock.now = clock.now.Add(recoverTime + probeTime)
		if r := s.Rate(); tc.limit > 0 && r != tc.limit {
			t.Errorf("remembered %v, limit %v: after the probe Rate() = %v, want the limit", tc.remembered, tc.limit, r)
		}
	}
}

// TestScheduler_liftKeepsRateWithoutDemand: the probe lifts the limit of
// an unlimited backend after probeTime whether or not anyone sent; the
// record goes only when the callers sent well above it.
func TestScheduler_liftKeepsRateWithoutDemand(t *testing.T) {
	for _, tc := range []struct {
		name     string
		interval time.Duration
		kept     bool
	}{
		{"few requests", time.Second, true},
		{"busy above the rate", 40 * time.Millisecond, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			open := func() *RateMemory { return OpenRateMemory(dir, "waldur", "https://waldur.example.com/api/", "") }
			if err := open().Save(10, memoryStart); err != nil {
				t.Fatal(err)
			}
			clock := &simClock{now: memoryStart}
			s, err := NewScheduler(SchedulerConfig{Backend: "waldur", Clock: clock})
			if err != nil {
				t.Fatal(err)
			}
			s.Remember(open())
			for end := memoryStart.Add(recoverTime + probeTime + time.Second); clock.now.Before(end); {
				at, err := s.Wait(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				clock.now = at.Add(tc.interval)
			}
			if r := s.Rate(); r != 0 {
				t.Fatalf("Rate() = %v after the probe, want unlimited", r)
			}
			if _, err := s.Wait(context.Background()); err != nil {
				t.Fatal(err)
			}
			if _, _, ok := open().load(clock.now); ok != tc.kept {
				t.Errorf("record kept: %v, want %v", ok, tc.kept)
			}
		})
	}
}
