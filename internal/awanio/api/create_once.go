package api

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/journal"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/serverclock"
)

// finder lists the objects a create may have made: those that match what
// was asked for (usually by name within the owner).
type finder[T any] struct {
	// what names the object kind in messages ("organization").
	what string
	// list returns the current candidates.
	list func(ctx context.Context) ([]T, error)
	// id returns an object's UUID.
	id func(T) string
	// created is the object's created_at, which Awanio stamps with the
	// clock its Date headers show. With it and log, a create lists
	// nothing beforehand (see window); without, it takes a snapshot.
	created func(T) String
	// log is the client's record of the server's clock and of the
	// objects its creates made; nil leaves both out.
	log *createLog
	// key is every input list compares (owner, name, ...), for the
	// journal's fingerprint; nil keeps the kind's creates out of the
	// journal.
	key []string
	// only, for a kind without created_at that allows one object per key
	// (an object storage per group, a bucket name per storage, a
	// membership per user), is the state id of that one object. Such a
	// create is journaled, with only as the entry's marker, when the
	// snapshot before its POST shows no object: what the key then finds
	// after a kill is what the create made (create_journal.go). One that
	// was there before is not this run's; the POST meets its conflict.
	only string
}

// createLog is what a client's creates share: the server's clock, from
// every answer's Date, and the objects they made or adopted, which a
// later lookup must not adopt again.
type createLog struct {
	server serverclock.Clock

	mu      sync.Mutex
	claimed map[string]bool

	// journal records the creates in flight, so that the next run finds
	// what a killed one made (create_journal.go); nil when off. endpoint
	// and identity (the user, never a secret) go into its fingerprints.
	journal            *journal.Journal
	endpoint, identity string
}

