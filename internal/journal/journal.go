// Package journal is the provider's local record of in-flight creates: an
// entry is written before a create request is sent and names the object
// once the answer comes, so that the next run can find what a create of a
// killed run (SIGKILL, OOM, a CI job cancelled) made, instead of making
// another. Terraform records a new resource only when Create returns; an
// object made in between is tracked nowhere else.
//
// Entries live in one directory, one file per create:
//
//	<id>.json   what the create sent: type, fingerprint, server time, object ids
//	<id>.lock   an advisory lock (flock) the writing process holds for its life
//
// An entry whose lock can be taken belongs to a process that is gone;
// entries of a live process (a concurrent apply) are never touched. Only
// an entry with the very same fingerprint (type, endpoint, identity, every
// input the lost-answer lookup compares, and the Terraform workspace) is
// consulted by a create, and an entry is removed once its object is seen
// again: by a Read of the object (every plan refreshes), on a successful
// Delete, or when a create adopts it.
//
// The package knows nothing of Terraform's plugin framework; the API
// clients use it.
package journal

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/atomicfile"
)

// DirEnv moves the journal; "off" turns it off.
const DirEnv = "CLOUDORDER_JOURNAL_DIR"

// Off is the value of DirEnv that turns the journal off.
const Off = "off"

// subdir is the journal's directory below Terraform's data directory.
const subdir = "cloudorder-journal"

// Entry is one in-flight create.
type Entry struct {
	// ID is random and names the entry's files.
	ID string `json:"entry"`
	// Type is what was created ("waldur order", "awanio virtual machine").
	Type string `json:"type"`
	// Fingerprint is Fingerprint of the request (see there).
	Fingerprint string `json:"fingerprint"`
	// ServerTime is the server's clock (a Date header) read before the
	// request was sent: the object the request made was created at or
	// after it. Zero when the server showed no clock.
	ServerTime time.Time `json:"server_time,omitzero"`
	// ObjectIDs name what the create made, once its answer came (an order
	// and its resource; one id for most objects).
	ObjectIDs []string `json:"object_ids,omitempty"`
	// Marker is a value the create sets on what it makes, chosen before
	// the entry is written, by which a later run finds the object even
	// when no answer named it (Hostway's partnerId). Seen matches it as
	// it matches ObjectIDs.
	Marker string `json:"marker,omitempty"`
	// Written is the local time of the entry, for people reading it.
	Written time.Time `json:"written"`
}

// Journal is one directory of entries. A nil *Journal is a journal that is
// off: every method does nothing.
type Journal struct {
	dir       string
	workspace string

	mu     sync.Mutex
	loaded bool
	// dead are the entries of processes that were gone when the
	// directory was first read. This process takes an entry's lock again
	// (acquire) only to settle or remove it, and then holds it until it
	// exits: a process that only reads (a plan) holds none, so that the
	// next process of the same command can take them.
	dead map[string]*held
	// own are the entries this process wrote.
	own map[string]*held
}

// held is an entry and the open lock file that holds its lock (nil for a
// dead entry not acquired).
type held struct {
	entry Entry
	lock  *os.File
}

var (
	openMu sync.Mutex
	opened = map[string]*Journal{}
)

// Dir is the journal directory that the environment asks for: DirEnv,
// or cloudorder-journal in Terraform's data directory ($TF_DATA_DIR, or
// .terraform in the working directory, where Terraform starts the
// provider). "" when DirEnv is "off".
func Dir(getenv func(string) string) string {
	switch v := strings.TrimSpace(getenv(DirEnv)); {
	case strings.EqualFold(v, Off):
		return ""
	case v != "":
		return v
	}
	return filepath.Join(dataDir(getenv), subdir)
}

func dataDir(getenv func(string) string) string {
	if d := getenv("TF_DATA_DIR"); d != "" {
		return d
	}
	return ".terraform"
}

// Workspace is the Terraform workspace the provider runs for:
// TF_WORKSPACE, or the one `terraform workspace select` wrote into the
// data directory's environment file, or "default".
func Workspace(getenv func(string) string) string {
	if w := getenv("TF_WORKSPACE"); w != "" {
		return w
	}
	b, err := os.ReadFile(filepath.Join(dataDir(getenv), "environment")) // #nosec G304 -- Terraform's own file
	if w := strings.TrimSpace(string(b)); err == nil && w != "" {
		return w
	}
	return "default"
}

