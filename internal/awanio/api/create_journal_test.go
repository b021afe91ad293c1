package api

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/journal"
)

// journalRun is one run (one provider process) of a create against a
// fake collection: the journal of a shared directory, the server's clock.
type journalRun struct {
	j     *journal.Journal
	f     finder[Organization]
	posts int
}

var journalNow = time.Date(2026, 3, 10, 9, 30, 0, 0, time.UTC)

func newJournalRun(t *testing.T, dir string, objs *[]Organization, serverNow time.Time) *journalRun {
	t.Helper()
	r := &journalRun{j: journal.NewUncached(dir, "default")}
	log := &createLog{journal: r.j, endpoint: "https://awanio.example/v2", identity: "alice"}
	log.server.Observe(http.Header{"Date": {serverNow.Format(http.TimeFormat)}}, time.Now())
	r.f = finder[Organization]{
		what:    "organization",
		list:    func(context.Context) ([]Organization, error) { return *objs, nil },
		id:      func(o Organization) string { return o.UUID },
		created: func(o Organization) String { return o.CreatedAt },
		log:     log,
		key:     []string{"n"},
	}
	return r
}

// create runs createOnce; the POST makes an object named n at the
// server's time made (or nothing, when made is zero) and answers with err.
func (r *journalRun) create(objs *[]Organization, made time.Time, id string, err error) (*Organization, error) {
	return createOnce(context.Background(), r.f, func(context.Context) (*Organization, error) {
		r.posts++
		if made.IsZero() {
			return nil, err
		}
		o := Organization{UUID: id, Name: "n", CreatedAt: String(made.Format(time.RFC3339))}
		*objs = append(*objs, o)
		if err != nil {
			return nil, err
		}
		return &o, nil
	})
}

// killedBeforeTheAnswer plays a run whose create wrote its entry, sent
// the POST and died before the answer; it returns the entry's id.
func killedBeforeTheAnswer(t *testing.T, dir string, objs *[]Organization) string {
	t.Helper()
	killed := newJournalRun(t, dir, objs, journalNow)
	p, err := killed.j.Begin("awanio organization", killed.f.fingerprint(killed.j), journalNow)
	if err != nil || p == nil {
		t.Fatal(err)
	}
	killed.j.Abandon()
	return p.ID()
}

// entries names the journal's entry files in dir.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	names, err := journal.EntryFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	return names
}

// A run killed after the server acted and before the answer came (the
// late answer of issue 17): the next run's create finds the object by
// the journal's entry, bounded by its server time, instead of making a
// second one; an older namesake (before the entry) is not it.
func TestCreateOnceJournalAdoptsWhatAKilledRunMade(t *testing.T) {
	dir := t.TempDir()
	objs := []Organization{{UUID: "older", Name: "n", CreatedAt: String(journalNow.Add(-time.Hour).Format(time.RFC3339))}}
	// The entry is written, the POST reaches the server, which makes the
	// object; the run dies before the answer.
	killedBeforeTheAnswer(t, dir, &objs)
	objs = append(objs, Organization{UUID: "made", Name: "n", CreatedAt: String(journalNow.Add(2 * time.Second).Format(time.RFC3339))})
	if got := entries(t, dir); len(got) != 1 {
		t.Fatalf("journal after the killed run: %v, want one entry", got)
	}

	next := newJournalRun(t, dir, &objs, journalNow.Add(time.Minute))
	got, err := next.create(&objs, journalNow.Add(time.Minute), "second", nil)
	if err != nil || got == nil || got.UUID != "made" || next.posts != 0 {
		t.Fatalf("got %+v, %v after %d POSTs; want the killed run's object adopted without a POST", got, err, next.posts)
	}
	if left := entries(t, dir); len(left) != 0 {
		t.Fatalf("the settled entry is still there: %v", left)
	}
}

// An entry killed before its answer, with no object since: dropped, and
// the create is sent.
func TestCreateOnceJournalDropsAnEntryThatMadeNothing(t *testing.T) {
	dir := t.TempDir()
	var objs []Organization
	entry := killedBeforeTheAnswer(t, dir, &objs)

	next := newJournalRun(t, dir, &objs, journalNow.Add(time.Minute))
	got, err := next.create(&objs, journalNow.Add(time.Minute), "new", nil)
	if err != nil || got == nil || got.UUID != "new" || next.posts != 1 {
		t.Fatalf("got %+v, %v after %d POSTs; want one create", got, err, next.posts)
	}
	// The create's own entry names its object until a Read sees it.
	if left := entries(t, dir); len(left) != 1 || left[0] == entry+".json" {
		t.Fatalf("journal %v: want only the new create's entry", left)
	}
	next.j.Seen("new")
	if left := entries(t, dir); len(left) != 0 {
		t.Fatalf("Seen left %v", left)
	}
}

