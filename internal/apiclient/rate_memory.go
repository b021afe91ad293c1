package apiclient

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/atomicfile"
)

// RateMemory keeps the rate a backend's scheduler learned (the server's
// quota as it measured it, or the ceiling that held) from one provider
// process to the next. Terraform starts a fresh provider for every command
// (plan, apply, destroy: two), so without it each one would meet the
// server's quota anew with a first burst. The record is one small file in
// the provider's state directory (the journal's: cloudorder-journal in
// Terraform's data directory), keyed by a hash of the backend, the
// endpoint and the identity the provider acts as (a user name, never a
// secret); the file holds the hash, not what went into it.
//
// It is read once, when the scheduler is given it (Scheduler.Remember),
// and written (atomically) only when the scheduler measures a quota or a
// ceiling holds, never per request. A nil *RateMemory keeps nothing.
type RateMemory struct {
	path, key, backend string

	mu sync.Mutex
	// last is what the file holds as far as this process knows: saves
	// that would not change it are skipped.
	last rateRecord
}

// rateRecord is the file's content.
type rateRecord struct {
	// Key is the hash of backend, endpoint and identity: a file renamed
	// or shared by another configuration is not taken for this one's.
	Key     string    `json:"key"`
	Backend string    `json:"backend"`
	Rate    float64   `json:"requests_per_second"`
	Learned time.Time `json:"learned"`
}

const (
	// rateMemoryTTL is how long a learned rate is trusted. A quota is a
	// property of an account or a plan, which changes seldom, while the
	// commands of one working directory (plan, apply, a refresh, a
	// destroy; a day's work, a nightly CI job) come within hours: a day
	// covers them. A stale rate costs little either way: a quota that
	// went up is found again by the probe (it doubles the rate within
	// 32 s), a quota that went away is noticed by the same probe, which
	// then removes the record (Scheduler.rateAt), and every rate that is
	// confirmed again (a 429 at the ceiling) is written again.
	rateMemoryTTL = 24 * time.Hour
	// rateMemoryRefresh is how old the record may grow before a
	// confirmation of the same rate is written again.
	rateMemoryRefresh = time.Hour
	// rateMemorySame is how close a rate must be to the record for a
	// save to be skipped.
	rateMemorySame = 0.01
	// rateMemorySkew is how far in the future a record's time may be
	// (clocks of two machines sharing a directory) and still be taken.
	rateMemorySkew     = time.Minute
	rateMemoryFileMode = 0o600
	rateMemoryPrefix   = "rate-"
)

// OpenRateMemory returns the memory of backend's rate in dir for the
// given endpoint and identity (a user name; "" when the only identity is
// a secret token, which never goes into the key). It touches no file.
// nil (nothing kept) when dir is "".
func OpenRateMemory(dir, backend, endpoint, identity string) *RateMemory {
	if dir == "" {
		return nil
	}
	b, _ := json.Marshal([]string{"cloudorder learned rate v1", backend, strings.TrimRight(endpoint, "/"), identity})
	sum := sha256.Sum256(b)
	key := hex.EncodeToString(sum[:])
	return &RateMemory{
		path:    filepath.Join(dir, rateMemoryPrefix+key[:16]+".json"),
		key:     key,
		backend: backend,
	}
}

// Path is the memory's file.
func (m *RateMemory) Path() string {
	if m == nil {
		return ""
	}
	return m.path
}

// load returns the learned rate when the file holds a fresh one for this
// key; a missing, corrupt, foreign or expired file is no rate.
func (m *RateMemory) load(now time.Time) (rate float64, learned time.Time, ok bool) {
	if m == nil {
		return 0, time.Time{}, false
	}
	b, err := os.ReadFile(m.path)
	if err != nil {
		return 0, time.Time{}, false
	}
	var r rateRecord
	if err := json.Unmarshal(b, &r); err != nil || r.Key != m.key || !validRate(r.Rate) ||
		r.Learned.IsZero() || r.Learned.After(now.Add(rateMemorySkew)) || now.Sub(r.Learned) > rateMemoryTTL {
		return 0, time.Time{}, false
	}
	m.mu.Lock()
	m.last = r
	m.mu.Unlock()
	return r.Rate, r.Learned, true
}

func validRate(r float64) bool {
	return r >= minRate && !math.IsInf(r, 0) && !math.IsNaN(r)
}

// Save records rate as learned at now (the scheduler does, when it
// measures a quota; a test may seed a record), unless the file already
// holds nearly the same rate, written less than rateMemoryRefresh ago.
func (m *RateMemory) Save(rate float64, now time.Time) error {
	if m == nil || !validRate(rate) {
		return nil
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if l := m.last; l.Rate > 0 && math.Abs(rate-l.Rate) <= rateMemorySame*l.Rate && now.Sub(l.Learned) < rateMemoryRefresh {
		return nil
	}
	r := rateRecord{Key: m.key, Backend: m.backend, Rate: math.Round(rate*1000) / 1000, Learned: now.UTC()}
	data, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(m.path), 0o700); err != nil {
		return err
	}
	if err := atomicfile.Write(m.path, append(data, '\n'), rateMemoryFileMode, "."+filepath.Base(m.path)+".tmp-*"); err != nil {
		return err
	}
	m.last = r
	return nil
}

// forget removes the record: the backend accepted well above it.
func (m *RateMemory) forget() error {
	if m == nil {
		return nil
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.last = rateRecord{}
	if err := os.Remove(m.path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}
