package api

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestCreateOnceAdoptsTheObjectOfALostAnswer(t *testing.T) {
	ctx := context.Background()
	existing := []Organization{{UUID: "old", Name: "n"}}
	f := finder[Organization]{
		what: "organization",
		list: func(context.Context) ([]Organization, error) { return existing, nil },
		id:   func(o Organization) string { return o.UUID },
	}
	requireLostAnswerAdopted(t, f, &existing)

	// data: null: the object is found by what it was created with.
	existing = []Organization{{UUID: "old", Name: "n"}}
	got, err := createOnce(ctx, f, func(context.Context) (*Organization, error) {
		existing = append(existing, Organization{UUID: "fresh", Name: "n"})
		return nil, nil
	})
	if err != nil || got.UUID != "fresh" {
		t.Fatalf("data null: %+v %v", got, err)
	}

	// Two new namesakes: never guess.
	existing = []Organization{{UUID: "old", Name: "n"}}
	_, err = createOnce(ctx, f, func(context.Context) (*Organization, error) {
		existing = append(existing, Organization{UUID: "x1", Name: "n"}, Organization{UUID: "x2", Name: "n"})
		return nil, nil
	})
	if err == nil || !strings.Contains(err.Error(), "cannot tell which") {
		t.Fatalf("two candidates: %v", err)
	}
}

// requireLostAnswerAdopted creates through f with a POST whose answer is
// lost after the server made "new", and requires that createOnce adopts
// it without a second POST.
func requireLostAnswerAdopted(t *testing.T, f finder[Organization], existing *[]Organization) {
	t.Helper()
	calls := 0
	got, err := createOnce(t.Context(), f, func(context.Context) (*Organization, error) {
		calls++
		*existing = append(*existing, Organization{UUID: "new", Name: "n"})
		return nil, maybeProcessedErr()
	})
	if err != nil || got == nil || got.UUID != "new" || calls != 1 {
		t.Fatalf("got %+v, %v after %d creates; want the new one adopted without a second POST", got, err, calls)
	}
}

// A lost answer followed by failed lists must not end the create: the
// object exists, and giving up would leave it tracked nowhere while the
// next apply creates another.
func TestCreateOnceListsAgainAfterAFailedLookup(t *testing.T) {
	existing := []Organization{{UUID: "old", Name: "n"}}
	failures := 0
	f := finder[Organization]{
		what: "organization",
		list: func(context.Context) ([]Organization, error) {
			if len(existing) > 1 && failures < lookupAttempts-1 {
				failures++
				return nil, errors.New("500 Internal Server Error")
			}
			return existing, nil
		},
		id: func(o Organization) string { return o.UUID },
	}
	requireLostAnswerAdopted(t, f, &existing)
	if failures != lookupAttempts-1 {
		t.Fatalf("%d failed lists, want %d", failures, lookupAttempts-1)
	}
}

// Lists that keep failing end the create with both errors, after a bounded
// number of attempts.
func TestCreateOnceGivesUpAfterBoundedLookups(t *testing.T) {
	ctx := context.Background()
	lists := 0
	f := finder[Organization]{
		what: "organization",
		list: func(context.Context) ([]Organization, error) {
			lists++
			if lists == 1 {
				return nil, nil // the snapshot before the create
			}
			return nil, errors.New("500 Internal Server Error")
		},
		id: func(o Organization) string { return o.UUID },
	}
	_, err := createOnce(ctx, f, func(context.Context) (*Organization, error) { return nil, maybeProcessedErr() })
	if err == nil || lists != 1+lookupAttempts {
		t.Fatalf("err %v after %d lists; want an error after %d", err, lists, 1+lookupAttempts)
	}
}

// The last attempt may be the one that created the object: its lost answer
// is looked for too, not only the earlier ones.
func TestCreateOnceLooksAfterTheLastAttempt(t *testing.T) {
	ctx := context.Background()
	var existing []Organization
	f := finder[Organization]{
		what: "organization",
		list: func(context.Context) ([]Organization, error) { return existing, nil },
		id:   func(o Organization) string { return o.UUID },
	}
	calls := 0
	got, err := createOnce(ctx, f, func(context.Context) (*Organization, error) {
		calls++
		if calls == createAttempts {
			existing = append(existing, Organization{UUID: "last", Name: "n"})
		}
		return nil, maybeProcessedErr()
	})
	if err != nil || got == nil || got.UUID != "last" || calls != createAttempts {
		t.Fatalf("got %+v, %v after %d creates; want the object of the last attempt adopted", got, err, calls)
	}

	// Nothing found after the last attempt: an error, and no more POSTs.
	existing, calls = nil, 0
	_, err = createOnce(ctx, f, func(context.Context) (*Organization, error) {
		calls++
		return nil, maybeProcessedErr()
	})
	if err == nil || calls != createAttempts || !strings.Contains(err.Error(), "no organization that it may have created was found") {
		t.Fatalf("err %v after %d creates", err, calls)
	}
}

// With the server's clock known, a create lists nothing before the POST;
// the lookup of a lost answer leaves out what this client already made or
// adopted, and refuses a lone candidate whose created_at cannot be read.
func TestCreateOnceBoundedByTheServerClock(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 3, 10, 9, 30, 0, 0, time.UTC)
	log := &createLog{}
	log.server.Observe(http.Header{"Date": {now.Format(http.TimeFormat)}}, time.Now())
	var existing []Organization
	lists := 0
	f := finder[Organization]{
		what: "organization",
		list: func(context.Context) ([]Organization, error) {
			lists++
			return existing, nil
		},
		id:      func(o Organization) string { return o.UUID },
		created: func(o Organization) String { return o.CreatedAt },
		log:     log,
	}
	at := func(d time.Duration) String { return String(now.Add(d).Format(time.RFC3339)) }

	// Answered: no list; the object is claimed.
	got, err := createOnce(ctx, f, func(context.Context) (*Organization, error) {
		o := Organization{UUID: "mine", Name: "n", CreatedAt: at(0)}
		existing = append(existing, o)
		return &o, nil
	})
	if err != nil || got.UUID != "mine" || lists != 0 || !log.isClaimed("mine") {
		t.Fatalf("got %+v, %v, %d lists", got, err, lists)
	}

	// Lost: "mine" is this client's, "old" is older than the request;
	// "new" is adopted.
	existing = append(existing, Organization{UUID: "old", Name: "n", CreatedAt: at(-time.Hour)})
	got, err = createOnce(ctx, f, func(context.Context) (*Organization, error) {
		existing = append(existing, Organization{UUID: "new", Name: "n", CreatedAt: at(time.Second)})
		return nil, maybeProcessedErr()
	})
	if err != nil || got == nil || got.UUID != "new" || lists != 1 {
		t.Fatalf("got %+v, %v after %d lists; want \"new\" after one", got, err, lists)
	}

	// Lost, and the only candidate has no readable created_at: no guess,
	// no second POST.
	calls := 0
	_, err = createOnce(ctx, f, func(context.Context) (*Organization, error) {
		calls++
		existing = append(existing, Organization{UUID: "undated", Name: "n"})
		return nil, maybeProcessedErr()
	})
	if err == nil || calls != 1 || !strings.Contains(err.Error(), "does not say whether this run created it") {
		t.Fatalf("err %v after %d creates", err, calls)
	}
}
