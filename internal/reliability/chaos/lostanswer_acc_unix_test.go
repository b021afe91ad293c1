//go:build unix

package chaos

import (
	"strings"
	"testing"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
)

// The lost-answer kill (runKillLostAnswer) of the kinds the journal
// covers since: the Awanio bucket by its name, and, held by the first
// create (runKillFirstLostAnswer), those whose create cannot be held by
// its object's name.

func TestAccInterrupt_SIGKILLLostAnswerAwanioBucket(t *testing.T) {
	if !statePersistsDuringApply() {
		// Under OpenTofu the kill also cuts off the buckets' object
		// storage, whose keys only its create's answer showed: the next
		// apply adopts it tainted, and replacing it meets the buckets
		// under it (409). A known limit, in the chaos README.
		t.Skip("under OpenTofu the kill also cuts off the object storage, whose keys are lost; see the chaos README")
	}
	runKillLostAnswer(t, "cloudorder_awanio_bucket")
}

// The object storage's live name is the mock's full subdomain
// ("chaos-2.storage.awanio.com"), not objectName: held by the first.
func TestAccInterrupt_SIGKILLLostAnswerAwanioObjectStorage(t *testing.T) {
	runKillFirstLostAnswer(t, "cloudorder_awanio_object_storage")
}

func TestAccInterrupt_SIGKILLLostAnswerAwanioOrganizationMember(t *testing.T) {
	runKillFirstLostAnswer(t, "cloudorder_awanio_organization_member")
}

// TestAccInterrupt_SIGKILLLostAnswerHostwayVPS: the Hostway VPS's create
// is a cart of several calls, and the held one is the submit, the call
// that makes the product. The journal entry of the cut-off create names
// its order, and the product is found by the entry's partnerId marker.
func TestAccInterrupt_SIGKILLLostAnswerHostwayVPS(t *testing.T) {
	runKillFirstLostAnswer(t, "cloudorder_hostway_vps")
}

// runKillFirstLostAnswer is runKillLostAnswer for a kind whose create
// request names no object (a Hostway submit, {"action": "submit"}; an
// Awanio membership, {"member_uuid": ...}) or whose live name is not
// objectName, so that killApply cannot hold one by its name: the first
// create to arrive is held with late_answer (the server acts, no answer
// comes), terraform and the provider are killed once the other two
// objects are in the state file, and the held one is found afterwards as
// the one live object outside the state. The next apply must adopt that
// same object through the journal, make no second one, and leave the
// journal empty.
func runKillFirstLostAnswer(t *testing.T, kindName string) {
	t.Parallel()
	kind := lookup(kindName)
	r := newRun(t, kind, interruptCount)
	r.label = "kill, answer lost " + kind.Name

	r.killApply("", mockcloud.Fault{LateAnswer: true, Latency: time.Hour}, "two objects finished while the third exists and its create's answer is held", func() bool {
		return r.othersFinished() && len(active(r.live())) == interruptCount
	})
	var made map[string]string
	if statePersistsDuringApply() {
		made = r.requireHeldCutOff()
	} else {
		// OpenTofu wrote none of them to the state file (see runKill):
		// all three are cut off, the held one among them, and the next
		// apply must adopt each one through its journal entry.
		made = r.liveByName()
		r.requireCutOff("apply killed by SIGKILL with the answer lost", made)
		if open := r.journalEntries(); total(open) != interruptCount {
			t.Fatalf("journal after SIGKILL: %v; want an entry for each of the %d creates", open, interruptCount)
		}
	}

	r.converge("converge after SIGKILL with the answer lost")
	r.requireAdopted("after SIGKILL and converging", made)
	r.destroy()
}

// requireHeldCutOff checks, under Terraform, what the kill of
// runKillFirstLostAnswer left: exactly one object outside the state, the
// held one, and the journal entry of its create. It returns every live
// object (name → id) for the next apply to keep or adopt.
func (r *run) requireHeldCutOff() map[string]string {
	r.t.Helper()
	rep := r.compare()
	if len(rep.orphans) != 1 {
		r.t.Fatalf("after SIGKILL: %s; want exactly one object outside the state", rep)
	}
	held, id, _ := strings.Cut(rep.orphans[0], "=")
	made := r.madeBefore(held)
	made[held] = id
	r.requireCutOff("apply killed by SIGKILL with the answer lost", map[string]string{held: id})
	// The journal entry of the held create: without an id, or, for a
	// Hostway VPS, naming the order (the object's AltID) that the held
	// submit placed; the entries of the finished creates stay too, until
	// a Read.
	entry := ""
	for _, o := range r.live() {
		if o.ID == id {
			entry = strings.TrimPrefix(o.AltID, "order:")
		}
	}
	if open := r.journalEntries(); open[entry] != 1 {
		r.t.Fatalf("journal after SIGKILL: %v; want an entry naming %q for %s's object %s", open, entry, held, id)
	}
	return made
}

// total is the number of journal entries journalEntries counted.
func total(entries map[string]int) int {
	n := 0
	for _, c := range entries {
		n += c
	}
	return n
}