// claim records id as made or adopted by this client; false when it was
// already.
func (l *createLog) claim(id string) bool {
	if l == nil {
		return true
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.claimed[id] {
		return false
	}
	if l.claimed == nil {
		l.claimed = map[string]bool{}
	}
	l.claimed[id] = true
	return true
}

// latest is the server's clock as last seen.
func (l *createLog) latest() serverclock.Observation {
	if l == nil {
		return serverclock.Observation{}
	}
	return l.server.Latest()
}

func (l *createLog) isClaimed(id string) bool {
	if l == nil {
		return false
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.claimed[id]
}

// window says which candidates a lookup may take for the object of a
// create: those missing from the snapshot before it, or, with no
// snapshot, those created (on the server's clock) no earlier than the
// first POST reached the server.
type window struct {
	// before is the snapshot; nil when the window is bounded by time.
	before map[string]bool
	// prior is the server's Date last read before the first POST, sent
	// the local time that POST was sent.
	prior serverclock.Observation
	sent  time.Time
}

// open starts the window of a create. A create lists nothing beforehand
// when the kind has a created_at and the server has shown its clock;
// otherwise (a kind without created_at, a server that sends no Date, the
// first request of a client) it takes the snapshot.
func (f finder[T]) open(ctx context.Context) (window, error) {
	if prior := f.log.latest(); f.created != nil && prior.Known() {
		return window{prior: prior, sent: time.Now()}, nil
	}
	objs, err := f.listAgain(ctx)
	if err != nil {
		return window{}, err
	}
	seen := make(map[string]bool, len(objs))
	for _, o := range objs {
		seen[f.id(o)] = true
	}
	return window{before: seen}, nil
}

// createAttempts bounds how often a create whose answer was lost is sent.
const createAttempts = 3

// lookupAttempts bounds the lists that look for the object of a lost
// answer. A list is a read and safe to repeat: the HTTP layer already
// retried throttling and gateway errors, but giving up after a 500 would
// leave an object that exists and is tracked nowhere.
const lookupAttempts = 3

// listAgain is list, tried again after a failure.
func (f finder[T]) listAgain(ctx context.Context) ([]T, error) {
	var err error
	for attempt := 1; attempt <= lookupAttempts; attempt++ {
		var objs []T
		if objs, err = f.list(ctx); err == nil || ctx.Err() != nil {
			return objs, err
		}
		tflog.Warn(ctx, "listing failed while looking for the object of a lost answer; listing again",
			map[string]any{"kind": f.what, "error": err.Error()})
	}
	return nil, err
}

// findNew returns the one candidate that the create of w made; nil when
// there is none, and an error when there are several, or one whose age
// cannot be read, because guessing could adopt an object another run is
// creating, or an older namesake.
func (f finder[T]) findNew(ctx context.Context, w window) (*T, error) {
	objs, err := f.listAgain(ctx)
	if err != nil {
		return nil, err
	}
	// The list's own Date bounds more closely than the one before.
	bound, _ := serverclock.NotBefore(w.sent, w.prior, f.log.latest())
	var found []T
	undated := false
	for _, o := range objs {
		id := f.id(o)
		if w.before[id] || f.log.isClaimed(id) {
			continue
		}
		if w.before == nil {
			created, err := time.Parse(time.RFC3339Nano, string(f.created(o)))
			if err == nil && created.Before(bound) {
				continue // an older namesake
			}
			undated = undated || err != nil
		}
		found = append(found, o)
	}
	ids := f.ids(found)
	switch {
	case len(found) == 0:
		return nil, nil
	case len(found) == 1 && undated:
		return nil, fmt.Errorf("found %s %s that matches, but its created_at does not say whether this run created it; "+
			"import it if it is this configuration's", f.what, ids[0])
	case len(found) == 1:
		if !f.log.claim(ids[0]) {
			return nil, nil // another create of this client took it meanwhile
		}
		return &found[0], nil
	}
	return nil, fmt.Errorf("found %d new %ss that match (%s) and cannot tell which one this run created; "+
		"import the right one and delete the others", len(found), f.what, strings.Join(ids, ", "))
}

// ids are the objects' ids.
func (f finder[T]) ids(objs []T) []string {
	ids := make([]string, len(objs))
	for i, o := range objs {
		ids[i] = f.id(o)
	}
	return ids
}

// createOnce sends a create that has no idempotency key without ever making
// two objects: when the outcome of the POST is unknown (the answer was lost
// or a 5xx came back), it looks for the object the POST may have made (see
// window and findNew), adopts it if found, and only otherwise sends the
// POST once more. A create whose answer arrives lists nothing: the lookup
// costs a list only when it is needed, not one per create (O(N²) for N).
//
// create returns (nil, nil) when the API confirmed the create but did not
// return the object ("data": null); the new object is then found the same
// way, by what it was created with.
//
// With the journal on, a create first settles the entries that a killed
// run left with the same request (fromJournal), and writes its own entry
// before the POST and the object's id after the answer.
func createOnce[T any](ctx context.Context, f finder[T], create func(ctx context.Context) (*T, error)) (*T, error) {
	j, fp := f.journal(), ""
	if j != nil {
		fp = f.fingerprint(j)
		if found, err := f.fromJournal(ctx, j, fp); err != nil || found != nil {
			return found, err
		}
	}
	w, err := f.open(ctx)
	if err != nil {
		return nil, fmt.Errorf("listing %ss before creating one: %w", f.what, err)
	}
	if f.created == nil && len(w.before) > 0 {
		j = nil // there before: the POST fails, nothing to journal
	}
	entry := f.begin(ctx, j, fp)
	obj, err := f.sendOnce(ctx, w, create)
	if err == nil {
		entry.Finish(ctx, nil, f.id(*obj))
	} else {
		entry.Finish(ctx, err)
	}
	return obj, err
}

// sendOnce is createOnce after the journal: the POST, and the lookup of a
// lost answer. An error after an answer that may have been processed is
// journal.Uncertain.
func (f finder[T]) sendOnce(ctx context.Context, w window, create func(ctx context.Context) (*T, error)) (*T, error) {
	obj, err := create(ctx)
	if err != nil && apiclient.MayHaveBeenProcessed(err) {
		obj, err = f.afterLostAnswer(ctx, w, create, err)
		if err != nil {
			return nil, journal.Uncertain(err)
		}
	}
	if err != nil {
		return nil, err
	}
	if obj != nil {
		f.log.claim(f.id(*obj))
		return obj, nil
	}
	found, err := f.findNew(ctx, w)
	if err != nil {
		return nil, journal.Uncertain(fmt.Errorf("the %s was created, but the answer did not include it: %w", f.what, err))
	}
	if found == nil {
		return nil, journal.Uncertain(fmt.Errorf("the %s was created, but the answer did not include it and it cannot be found by name", f.what))
	}
	return found, nil
}

// afterLostAnswer looks for the object of a create whose answer was lost
// (err), and sends the create again only when none is found, at most
// createAttempts times in all.
func (f finder[T]) afterLostAnswer(ctx context.Context, w window, create func(ctx context.Context) (*T, error), err error) (*T, error) {
	var obj *T
	for attempt := 1; err != nil && apiclient.MayHaveBeenProcessed(err); attempt++ {
		// Look also after the last attempt: it may be the one that
		// created the object.
		tflog.Warn(ctx, "the answer to a create was lost; looking for the object",
			map[string]any{"kind": f.what, "error": err.Error()})
		found, ferr := f.findNew(ctx, w)
		if ferr != nil {
			return nil, fmt.Errorf("%w; looking for the %s it may have created: %w", err, f.what, ferr)
		}
		if found != nil {
			return found, nil
		}
		if attempt >= createAttempts {
			return nil, fmt.Errorf("%w; no %s that it may have created was found", err, f.what)
		}
		obj, err = create(ctx)
	}
	return obj, err
}
