package journal

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// die is what a killed process leaves: its files, and its locks released.
func die(j *Journal) { j.Abandon() }

func begin(t *testing.T, j *Journal, fp string, ids ...string) *Pending {
	t.Helper()
	p, err := j.Begin("test object", fp, time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	if err != nil || p == nil {
		t.Fatalf("Begin: %v", err)
	}
	if len(ids) > 0 {
		if err := p.Answered(ids...); err != nil {
			t.Fatalf("Answered: %v", err)
		}
	}
	return p
}

func TestDeadWritersEntryIsTaken(t *testing.T) {
	dir := t.TempDir()
	w := newJournal(dir, "default")
	fp := w.Fingerprint("test object", "https://api.example", "user", "name-1")
	begin(t, w, fp, "obj-1")
	die(w)

	j := newJournal(dir, "default")
	got := j.Take("test object", fp)
	if len(got) != 1 || len(got[0].ObjectIDs) != 1 || got[0].ObjectIDs[0] != "obj-1" {
		t.Fatalf("Take = %+v, want the dead writer's entry naming obj-1", got)
	}
	if !got[0].ServerTime.Equal(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)) {
		t.Errorf("server time %v not kept", got[0].ServerTime)
	}
	j.Remove(got[0].ID)
	if files, _ := os.ReadDir(dir); len(files) != 0 {
		t.Errorf("Remove left %v", files)
	}
}

func TestLiveWritersEntryIsNotTaken(t *testing.T) {
	dir := t.TempDir()
	w := newJournal(dir, "default")
	fp := w.Fingerprint("test object", "x")
	p := begin(t, w, fp)
	// Another process (another open lock file) reads the directory while
	// the writer lives: the entry is not its to take.
	j := newJournal(dir, "default")
	if got := j.Take("test object", fp); len(got) != 0 {
		t.Fatalf("took a live writer's entry: %+v", got)
	}
	j.Seen("anything")
	if _, err := os.Stat(filepath.Join(dir, p.ID()+".json")); err != nil {
		t.Fatalf("a live writer's entry was removed: %v", err)
	}
}

func TestFingerprintMismatchIsNotTaken(t *testing.T) {
	dir := t.TempDir()
	w := newJournal(dir, "default")
	begin(t, w, w.Fingerprint("test object", "name-1"))
	die(w)
	j := newJournal(dir, "default")
	if got := j.Take("test object", j.Fingerprint("test object", "name-2")); len(got) != 0 {
		t.Fatalf("another request's entry was taken: %+v", got)
	}
	if got := j.Take("other object", j.Fingerprint("test object", "name-1")); len(got) != 0 {
		t.Fatalf("another type's entry was taken: %+v", got)
	}
	other := newJournal(dir, "staging")
	if other.Fingerprint("test object", "name-1") == j.Fingerprint("test object", "name-1") {
		t.Fatal("two workspaces share a fingerprint")
	}
}

func TestSeenRemovesTheEntry(t *testing.T) {
	dir := t.TempDir()
	w := newJournal(dir, "default")
	fp := w.Fingerprint("test object", "a")
	begin(t, w, fp, "order-1", "resource-1")
	begin(t, w, fp, "obj-2")
	die(w)
	j := newJournal(dir, "default")
	j.Seen("resource-1")
	j.Seen("org/abc/obj-2") // an owner path before the object's id
	if files, _ := os.ReadDir(dir); len(files) != 0 {
		t.Fatalf("Seen left %v", files)
	}
	if got := j.Take("test object", fp); len(got) != 0 {
		t.Fatalf("Take after Seen = %+v", got)
	}
}

func TestSeenWithNothingInFlightReadsOnce(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "journal")
	j := newJournal(dir, "default")
	j.Seen("x")
	// The directory appears afterwards (another process): this process
	// read it once and does not read it again for every Read.
	w := newJournal(dir, "default")
	begin(t, w, "fp", "x")
	die(w)
	j.Seen("x")
	if files, _ := os.ReadDir(dir); len(files) != 2 {
		t.Fatalf("the directory was read again: %v", files)
	}
}