// An entry with an id whose object is gone is dropped; one whose object
// exists is adopted even if other namesakes appeared after it.
func TestCreateOnceJournalEntryWithAnID(t *testing.T) {
	dir := t.TempDir()
	objs := []Organization{}
	killed := newJournalRun(t, dir, &objs, journalNow)
	if got, err := killed.create(&objs, journalNow.Add(time.Second), "answered", nil); err != nil || got.UUID != "answered" {
		t.Fatalf("%+v, %v", got, err)
	}
	killed.j.Abandon() // killed before Terraform saved the state
	objs = append(objs, Organization{UUID: "someone-elses", Name: "n", CreatedAt: String(journalNow.Add(5 * time.Second).Format(time.RFC3339))})

	next := newJournalRun(t, dir, &objs, journalNow.Add(time.Minute))
	got, err := next.create(&objs, journalNow.Add(time.Minute), "x", nil)
	if err != nil || got == nil || got.UUID != "answered" || next.posts != 0 {
		t.Fatalf("got %+v, %v after %d POSTs; want the entry's own object", got, err, next.posts)
	}

	// Gone since: the entry goes and the create is sent.
	dir2 := t.TempDir()
	objs = nil
	killed = newJournalRun(t, dir2, &objs, journalNow)
	if _, err := killed.create(&objs, journalNow.Add(time.Second), "deleted", nil); err != nil {
		t.Fatal(err)
	}
	killed.j.Abandon()
	objs = nil // deleted out of band
	next = newJournalRun(t, dir2, &objs, journalNow.Add(time.Minute))
	got, err = next.create(&objs, journalNow.Add(time.Minute), "fresh", nil)
	if err != nil || got == nil || got.UUID != "fresh" || next.posts != 1 {
		t.Fatalf("got %+v, %v after %d POSTs; want a fresh create", got, err, next.posts)
	}
}

// Two candidates for an entry without an id: no guess and no create, an
// error naming both and how to import.
func TestCreateOnceJournalRefusesToGuess(t *testing.T) {
	dir := t.TempDir()
	var objs []Organization
	killedBeforeTheAnswer(t, dir, &objs)
	for _, id := range []string{"a", "b"} {
		objs = append(objs, Organization{UUID: id, Name: "n", CreatedAt: String(journalNow.Add(time.Second).Format(time.RFC3339))})
	}
	next := newJournalRun(t, dir, &objs, journalNow.Add(time.Minute))
	_, err := next.create(&objs, journalNow.Add(time.Minute), "c", nil)
	if err == nil || next.posts != 0 || !strings.Contains(err.Error(), "a, b") || !strings.Contains(err.Error(), "terraform import") {
		t.Fatalf("err %v after %d POSTs; want an error naming a and b, and no POST", err, next.posts)
	}
	if left := entries(t, dir); len(left) != 1 {
		t.Fatalf("the unsettled entry must stay: %v", left)
	}
}

// A create the API refused made nothing: its entry goes at once. One
// whose outcome stayed unknown keeps its entry for the next run.
func TestCreateOnceJournalKeepsOnlyUncertainEntries(t *testing.T) {
	dir := t.TempDir()
	var objs []Organization
	r := newJournalRun(t, dir, &objs, journalNow)
	if _, err := r.create(&objs, time.Time{}, "", &apiclient.APIError{StatusCode: http.StatusBadRequest, Message: "bad name"}); err == nil {
		t.Fatal("a refused create succeeded")
	}
	if left := entries(t, dir); len(left) != 0 {
		t.Fatalf("a refused create kept its entry: %v", left)
	}
	if _, err := r.create(&objs, time.Time{}, "", maybeProcessedErr()); err == nil {
		t.Fatal("a create whose answers were all lost succeeded")
	}
	if left := entries(t, dir); len(left) != 1 {
		t.Fatalf("an uncertain create must keep its entry: %v", left)
	}
}

// Other workspaces and other requests leave an entry alone.
func TestCreateOnceJournalOtherFingerprints(t *testing.T) {
	dir := t.TempDir()
	var objs []Organization
	killedBeforeTheAnswer(t, dir, &objs)
	objs = append(objs, Organization{UUID: "made", Name: "n", CreatedAt: String(journalNow.Add(time.Second).Format(time.RFC3339))})
	other := newJournalRun(t, dir, &objs, journalNow.Add(time.Minute))
	other.f.log.identity = "bob"
	got, err := other.create(&objs, journalNow.Add(time.Minute), "bobs", nil)
	if err != nil || got.UUID != "bobs" || other.posts != 1 {
		t.Fatalf("got %+v, %v after %d POSTs; another user's create must not take the entry", got, err, other.posts)
	}
}
