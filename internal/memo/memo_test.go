package memo

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
)

// gatedLoad is a load that counts its calls, tells started when one
// begins and returns only when release is closed (or its context ends).
type gatedLoad struct {
	calls   atomic.Int32
	started chan struct{}
	release chan struct{}
	v       string
	err     error
}

func newGatedLoad(v string, err error) *gatedLoad {
	return &gatedLoad{started: make(chan struct{}, 16), release: make(chan struct{}), v: v, err: err}
}

func (g *gatedLoad) load(ctx context.Context) (string, error) {
	g.calls.Add(1)
	g.started <- struct{}{}
	select {
	case <-g.release:
		return g.v, g.err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// waiters counts the Gets that wait for another caller's load.
func waiters[K comparable, V any](m *Memo[K, V]) chan K {
	ch := make(chan K, 64)
	m.waiting = func(k K) { ch <- k }
	return ch
}

func TestConcurrentGetsOfOneKeyShareOneLoad(t *testing.T) {
	var m Memo[string, string]
	waiting := waiters(&m)
	g := newGatedLoad("v", nil)
	const n = 8
	var wg sync.WaitGroup
	got := make([]string, n)
	errs := make([]error, n)
	get := func(i int) {
		defer wg.Done()
		got[i], errs[i] = m.Get(t.Context(), "k", g.load)
	}
	wg.Add(n)
	go get(0)
	<-g.started
	for i := 1; i < n; i++ {
		go get(i)
	}
	for i := 1; i < n; i++ {
		if k := <-waiting; k != "k" {
			t.Fatalf("waiting for key %q", k)
		}
	}
	close(g.release)
	wg.Wait()
	for i := range n {
		if got[i] != "v" || errs[i] != nil {
			t.Fatalf("Get %d = %q, %v", i, got[i], errs[i])
		}
	}
	if c := g.calls.Load(); c != 1 {
		t.Fatalf("%d loads, want 1", c)
	}
	// Remembered: no new load.
	if v, err := m.Get(t.Context(), "k", g.load); v != "v" || err != nil || g.calls.Load() != 1 {
		t.Fatalf("after: %q, %v, %d loads", v, err, g.calls.Load())
	}
}

func TestOtherKeysDoNotWait(t *testing.T) {
	var m Memo[string, string]
	a := newGatedLoad("a", nil)
	done := make(chan struct{})
	go func() {
		defer close(done)
		if v, err := m.Get(t.Context(), "a", a.load); v != "a" || err != nil {
			t.Errorf("Get a = %q, %v", v, err)
		}
	}()
	<-a.started
	// a's load is blocked; b's goes on.
	v, err := m.Get(t.Context(), "b", func(context.Context) (string, error) { return "b", nil })
	if v != "b" || err != nil {
		t.Fatalf("Get b = %q, %v", v, err)
	}
	close(a.release)
	<-done
}

func TestWaitEndsWithTheCallersContext(t *testing.T) {
	var m Memo[string, string]
	waiting := waiters(&m)
	g := newGatedLoad("v", nil)
	done := make(chan struct{})
	go func() {
		defer close(done)
		if v, err := m.Get(t.Context(), "k", g.load); v != "v" || err != nil {
			t.Errorf("loader: %q, %v", v, err)
		}
	}()
	<-g.started
	ctx, cancel := context.WithCancel(t.Context())
	res := make(chan error, 1)
	go func() {
		_, err := m.Get(ctx, "k", g.load)
		res <- err
	}()
	<-waiting
	cancel()
	if err := <-res; !errors.Is(err, context.Canceled) {
		t.Fatalf("waiter: %v, want context.Canceled", err)
	}
	close(g.release)
	<-done
	if c := g.calls.Load(); c != 1 {
		t.Fatalf("%d loads, want 1", c)
	}
}

func TestErrorsAreSharedButNotRemembered(t *testing.T) {
	var m Memo[string, string]
	waiting := waiters(&m)
	boom := errors.New("boom")
	g := newGatedLoad("", boom)
	errs := make(chan error, 2)
	go func() {
		_, err := m.Get(t.Context(), "k", g.load)
		errs <- err
	}()
	<-g.started
	go func() {
		_, err := m.Get(t.Context(), "k", g.load)
		errs <- err
	}()
	<-waiting
	close(g.release)
	for range 2 {
		if err := <-errs; !errors.Is(err, boom) {
			t.Fatalf("Get: %v, want boom", err)
		}
	}
	if c := g.calls.Load(); c != 1 {
		t.Fatalf("%d loads for the loader and its waiter, want 1", c)
	}
	// The error is not remembered: the next Get loads again.
	v, err := m.Get(t.Context(), "k", func(context.Context) (string, error) { return "v", nil })
	if v != "v" || err != nil {
		t.Fatalf("after the error: %q, %v", v, err)
	}
}

func TestWaitersLoadAgainWhenTheLoadersContextEnds(t *testing.T) {
	var m Memo[string, string]
	waiting := waiters(&m)
	g := newGatedLoad("v", nil)
	ctx, cancel := context.WithCancel(t.Context())
	loader := make(chan error, 1)
	go func() {
		_, err := m.Get(ctx, "k", g.load)
		loader <- err
	}()
	<-g.started
	waiter := make(chan string, 1)
	go func() {
		v, err := m.Get(t.Context(), "k", g.load)
		if err != nil {
			t.Errorf("waiter: %v", err)
		}
		waiter <- v
	}()
	<-waiting
	cancel()
	if err := <-loader; !errors.Is(err, context.Canceled) {
		t.Fatalf("loader: %v, want context.Canceled", err)
	}
	<-g.started // the waiter's own load
	close(g.release)
	if v := <-waiter; v != "v" {
		t.Fatalf("waiter got %q", v)
	}
	if c := g.calls.Load(); c != 2 {
		t.Fatalf("%d loads, want 2", c)
	}
}

func TestWaitersLoadAgainWhenTheLoadPanics(t *testing.T) {
	var m Memo[string, string]
	waiting := waiters(&m)
	started, release := make(chan struct{}), make(chan struct{})
	go func() {
		defer func() { _ = recover() }()
		_, _ = m.Get(t.Context(), "k", func(context.Context) (string, error) {
			close(started)
			<-release
			panic("load")
		})
	}()
	<-started
	waiter := make(chan string, 1)
	go func() {
		v, _ := m.Get(t.Context(), "k", func(context.Context) (string, error) { return "v", nil })
		waiter <- v
	}()
	<-waiting
	close(release)
	if v := <-waiter; v != "v" {
		t.Fatalf("waiter got %q after the load panicked", v)
	}
}

func TestForget(t *testing.T) {
	var m Memo[string, int]
	n := 0
	load := func(context.Context) (int, error) { n++; return n, nil }
	if v, _ := m.Get(t.Context(), "k", load); v != 1 {
		t.Fatalf("first Get = %d", v)
	}
	if v, _ := m.Get(t.Context(), "k", load); v != 1 {
		t.Fatalf("second Get = %d, want the remembered 1", v)
	}
	m.Forget("k")
	if v, _ := m.Get(t.Context(), "k", load); v != 2 {
		t.Fatalf("Get after Forget = %d, want a new load", v)
	}
	m.Forget("never read") // no entry: nothing happens
}

func TestForgetDuringALoadKeepsItsAnswerFromBeingRemembered(t *testing.T) {
	var m Memo[string, string]
	g := newGatedLoad("old", nil)
	done := make(chan struct{})
	go func() {
		defer close(done)
		if v, _ := m.Get(t.Context(), "k", g.load); v != "old" {
			t.Errorf("the load in flight answered %q", v)
		}
	}()
	<-g.started
	m.Forget("k")
	close(g.release)
	<-done
	v, _ := m.Get(t.Context(), "k", func(context.Context) (string, error) { return "new", nil })
	if v != "new" {
		t.Fatalf("Get after Forget during a load = %q, want a new load", v)
	}
}
