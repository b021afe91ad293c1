package api

import (
	"context"
	"net/http"
	"testing"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/journal"
)

// onlyRun is one run of a create of a kind with one object per key and no
// created_at (a bucket by name), against a fake collection.
type onlyRun struct {
	j     *journal.Journal
	f     finder[Bucket]
	posts int
}

const onlyStateID = "projects/p1/b"

func newOnlyRun(dir string, objs *[]Bucket) *onlyRun {
	r := &onlyRun{j: journal.NewUncached(dir, "default")}
	r.f = finder[Bucket]{
		what: "bucket",
		list: func(context.Context) ([]Bucket, error) { return *objs, nil },
		id:   func(b Bucket) string { return b.Name },
		log:  &createLog{journal: r.j, endpoint: "https://awanio.example/v2", identity: "alice"},
		key:  []string{"projects/p1", "b"},
		only: onlyStateID,
	}
	return r
}

// create runs createOnce; the POST makes bucket b unless it exists, when
// it answers the API's conflict.
func (r *onlyRun) create(objs *[]Bucket) (*Bucket, error) {
	return createOnce(context.Background(), r.f, func(context.Context) (*Bucket, error) {
		r.posts++
		for _, b := range *objs {
			if b.Name == "b" {
				return nil, &apiclient.APIError{StatusCode: http.StatusConflict, Message: "BUCKET b ALREADY EXISTS"}
			}
		}
		*objs = append(*objs, Bucket{Name: "b"})
		return &Bucket{Name: "b"}, nil
	})
}

// killedOnlyRun is a run that saw no bucket b, wrote its entry (which it
// does only then) and was killed before its POST's answer.
func killedOnlyRun(t *testing.T, dir string, objs *[]Bucket) {
	t.Helper()
	killed := newOnlyRun(dir, objs)
	w, err := killed.f.open(context.Background())
	if err != nil || len(w.before) != 0 {
		t.Fatalf("snapshot %v, %v", w.before, err)
	}
	if killed.f.begin(context.Background(), killed.j, killed.f.fingerprint(killed.j)) == nil {
		t.Fatal("a create of a kind with one object per key was not journaled")
	}
	killed.j.Abandon()
}

// A run killed after its POST made the bucket and before the answer: the
// entry (written only because the snapshot before the POST showed no
// bucket b) lets the next run adopt it by name, without a POST, where
// without the entry it would meet the conflict.
func TestCreateOnceJournalOnlyAdoptsWhatAKilledRunMade(t *testing.T) {
	dir := t.TempDir()
	var objs []Bucket
	killedOnlyRun(t, dir, &objs)
	objs = append(objs, Bucket{Name: "b"}) // the POST reached the server

	next := newOnlyRun(dir, &objs)
	got, err := next.create(&objs)
	if err != nil || got == nil || got.Name != "b" || next.posts != 0 {
		t.Fatalf("got %+v, %v after %d POSTs; want bucket b adopted without a POST", got, err, next.posts)
	}
	if left := entries(t, dir); len(left) != 0 {
		t.Fatalf("the settled entry is still there: %v", left)
	}
}

// A bucket that was there before the create is not this run's: no entry
// is written, the POST meets the conflict, and a later run adopts
// nothing.
func TestCreateOnceJournalOnlyNeverAdoptsWhatWasThereBefore(t *testing.T) {
	dir := t.TempDir()
	objs := []Bucket{{Name: "b"}} // someone else's
	r := newOnlyRun(dir, &objs)
	if _, err := r.create(&objs); !apiclient.IsConflict(err) || r.posts != 1 {
		t.Fatalf("err %v after %d POSTs; want the API's conflict", err, r.posts)
	}
	if left := entries(t, dir); len(left) != 0 {
		t.Fatalf("a create of an object that was there before left an entry: %v", left)
	}
	r.j.Abandon()
	next := newOnlyRun(dir, &objs)
	if _, err := next.create(&objs); !apiclient.IsConflict(err) {
		t.Fatalf("err %v; want the conflict again, nothing adopted", err)
	}
}

// A create whose entry made nothing (killed before the POST arrived):
// dropped, and the POST is sent. Its own entry, marked with the state
// id, goes when a Read sees that id.
func TestCreateOnceJournalOnlyDropsAnEntryThatMadeNothing(t *testing.T) {
	dir := t.TempDir()
	var objs []Bucket
	killedOnlyRun(t, dir, &objs)

	next := newOnlyRun(dir, &objs)
	if got, err := next.create(&objs); err != nil || got == nil || next.posts != 1 {
		t.Fatalf("got %+v, %v after %d POSTs; want one create", got, err, next.posts)
	}
	if left := entries(t, dir); len(left) != 1 {
		t.Fatalf("journal %v: want the new create's entry", left)
	}
	next.j.Seen(onlyStateID)
	if left := entries(t, dir); len(left) != 0 {
		t.Fatalf("Seen of the state id left %v", left)
	}
}