// Open returns the journal in dir for workspace; one per directory and
// process. It touches no file: the directory is read on first use. nil
// (a journal that is off) when dir is "" or the platform has no advisory
// locks.
func Open(dir, workspace string) *Journal {
	if dir == "" || !supported {
		return nil
	}
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	openMu.Lock()
	defer openMu.Unlock()
	key := dir + "\x00" + workspace
	if j := opened[key]; j != nil {
		return j
	}
	j := newJournal(dir, workspace)
	opened[key] = j
	return j
}

func newJournal(dir, workspace string) *Journal {
	return &Journal{dir: dir, workspace: workspace, dead: map[string]*held{}, own: map[string]*held{}}
}

// FromEnv is Open(Dir(os.Getenv), Workspace(os.Getenv)).
func FromEnv() *Journal { return Open(Dir(os.Getenv), Workspace(os.Getenv)) }

// Fingerprint hashes the canonical request of a create: the type, the
// endpoint, the identity it acts as (never a secret), every input the
// lookup of a lost answer compares, in a fixed order, and the journal's
// workspace. Two creates with the same fingerprint would be found by the
// same lookup.
func (j *Journal) Fingerprint(typ string, parts ...string) string {
	if j == nil {
		return ""
	}
	b, _ := json.Marshal(append([]string{typ, j.workspace}, parts...))
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// Pending is the entry of a create this process is sending. A nil
// *Pending does nothing.
type Pending struct {
	j  *Journal
	id string
}

// Begin writes the entry of a create about to be sent, before it is sent,
// and locks it for the life of this process. A journal that cannot be
// written is no reason to fail the create: the error is returned for
// the log, with a nil *Pending.
func (j *Journal) Begin(typ, fingerprint string, serverTime time.Time) (*Pending, error) {
	return j.BeginMarked(typ, fingerprint, serverTime, "")
}

// BeginMarked is Begin for a create that sets marker on what it makes
// (Entry.Marker).
func (j *Journal) BeginMarked(typ, fingerprint string, serverTime time.Time, marker string) (*Pending, error) {
	if j == nil {
		return nil, nil
	}
	if err := os.MkdirAll(j.dir, 0o700); err != nil {
		return nil, err
	}
	id, err := newID()
	if err != nil {
		return nil, err
	}
	lock, err := os.OpenFile(j.lockPath(id), os.O_RDWR|os.O_CREATE, 0o600) // #nosec G304 -- the journal's own file
	if err != nil {
		return nil, err
	}
	if ok, err := tryLock(lock); !ok || err != nil {
		_ = lock.Close()
		return nil, errors.Join(errors.New("cannot lock a new journal entry"), err)
	}
	e := Entry{ID: id, Type: typ, Fingerprint: fingerprint, ServerTime: serverTime.UTC(), Marker: marker, Written: time.Now().UTC()}
	if err := j.write(e); err != nil {
		_ = os.Remove(j.lockPath(id))
		_ = lock.Close()
		return nil, err
	}
	j.mu.Lock()
	j.own[id] = &held{entry: e, lock: lock}
	j.mu.Unlock()
	return &Pending{j: j, id: id}, nil
}

// ID is the entry's id; "" for a nil *Pending.
func (p *Pending) ID() string {
	if p == nil {
		return ""
	}
	return p.id
}

// Answered records the ids of what the create made (a second atomic
// write). The entry stays until the object is seen in a Read.
func (p *Pending) Answered(ids ...string) error {
	if p == nil {
		return nil
	}
	p.j.mu.Lock()
	h := p.j.own[p.id]
	if h == nil {
		p.j.mu.Unlock()
		return nil
	}
	h.entry.ObjectIDs = append([]string(nil), ids...)
	e := h.entry
	p.j.mu.Unlock()
	return p.j.write(e)
}

// Discard removes the entry: the create certainly made nothing (the API
// refused it).
func (p *Pending) Discard() {
	if p == nil {
		return
	}
	p.j.remove(p.id)
}

// Take returns the entries of processes that are gone whose type and
// fingerprint are these, oldest first. The caller removes each one it
// settles (Remove); the others stay.
func (j *Journal) Take(typ, fingerprint string) []Entry {
	if j == nil {
		return nil
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	j.loadLocked()
	var out []Entry
	for _, h := range j.dead {
		if h.entry.Type == typ && h.entry.Fingerprint == fingerprint && j.acquireLocked(h) {
			out = append(out, h.entry)
		}
	}
	sortEntries(out)
	return out
}

// Settle settles the entries Take returns, oldest first, with settle and
// returns the first object found: that is the create's. An error stops
// it; nil (the entry's create made nothing that is left, or another
// create of this run took it) goes on to the next entry.
func Settle[T any](j *Journal, typ, fingerprint string, settle func(Entry) (*T, error)) (*T, error) {
	for _, e := range j.Take(typ, fingerprint) {
		if found, err := settle(e); err != nil || found != nil {
			return found, err
		}
	}
	return nil, nil
}

// Claimed is every object id that an entry other than except names: a
// lookup for except's object must not take them.
func (j *Journal) Claimed(except string) map[string]bool {
	out := map[string]bool{}
	if j == nil {
		return out
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	for _, m := range []map[string]*held{j.dead, j.own} {
		for id, h := range m {
			if id == except {
				continue
			}
			for _, o := range h.entry.ObjectIDs {
				out[o] = true
			}
		}
	}
	return out
}

// Keep makes a dead entry that Take returned this process's own, as if it
// had written it: a create that adopts the entry's object keeps the entry
// until a Read sees the object, so that a kill before Terraform records
// it leaves the entry for the next run again. nil when the entry is not
// held.
func (j *Journal) Keep(entryID string) *Pending {
	if j == nil {
		return nil
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	h := j.dead[entryID]
	if h == nil || h.lock == nil {
		return nil
	}
	delete(j.dead, entryID)
	j.own[entryID] = h
	return &Pending{j: j, id: entryID}
}

// Remove removes an entry this process holds (its own or a dead one).
func (j *Journal) Remove(entryID string) {
	if j == nil {
		return
	}
	j.remove(entryID)
}

// Seen removes the entries that name id, as an object id or as their
// marker: the object is in Terraform's state (a Read or an import of it)
// or deleted. A state id that ends in "/<object id>" (an owner path
// before it) matches too. When no entry is
// in flight this is no file I/O at all: the directory is read once per
// process.
func (j *Journal) Seen(id string) {
	if j == nil || id == "" {
		return
	}
	j.mu.Lock()
	j.loadLocked()
	var drop []string
	for _, m := range []map[string]*held{j.dead, j.own} {
		for eid, h := range m {
			if names(h.entry, id) && j.acquireLocked(h) {
				drop = append(drop, eid)
			}
		}
	}
	j.mu.Unlock()
	for _, eid := range drop {
		j.remove(eid)
	}
}

// names reports whether e names id: its marker, or one of its object
// ids, alone or after an owner path.
func names(e Entry, id string) bool {
	if e.Marker != "" && e.Marker == id {
		return true
	}
	for _, o := range e.ObjectIDs {
		if o != "" && (o == id || strings.HasSuffix(id, "/"+o)) {
			return true
		}
	}
	return false
}

// remove deletes an entry's files, then releases its lock.
func (j *Journal) remove(id string) {
	j.mu.Lock()
	h := j.own[id]
	if h == nil {
		h = j.dead[id]
	}
	delete(j.own, id)
	delete(j.dead, id)
	j.mu.Unlock()
	if h == nil {
		return
	}
	if h.lock == nil {
		return // not ours to remove
	}
	_ = os.Remove(j.entryPath(id))
	_ = os.Remove(j.lockPath(id))
	_ = h.lock.Close()
}

// acquireLocked takes the lock of a dead entry again; false when another
// process took it since (and the entry is then forgotten here) or its
// file is gone. j.mu is held.
func (j *Journal) acquireLocked(h *held) bool {
	if h.lock != nil {
		return true
	}
	id := h.entry.ID
	lock, err := os.OpenFile(j.lockPath(id), os.O_RDWR, 0o600) // #nosec G304 -- the journal's own file
	if err != nil {
		delete(j.dead, id)
		return false
	}
	if ok, err := tryLock(lock); !ok || err != nil {
		_ = lock.Close()
		delete(j.dead, id)
		return false
	}
	if _, err := os.Stat(j.entryPath(id)); err != nil {
		_ = lock.Close() // settled by another process meanwhile
		delete(j.dead, id)
		return false
	}
	h.lock = lock
	return true
}

// loadLocked reads the directory once: the entries whose lock it can take
// (their writer is gone) become dead entries, their locks released until
// they are settled or removed (acquireLocked); the
// temporary files of their writes and lock files without an entry (a
// writer killed between the two) are removed. j.mu is held.
func (j *Journal) loadLocked() {
	if j.loaded {
		return
	}
	j.loaded = true
	files, err := os.ReadDir(j.dir)
	if err != nil {
		return // no directory: nothing was ever in flight
	}
	names := map[string]bool{}
	for _, f := range files {
		names[f.Name()] = true
	}
	for _, f := range files {
		name := f.Name()
		id, isLock := strings.CutSuffix(name, ".lock")
		if !isLock || !validID(id) || j.own[id] != nil {
			continue
		}
		lock, err := os.OpenFile(filepath.Join(j.dir, name), os.O_RDWR, 0o600) // #nosec G304 -- the journal's own file
		if err != nil {
			continue
		}
		if ok, err := tryLock(lock); !ok || err != nil {
			_ = lock.Close() // a live process's entry
			continue
		}
		j.removeTemps(id, files)
		e, err := readEntry(j.entryPath(id))
		if err != nil || e.ID != id {
			// Killed before its entry was written, or a file that is not
			// an entry: nothing to find.
			_ = os.Remove(j.entryPath(id))
			_ = os.Remove(j.lockPath(id))
			_ = lock.Close()
			continue
		}
		_ = lock.Close() // taken again when settled or removed
		j.dead[id] = &held{entry: e}
	}
	// Temporary files of entries that have no lock file: their writer
	// was killed before it made one, or removed the entry since.
	for _, f := range files {
		if id, ok := tempOf(f.Name()); ok && !names[id+".lock"] {
			_ = os.Remove(filepath.Join(j.dir, f.Name()))
		}
	}
}

// removeTemps removes the temporary files of entry id's writes.
func (j *Journal) removeTemps(id string, files []fs.DirEntry) {
	for _, f := range files {
		if tid, ok := tempOf(f.Name()); ok && tid == id {
			_ = os.Remove(filepath.Join(j.dir, f.Name()))
		}
	}
}

func (j *Journal) entryPath(id string) string { return filepath.Join(j.dir, id+".json") }
func (j *Journal) lockPath(id string) string  { return filepath.Join(j.dir, id+".lock") }

// tempPrefix starts the temporary files of entry id's writes.
func tempPrefix(id string) string { return "." + id + ".json.tmp-" }

// tempOf returns the entry id of a temporary file's name.
func tempOf(name string) (string, bool) {
	rest, ok := strings.CutPrefix(name, ".")
	if !ok {
		return "", false
	}
	id, _, ok := strings.Cut(rest, ".json.tmp-")
	return id, ok && validID(id)
}

// write writes e atomically (atomicfile), with temporary files that
// loadLocked can tell as e's.
func (j *Journal) write(e Entry) error {
	data, err := json.MarshalIndent(e, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.Write(j.entryPath(e.ID), append(data, '\n'), 0o600, tempPrefix(e.ID)+"*")
}

func readEntry(path string) (Entry, error) {
	var e Entry
	b, err := os.ReadFile(path) // #nosec G304 -- the journal's own file
	if err != nil {
		return e, err
	}
	if err := json.Unmarshal(b, &e); err != nil {
		return e, fmt.Errorf("journal entry %s: %w", filepath.Base(path), err)
	}
	return e, nil
}

func newID() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	return hex.EncodeToString(b[:]), nil
}

// validID accepts the ids newID makes, so that no other file is taken for
// an entry.
func validID(id string) bool {
	if len(id) != 32 {
		return false
	}
	_, err := hex.DecodeString(id)
	return err == nil
}

func sortEntries(es []Entry) {
	slices.SortFunc(es, func(a, b Entry) int { return a.Written.Compare(b.Written) })
}

// String names an entry in messages: its file.
func (e Entry) String() string { return e.ID + ".json" }

// Describe names an entry in messages: the file, in the journal's directory.
func (j *Journal) Describe(e Entry) string {
	if j == nil {
		return e.String()
	}
	return filepath.Join(j.dir, e.String())
}