func TestClaimedLeavesOutTheEntryItself(t *testing.T) {
	dir := t.TempDir()
	w := newJournal(dir, "default")
	p1 := begin(t, w, "fp", "a")
	begin(t, w, "fp", "b")
	got := w.Claimed(p1.ID())
	if got["a"] || !got["b"] {
		t.Fatalf("Claimed(%s) = %v, want b only", p1.ID(), got)
	}
}

func TestDiscard(t *testing.T) {
	dir := t.TempDir()
	w := newJournal(dir, "default")
	begin(t, w, "fp").Discard()
	if files, _ := os.ReadDir(dir); len(files) != 0 {
		t.Fatalf("Discard left %v", files)
	}
}

func TestStaleFilesAreCleaned(t *testing.T) {
	dir := t.TempDir()
	w := newJournal(dir, "default")
	p := begin(t, w, "fp")
	die(w)
	dead := p.ID()
	lw := newJournal(dir, "default") // a live writer: its lock stays open
	live := begin(t, lw, "fp").ID()
	orphanLock := strings.Repeat("ab", 16)
	for _, name := range []string{
		tempPrefix(dead) + "123",                     // a dead writer's half-done write
		tempPrefix(live) + "456",                     // a live writer's write: kept
		orphanLock + ".lock",                         // killed before its entry was written
		tempPrefix(strings.Repeat("cd", 16)) + "789", // no lock file at all
		"README", // not the journal's
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	j := newJournal(dir, "default")
	if got := j.Take("test object", "fp"); len(got) != 1 || got[0].ID != dead {
		t.Fatalf("Take = %+v, want the dead entry %s", got, dead)
	}
	var names []string
	files, _ := os.ReadDir(dir)
	for _, f := range files {
		names = append(names, f.Name())
	}
	want := []string{tempPrefix(live) + "456", dead + ".json", dead + ".lock", live + ".json", live + ".lock", "README"}
	if strings.Join(names, " ") != strings.Join(sorted(want), " ") {
		t.Fatalf("files after cleaning:\n got %v\nwant %v", names, sorted(want))
	}
	runtime.KeepAlive(lw)
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	for i := range out {
		for k := i + 1; k < len(out); k++ {
			if out[k] < out[i] {
				out[i], out[k] = out[k], out[i]
			}
		}
	}
	return out
}

func TestDirAndWorkspace(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	if got := Dir(env(nil)); got != filepath.Join(".terraform", "cloudorder-journal") {
		t.Errorf("default Dir = %q", got)
	}
	if got := Dir(env(map[string]string{"TF_DATA_DIR": "/d"})); got != "/d/cloudorder-journal" {
		t.Errorf("Dir with TF_DATA_DIR = %q", got)
	}
	if got := Dir(env(map[string]string{DirEnv: "/j", "TF_DATA_DIR": "/d"})); got != "/j" {
		t.Errorf("Dir with %s = %q", DirEnv, got)
	}
	if got := Dir(env(map[string]string{DirEnv: "OFF"})); got != "" {
		t.Errorf("Dir off = %q", got)
	}
	if Open("", "default") != nil {
		t.Error("Open(\"\") is not off")
	}
	data := t.TempDir()
	if got := Workspace(env(map[string]string{"TF_DATA_DIR": data})); got != "default" {
		t.Errorf("Workspace = %q", got)
	}
	if err := os.WriteFile(filepath.Join(data, "environment"), []byte("staging"), 0o600); err != nil {
		t.Fatal(err)
	}
	if got := Workspace(env(map[string]string{"TF_DATA_DIR": data})); got != "staging" {
		t.Errorf("Workspace from the environment file = %q", got)
	}
	if got := Workspace(env(map[string]string{"TF_DATA_DIR": data, "TF_WORKSPACE": "prod"})); got != "prod" {
		t.Errorf("Workspace with TF_WORKSPACE = %q", got)
	}
}

func TestNilJournalIsOff(t *testing.T) {
	var j *Journal
	p, err := j.Begin("t", "fp", time.Time{})
	if p != nil || err != nil {
		t.Fatalf("Begin on nil = %v, %v", p, err)
	}
	p.Discard()
	if err := p.Answered("x"); err != nil {
		t.Fatal(err)
	}
	j.Seen("x")
	if j.Take("t", "fp") != nil || len(j.Claimed("")) != 0 {
		t.Fatal("a nil journal holds entries")
	}
}

// A process that only read the journal (a plan's refresh, which saw none
// of the entries' objects) holds no entry: the next process of the same
// command takes them, even while the first is still alive.
func TestAReaderHoldsNoEntry(t *testing.T) {
	dir := t.TempDir()
	w := newJournal(dir, "default")
	fp := w.Fingerprint("test object", "a")
	begin(t, w, fp)
	die(w)
	reader := newJournal(dir, "default")
	reader.Seen("unrelated")
	next := newJournal(dir, "default")
	got := next.Take("test object", fp)
	if len(got) != 1 {
		t.Fatalf("Take while a reader lives = %+v, want the dead entry", got)
	}
	// Taken, it is the taker's: the reader can neither take nor remove it.
	if again := reader.Take("test object", fp); len(again) != 0 {
		t.Fatalf("the reader took an entry another process holds: %+v", again)
	}
	next.Remove(got[0].ID)
	if files, _ := os.ReadDir(dir); len(files) != 0 {
		t.Fatalf("Remove left %v", files)
	}
}

// BenchmarkSeenNothingInFlight is the cost a Read pays when no create is
// in flight: after the one directory read per process, none.
func BenchmarkSeenNothingInFlight(b *testing.B) {
	j := newJournal(filepath.Join(b.TempDir(), "cloudorder-journal"), "default")
	j.Seen("warm-up") // the one directory read
	b.ReportAllocs()
	for b.Loop() {
		j.Seen("object")
	}
}

// BenchmarkSeenWithEntries: a Read of an object whose entry is not among
// 100 dead entries (a refresh after a run that was killed).
func BenchmarkSeenWithEntries(b *testing.B) {
	dir := b.TempDir()
	w := newJournal(dir, "default")
	for i := range 100 {
		p, err := w.Begin("t", "fp", time.Time{})
		if err != nil {
			b.Fatal(err)
		}
		if err := p.Answered(fmt.Sprint("id-", i)); err != nil {
			b.Fatal(err)
		}
	}
	w.Abandon()
	j := newJournal(dir, "default")
	j.Seen("warm-up")
	b.ReportAllocs()
	for b.Loop() {
		j.Seen("object")
	}
}

func TestMarkerIsKeptAndSeen(t *testing.T) {
	dir := t.TempDir()
	w := newJournal(dir, "default")
	fp := w.Fingerprint("test object", "x")
	p, err := w.BeginMarked("test object", fp, time.Time{}, "tf-marker-1")
	if err != nil || p == nil {
		t.Fatalf("BeginMarked: %v", err)
	}
	if err := p.Answered("order-1"); err != nil {
		t.Fatal(err)
	}
	die(w)

	j := newJournal(dir, "default")
	got := j.Take("test object", fp)
	if len(got) != 1 || got[0].Marker != "tf-marker-1" || len(got[0].ObjectIDs) != 1 || got[0].ObjectIDs[0] != "order-1" {
		t.Fatalf("Take = %+v, want the entry with its marker and order", got)
	}
	j.Seen("tf-marker-other")
	if files, _ := os.ReadDir(dir); len(files) == 0 {
		t.Fatal("Seen of another marker removed the entry")
	}
	j.Seen("tf-marker-1")
	if files, _ := os.ReadDir(dir); len(files) != 0 {
		t.Fatalf("Seen of the marker left %v", files)
	}
}

func TestKeepHoldsADeadEntryUntilSeen(t *testing.T) {
	dir := t.TempDir()
	w := newJournal(dir, "default")
	fp := w.Fingerprint("test object", "x")
	begin(t, w, fp, "obj-1")
	die(w)

	j := newJournal(dir, "default")
	got := j.Take("test object", fp)
	if len(got) != 1 {
		t.Fatalf("Take = %+v", got)
	}
	if p := j.Keep("no-such-entry"); p != nil {
		t.Fatalf("Keep of an unknown entry = %v", p)
	}
	p := j.Keep(got[0].ID)
	if p.ID() != got[0].ID {
		t.Fatalf("Keep = %q, want %q", p.ID(), got[0].ID)
	}
	// Kept, the entry is this process's: another process does not take it.
	other := newJournal(dir, "default")
	if taken := other.Take("test object", fp); len(taken) != 0 {
		t.Fatalf("another process took a kept entry: %+v", taken)
	}
	// Killed again before a Read: the entry is there for the next run.
	die(j)
	next := newJournal(dir, "default")
	if taken := next.Take("test object", fp); len(taken) != 1 || taken[0].ID != got[0].ID {
		t.Fatalf("after a second kill Take = %+v, want the kept entry", taken)
	}
	next.Seen("obj-1")
	if files, _ := os.ReadDir(dir); len(files) != 0 {
		t.Fatalf("Seen left %v", files)
	}
}

func TestSettleReturnsTheFirstFoundAndStopsOnError(t *testing.T) {
	dir := t.TempDir()
	w := newJournal(dir, "default")
	fp := w.Fingerprint("test object", "x")
	begin(t, w, fp, "skip")
	begin(t, w, fp, "hit")
	die(w)

	// nil goes on to the next entry; the first object found is returned.
	j := newJournal(dir, "default")
	found, err := Settle(j, "test object", fp, func(e Entry) (*string, error) {
		if e.ObjectIDs[0] == "skip" {
			return nil, nil
		}
		return &e.ObjectIDs[0], nil
	})
	if err != nil || found == nil || *found != "hit" {
		t.Fatalf("Settle = %v, %v; want hit", found, err)
	}

	// The entries stay until settled: an error stops at the first one.
	calls := 0
	boom := errors.New("boom")
	if found, err := Settle(j, "test object", fp, func(Entry) (*string, error) { calls++; return nil, boom }); !errors.Is(err, boom) || found != nil || calls != 1 {
		t.Fatalf("Settle = %v, %v after %d calls; want the error after 1", found, err, calls)
	}

	// Nothing found: every entry was settled.
	calls = 0
	if found, err := Settle(j, "test object", fp, func(Entry) (*string, error) { calls++; return nil, nil }); err != nil || found != nil || calls != 2 {
		t.Fatalf("Settle = %v, %v after %d calls; want nothing after 2", found, err, calls)
	}
}

func TestEntryFilesNamesEntriesOnly(t *testing.T) {
	dir := t.TempDir()
	w := newJournal(dir, "default")
	p := begin(t, w, "fp", "x")
	// Beside it: a learned-rate file, which is JSON but no entry.
	if err := os.WriteFile(filepath.Join(dir, "rate-0123.json"), []byte("{}"), 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := EntryFiles(dir)
	if err != nil || len(got) != 1 || got[0] != p.ID()+".json" {
		t.Fatalf("EntryFiles = %v, %v; want only %s.json", got, err, p.ID())
	}
	if got, err := EntryFiles(filepath.Join(dir, "missing")); err != nil || len(got) != 0 {
		t.Fatalf("EntryFiles of a missing directory = %v, %v; want none", got, err)
	}
}
