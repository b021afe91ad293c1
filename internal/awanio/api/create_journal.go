package api

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/adopt"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/journal"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/serverclock"
)

// SetJournal makes this client's creates keep the journal of in-flight
// creates (internal/journal), so that a create of a killed run is found
// by the next one; nil turns it off. Call it before any create.
func (c *Client) SetJournal(j *journal.Journal) {
	c.creates.journal = j
	c.creates.endpoint = c.base.String()
	c.creates.identity = c.cfg.Username // never the password or a token
}

// Tracked tells the journal that the object id is in Terraform's state
// (a Read of it) or deleted: its entry, if any, is done. No request.
func (c *Client) Tracked(id string) {
	if c != nil {
		c.creates.journal.Seen(id)
	}
}

// journal is the journal of f's creates: those bounded by the server's
// clock, or of a kind with one object per key (only), that name the
// inputs of their lookup (key); nil otherwise.
func (f finder[T]) journal() *journal.Journal {
	if f.log == nil || (f.created == nil && f.only == "") || f.key == nil {
		return nil
	}
	return f.log.journal
}

// journalType names f's objects in the journal.
func (f finder[T]) journalType() string { return "awanio " + f.what }

// fingerprint is the journal's fingerprint of a create of f: the
// endpoint, the user it logs in as, and what its lookup compares.
func (f finder[T]) fingerprint(j *journal.Journal) string {
	return j.Fingerprint(f.journalType(), append([]string{f.log.endpoint, f.log.identity}, f.key...)...)
}

// begin writes the journal entry of a create about to be sent, with the
// server's clock as last read (open made sure there is a reading when
// it could). A journal that cannot be written does not stop the create.
func (f finder[T]) begin(ctx context.Context, j *journal.Journal, fp string) *journal.Pending {
	if j == nil {
		return nil
	}
	p, err := j.BeginMarked(f.journalType(), fp, f.log.latest().Date, f.only)
	if err != nil {
		tflog.Warn(ctx, "could not write the journal entry of a create; a kill before its answer would not be recovered",
			map[string]any{"kind": f.what, "error": err.Error()})
	}
	return p
}

// fromJournal looks for the object that a create of a run that is gone
// (killed before Terraform recorded the object) made with the same
// request: each journal entry with this fingerprint is settled in turn.
func (f finder[T]) fromJournal(ctx context.Context, j *journal.Journal, fp string) (*T, error) {
	return journal.Settle(j, f.journalType(), fp, func(e journal.Entry) (*T, error) { return f.settle(ctx, j, e) })
}

// settle decides one entry of a create that was cut off:
//
//   - with the object's id (the answer came, Terraform never heard of
//     it): the object, if it still exists and was created at or after
//     the entry's server time, is adopted; gone, the entry is dropped;
//   - without (killed before the answer): the candidates that the lost-
//     answer lookup would take, bounded below by the entry's server time
//     and leaving out what other entries and this run's creates claim.
//     One is adopted; none drops the entry; two or more fail, naming
//     them: a create is never sent blindly over an entry.
func (f finder[T]) settle(ctx context.Context, j *journal.Journal, e journal.Entry) (*T, error) {
	objs, err := f.listAgain(ctx)
	if err != nil {
		return nil, fmt.Errorf("listing %ss to settle %s, a create of an earlier run that was cut off: %w", f.what, j.Describe(e), err)
	}
	since := e.ServerTime.Add(-serverclock.Tolerance)
	claimed := j.Claimed(e.ID)
	var found []T
	undated := false
	for _, o := range objs {
		id := f.id(o)
		if claimed[id] || f.log.isClaimed(id) {
			continue
		}
		if len(e.ObjectIDs) > 0 && !slices.Contains(e.ObjectIDs, id) {
			continue
		}
		if f.created != nil {
			created, perr := time.Parse(time.RFC3339Nano, string(f.created(o)))
			if perr == nil && !e.ServerTime.IsZero() && created.Before(since) {
				continue // an older namesake
			}
			undated = undated || perr != nil || e.ServerTime.IsZero()
		}
		// A kind with one object per key (only) was journaled only when
		// none was there before the POST: the one the key finds is it.
		found = append(found, o)
	}
	ids := f.ids(found)
	switch {
	case len(found) == 0:
		tflog.Info(ctx, "the create of a journal entry made nothing that still exists; dropping the entry",
			map[string]any{"kind": f.what, "entry": j.Describe(e)})
		j.Remove(e.ID)
		return nil, nil
	case len(found) == 1 && (len(e.ObjectIDs) > 0 || !undated):
		if !f.log.claim(ids[0]) {
			return nil, nil // another create of this run took it meanwhile
		}
		j.Remove(e.ID)
		adopt.Warn(ctx, "Adopted an Awanio "+f.what+" made by an interrupted run",
			fmt.Sprintf("A create with the same arguments was cut off before Terraform recorded its result (journal entry %s); "+
				"%s %s, which that create made, is adopted instead of creating another.", j.Describe(e), f.what, ids[0]))
		return &found[0], nil
	}
	return nil, fmt.Errorf("a create with the same arguments was cut off before Terraform recorded its result (journal entry %s), "+
		"and %d %ss (%s) may be what it made; this run cannot tell which. Import the one that is this resource's "+
		"(`terraform import <address> <id>`; ids: %s), delete the others, and remove the entry's file",
		j.Describe(e), len(found), f.what, strings.Join(ids, ", "), strings.Join(ids, ", "))
}
