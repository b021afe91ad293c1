package watch

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"testing"
	"time"
)

type obj struct{ ID, State string }

func objID(o obj) string { return o.ID }

// fakeLister answers from a script and records every call. Calls block
// while gate is set until a value is sent on it.
type fakeLister struct {
	mu      sync.Mutex
	objs    []obj // what the next answer returns
	next    string
	err     error
	cursors []string
	gate    chan struct{}
	started chan string // receives the cursor of each call, if set
	ctxs    []context.Context
}

func (f *fakeLister) list(ctx context.Context, _ string, cursor string) ([]obj, string, error) {
	f.mu.Lock()
	f.cursors = append(f.cursors, cursor)
	f.ctxs = append(f.ctxs, ctx)
	gate, started := f.gate, f.started
	f.mu.Unlock()
	if started != nil {
		started <- cursor
	}
	if gate != nil {
		select {
		case <-gate:
		case <-ctx.Done():
			return nil, "", ctx.Err()
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]obj(nil), f.objs...), f.next, f.err
}

func (f *fakeLister) set(objs []obj, next string, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.objs, f.next, f.err = objs, next, err
}

func (f *fakeLister) calls() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.cursors...)
}

// testClock has a settable Now; its Sleep waits for gate when set.
type testClock struct {
	mu   sync.Mutex
	now  time.Time
	gate chan struct{}
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func (c *testClock) Sleep(ctx context.Context, _ time.Duration) error {
	if c.gate == nil {
		return ctx.Err()
	}
	select {
	case <-c.gate:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// waitFor yields until cond holds (it is about goroutines reaching a
// point, not about time).
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for range 1_000_000 {
		if cond() {
			return
		}
		runtime.Gosched()
	}
	t.Fatal("condition never held")
}

type result struct {
	obj obj
	ok  bool
	err error
}

func getAsync(ctx context.Context, w *Watcher[string, obj], key, id string) <-chan result {
	ch := make(chan result, 1)
	go func() {
		o, ok, err := w.Get(ctx, key, id)
		ch <- result{o, ok, err}
	}()
	return ch
}

func TestGetsGatheredShareOneList(t *testing.T) {
	t.Parallel()
	f := &fakeLister{}
	var objs []obj
	for i := range 20 {
		objs = append(objs, obj{fmt.Sprint(i), "done"})
	}
	f.set(objs, "", nil)
	clock := &testClock{now: time.Unix(0, 0), gate: make(chan struct{})}
	w := New(f.list, objID, Options{Gather: 20 * time.Millisecond, Clock: clock})

	var results []<-chan result
	for i := range 20 {
		results = append(results, getAsync(t.Context(), w, "p", fmt.Sprint(i)))
	}
	waitFor(t, func() bool { return w.Gathering("p") == 20 })
	close(clock.gate)
	for i, ch := range results {
		r := <-ch
		if r.err != nil || !r.ok || r.obj.ID != fmt.Sprint(i) || r.obj.State != "done" {
			t.Errorf("Get(%d) = %+v", i, r)
		}
	}
	if n := len(f.calls()); n != 1 {
		t.Errorf("20 concurrent Gets made %d lists, want 1", n)
	}
}

func TestGetsDuringAListShareTheNext(t *testing.T) {
	t.Parallel()
	f := &fakeLister{gate: make(chan struct{}), started: make(chan string, 10)}
	f.set([]obj{{"a", "old"}}, "", nil)
	w := New(f.list, objID, Options{})

	first := getAsync(t.Context(), w, "p", "a")
	<-f.started // the first list is in flight

	var later []<-chan result
	for range 19 {
		later = append(later, getAsync(t.Context(), w, "p", "a"))
	}
	waitFor(t, func() bool { return w.Gathering("p") == 19 })
	// The first list's answer was read before the 19 asked: it must not
	// answer them.
	f.gate <- struct{}{}
	if r := <-first; r.err != nil || !r.ok || r.obj.State != "old" {
		t.Fatalf("first Get = %+v", r)
	}
	<-f.started
	f.set([]obj{{"a", "new"}}, "", nil)
	f.gate <- struct{}{}
	for _, ch := range later {
		if r := <-ch; r.err != nil || !r.ok || r.obj.State != "new" {
			t.Errorf("a Get that came during the first list got %+v, want the second list's answer", r)
		}
	}
	if n := len(f.calls()); n != 2 {
		t.Errorf("%d lists, want 2", n)
	}
}

func TestDeltaCursorAndSeeds(t *testing.T) {
	t.Parallel()
	f := &fakeLister{}
	w := New(f.list, objID, Options{})
	ctx := t.Context()

	// A seeded object gives the first list its cursor; a delta without
	// it means "unchanged".
	w.Seed("p", obj{"a", "pending"}, "05")
	f.set(nil, "05", nil)
	if o, ok, err := w.Get(ctx, "p", "a"); err != nil || !ok || o.State != "pending" {
		t.Fatalf("Get after an empty delta = %+v %v %v", o, ok, err)
	}
	// A delta with the object moves it on and the cursor forward; other
	// objects of the group that nobody watches are not kept.
	f.set([]obj{{"a", "executing"}, {"x", "done"}}, "09", nil)
	if o, ok, err := w.Get(ctx, "p", "a"); err != nil || !ok || o.State != "executing" {
		t.Fatalf("Get after a delta = %+v %v %v", o, ok, err)
	}
	if _, ok := w.groups["p"].view["x"]; ok {
		t.Error("an object nobody watches was kept")
	}
	// An object asked for but never seeded or listed: the delta cannot
	// answer for it.
	f.set(nil, "09", nil)
	if _, ok, err := w.Get(ctx, "p", "b"); err != nil || ok {
		t.Errorf("Get of an unknown object from a delta: ok=%v err=%v, want ok=false", ok, err)
	}
	// Seeding an object older than the cursor lowers it; a newer one
	// leaves it.
	w.Seed("p", obj{"c", "pending"}, "07")
	w.Seed("p", obj{"d", "pending"}, "08")
	if o, ok, err := w.Get(ctx, "p", "c"); err != nil || !ok || o.State != "pending" {
		t.Fatalf("Get of a seeded object = %+v %v %v", o, ok, err)
	}
	want := []string{"05", "05", "09", "07"}
	if got := f.calls(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("cursors = %v, want %v", got, want)
	}
}

func TestSeedDuringAListWins(t *testing.T) {
	t.Parallel()
	f := &fakeLister{gate: make(chan struct{}), started: make(chan string, 10)}
	w := New(f.list, objID, Options{})
	w.Seed("p", obj{"a", "pending"}, "05")
	f.set([]obj{{"a", "pending"}, {"b", "stale"}}, "20", nil)

	first := getAsync(t.Context(), w, "p", "a")
	<-f.started
	// b is created and seeded while the list is in flight: the list read
	// it before, and its next cursor (20) must not skip b's later changes.
	w.Seed("p", obj{"b", "fresh"}, "10")
	f.gate <- struct{}{}
	if r := <-first; r.err != nil || !r.ok {
		t.Fatalf("first Get = %+v", r)
	}
	f.set(nil, "20", nil)
	second := getAsync(t.Context(), w, "p", "b")
	if c := <-f.started; c != "10" {
		t.Errorf("the list after a Seed during a list used cursor %q, want 10", c)
	}
	f.gate <- struct{}{}
	if r := <-second; r.err != nil || !r.ok || r.obj.State != "fresh" {
		t.Errorf("Get of an object seeded during a list = %+v, want the seed", r)
	}
}

func TestFullListAnswersForMissing(t *testing.T) {
	t.Parallel()
	f := &fakeLister{}
	w := New(f.list, objID, Options{})
	w.Seed("acct", obj{"a", "pending"}, "") // no deltas
	f.set([]obj{{"z", "active"}}, "", nil)
	if _, ok, err := w.Get(t.Context(), "acct", "a"); err != nil || ok {
		t.Errorf("Get of an object a full list lacks: ok=%v err=%v, want ok=false", ok, err)
	}
	if got := f.calls(); len(got) != 1 || got[0] != "" {
		t.Errorf("cursors = %q, want one full list", got)
	}
}

func TestFailedListFailsItsGets(t *testing.T) {
	t.Parallel()
	f := &fakeLister{gate: make(chan struct{}), started: make(chan string, 10)}
	boom := errors.New("503")
	f.set(nil, "", boom)
	w := New(f.list, objID, Options{})
	a := getAsync(t.Context(), w, "p", "a")
	<-f.started
	f.gate <- struct{}{}
	if r := <-a; !errors.Is(r.err, boom) || r.ok {
		t.Errorf("Get during a failed list = %+v, want its error", r)
	}
	// The next Get starts a new list.
	f.set([]obj{{"a", "done"}}, "", nil)
	b := getAsync(t.Context(), w, "p", "a")
	<-f.started
	f.gate <- struct{}{}
	if r := <-b; r.err != nil || !r.ok || r.obj.State != "done" {
		t.Errorf("Get after a failed list = %+v", r)
	}
}

func TestCanceledGetCancelsAListNobodyWaitsFor(t *testing.T) {
	t.Parallel()
	f := &fakeLister{gate: make(chan struct{}), started: make(chan string, 10)}
	w := New(f.list, objID, Options{})
	ctx, cancel := context.WithCancel(t.Context())
	a := getAsync(ctx, w, "p", "a")
	<-f.started
	other := getAsync(t.Context(), w, "p", "a") // joins the next list
	waitFor(t, func() bool { return w.Gathering("p") == 1 })
	cancel()
	if r := <-a; !errors.Is(r.err, context.Canceled) {
		t.Errorf("canceled Get = %+v, want context.Canceled", r)
	}
	f.mu.Lock()
	listCtx := f.ctxs[0]
	f.mu.Unlock()
	<-listCtx.Done() // the only waiter left: the list ends
	// The Get that joined the next list is still answered.
	<-f.started
	f.set([]obj{{"a", "done"}}, "", nil)
	f.gate <- struct{}{}
	if r := <-other; r.err != nil || !r.ok {
		t.Errorf("Get waiting on the next list = %+v", r)
	}
}

func TestForgetting(t *testing.T) {
	t.Parallel()
	f := &fakeLister{}
	clock := &testClock{now: time.Unix(0, 0)}
	w := New(f.list, objID, Options{Clock: clock, ForgetAfter: time.Minute})
	f.set([]obj{{"a", "done"}, {"b", "done"}}, "", nil)
	ctx := t.Context()
	if _, ok, _ := w.Get(ctx, "p", "a"); !ok {
		t.Fatal("a not found")
	}
	clock.advance(2 * time.Minute)
	if _, ok, _ := w.Get(ctx, "p", "b"); !ok {
		t.Fatal("b not found")
	}
	w.mu.Lock()
	_, hasA := w.groups["p"].view["a"]
	w.mu.Unlock()
	if hasA {
		t.Error("an object nobody asked about for ForgetAfter was kept")
	}
	w.Forget("p", "b")
	w.mu.Lock()
	n := len(w.groups)
	w.mu.Unlock()
	if n != 0 {
		t.Errorf("%d groups kept after their last object was forgotten", n)
	}
}

func TestAQueuedListNobodyWaitsForIsNotSent(t *testing.T) {
	t.Parallel()
	f := &fakeLister{gate: make(chan struct{}), started: make(chan string, 10)}
	f.set([]obj{{"a", "done"}}, "", nil)
	w := New(f.list, objID, Options{})
	first := getAsync(t.Context(), w, "p", "a")
	<-f.started
	ctx, cancel := context.WithCancel(t.Context())
	queued := getAsync(ctx, w, "p", "a")
	waitFor(t, func() bool { return w.Gathering("p") == 1 })
	cancel()
	if r := <-queued; !errors.Is(r.err, context.Canceled) {
		t.Errorf("canceled queued Get = %+v", r)
	}
	f.gate <- struct{}{}
	if r := <-first; r.err != nil || !r.ok {
		t.Errorf("first Get = %+v", r)
	}
	// The first Get returned after its list ended; the queued round was
	// dropped under the same lock, before any further list could start.
	if n := len(f.calls()); n != 1 {
		t.Errorf("%d lists, want 1: the queued one had nobody waiting", n)
	}
	w.mu.Lock()
	n := len(w.groups["p"].view)
	w.mu.Unlock()
	if n != 1 {
		t.Errorf("view holds %d objects, want 1", n)
	}
}

func TestFinalObjectsNeedNoList(t *testing.T) {
	t.Parallel()
	f := &fakeLister{}
	w := New(f.list, objID, Options{}).WithFinal(func(o obj) bool { return o.State == "done" })
	ctx := t.Context()
	w.Seed("p", obj{"a", "pending"}, "01")
	w.Seed("p", obj{"b", "pending"}, "01")
	f.set([]obj{{"a", "done"}, {"b", "executing"}}, "02", nil)
	if o, ok, err := w.Get(ctx, "p", "b"); err != nil || !ok || o.State != "executing" {
		t.Fatalf("Get(b) = %+v %v %v", o, ok, err)
	}
	// b's list showed a done: a's wait needs no list of its own.
	if o, ok, err := w.Get(ctx, "p", "a"); err != nil || !ok || o.State != "done" {
		t.Fatalf("Get(a) = %+v %v %v", o, ok, err)
	}
	if n := len(f.calls()); n != 1 {
		t.Errorf("%d lists, want 1: a final object is answered from the view", n)
	}
	// b is not final: its next Get lists again.
	if _, _, err := w.Get(ctx, "p", "b"); err != nil {
		t.Fatal(err)
	}
	if n := len(f.calls()); n != 2 {
		t.Errorf("%d lists, want 2", n)
	}
}
