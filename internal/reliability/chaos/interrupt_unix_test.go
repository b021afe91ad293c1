//go:build unix

package chaos

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/journal"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
	awaniomock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/awanio"
	waldurmock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/waldur"
)

// interruptCount is how many resources an interrupted apply holds.
const interruptCount = 3

// waitBudget bounds every wait on the mock, the state file or terraform.
const waitBudget = 90 * time.Second

// runInterrupt: SIGINT (Ctrl-C) while every resource of the apply waits for
// its object to become ready. Terraform asks the provider to stop; each
// create had saved its id before waiting, so the state tracks every object
// (tainted), nothing is orphaned, and the next apply converges by
// replacing them without a duplicate.
func runInterrupt(t *testing.T, kindName string) {
	t.Parallel()
	kind := lookup(kindName)
	clock := &warpClock{}
	r := newRun(t, kind, interruptCount,
		mockcloud.WithClock(clock),
		waldurmock.WithWaldurDelays(waldurmock.WaldurDelays{Executing: time.Hour}),
		awaniomock.WithAwanioDelays(awaniomock.AwanioDelays{Provision: time.Hour, Delete: time.Hour}))
	r.label = "interrupt (SIGINT) " + kind.Name

	// The last create's answer comes late, after the server acted and
	// the other waits have polled: the readiness check must still wait
	// for it (allPolled), or the SIGINT would cut it off.
	r.holdCreate(objectName(interruptCount-1), mockcloud.Fault{LateAnswer: true, Latency: 500 * time.Millisecond})
	p := r.start("apply", "-auto-approve", "-no-color", "-input=false")
	waitFor(t, p, "every object created and polled while it provisions", func() bool { return r.allPolled() })
	p.signal(t, syscall.SIGINT)
	if code, out := p.wait(t); code == 0 {
		t.Fatalf("the interrupted apply exited 0:\n%s", lastLines(out, 20))
	}
	stats.countApply(r.label)
	r.check("apply interrupted by SIGINT")
	entries := r.state()
	if len(entries) != interruptCount {
		t.Fatalf("after SIGINT the state tracks %d objects, want all %d (ids are saved before waiting)", len(entries), interruptCount)
	}
	for _, e := range entries {
		if !e.Tainted {
			t.Errorf("%s is not tainted although its create was interrupted", e.Address)
		}
	}

	clock.Release()
	r.converge("converge after SIGINT")
	r.requireTracked("after SIGINT and converging")
	r.destroy()
}

// runKill: SIGKILL of terraform and the provider (a CI runner killed, an
// OOM kill) in the middle of an apply: some resources are done, the last
// one's create request is still waiting for its answer. Nothing is
// orphaned for good: the server never acted on the abandoned request, and
// the next apply creates only what is missing.
//
// Terraform writes the finished resources to the state file before the
// kill. OpenTofu (1.10.6) does not: it persists state in the middle of an
// apply only on a state update that comes after its persist interval, and
// none comes while the last create is held, so the kill cuts the finished
// objects off from the state too. Under OpenTofu the test therefore waits
// on what the provider saw instead (a journal entry with an id for each
// finished create) and requires the next apply to adopt every one of them
// through the journal, as it would for a user.
func runKill(t *testing.T, kindName string) {
	t.Parallel()
	kind := lookup(kindName)
	r := newRun(t, kind, interruptCount)
	r.label = "interrupt (SIGKILL) " + kind.Name

	held := objectName(interruptCount - 1)
	r.killApply(held, mockcloud.Fault{Latency: time.Hour}, "the other resources finished while "+held+"'s create is held", func() bool {
		return r.othersFinished() && r.heldRequestArrived()
	})
	made := r.madeBefore(held)
	if !statePersistsDuringApply() {
		r.requireCutOff("apply killed by SIGKILL", made)
	} else if rep := r.check("apply killed by SIGKILL"); rep.tracked != interruptCount-1 {
		t.Fatalf("after SIGKILL the state tracks %d objects, want %d", rep.tracked, interruptCount-1)
	}
	r.converge("converge after SIGKILL")
	r.requireAdopted("after SIGKILL and converging", made)
	r.destroy()
}

// runKillLostAnswer: SIGKILL of terraform and the provider after the
// server acted on the last resource's create but before its answer came
// (late_answer, issue 17): the object exists and no state knows it. The
// provider's journal of in-flight creates (internal/journal) holds the
// create's entry; the next apply must find the object through it instead
// of making a second one, and track it. Under OpenTofu the finished
// resources are cut off from the state as well (see runKill), and the
// next apply must adopt them too.
func runKillLostAnswer(t *testing.T, kindName string) {
	t.Parallel()
	kind := lookup(kindName)
	r := newRun(t, kind, interruptCount)
	r.label = "kill, answer lost " + kind.Name

	held := objectName(interruptCount - 1)
	r.killApply(held, mockcloud.Fault{LateAnswer: true, Latency: time.Hour}, "the other resources finished while "+held+" exists and its create's answer is held", func() bool {
		return r.othersFinished() && r.liveID(held) != ""
	})
	made := r.madeBefore(held)
	made[held] = r.liveID(held)

	// What the kill left: the held object outside the state (the orphan
	// this test is about, which the next apply must adopt), and the
	// journal entry of its create, without an id.
	cut := map[string]string{held: made[held]}
	if !statePersistsDuringApply() {
		cut = made
	}
	r.requireCutOff("apply killed by SIGKILL with the answer lost", cut)
	if open := r.journalEntries(); open[""] != 1 {
		t.Fatalf("journal after SIGKILL: %v; want one entry without an id (the held create)", open)
	}

	r.converge("converge after SIGKILL with the answer lost")
	r.requireAdopted("after SIGKILL and converging", made)
	r.destroy()
}

// statePersistsDuringApply reports whether the binary under test writes
// finished resources to the state file while other creates of the same
// apply are still running: Terraform does, OpenTofu 1.10 does not (see
// runKill).
func statePersistsDuringApply() bool { return !acctest.IsOpenTofu() }

// othersFinished reports whether every resource but the held one is done
// as far as the kill is concerned: in the state file under Terraform;
// under OpenTofu, answered (the provider's journal entry of its create
// carries its id), since OpenTofu writes no state until the apply ends.
func (r *run) othersFinished() bool {
	if statePersistsDuringApply() {
		return r.stateFileCount() == interruptCount-1
	}
	entries := r.journalEntries()
	// A Hostway VPS's entry names its order before the submit that makes
	// the product, so the held create's entry may carry an id too.
	return total(entries)-entries[""] >= interruptCount-1
}

// liveByName maps the name of every live object to its id.
func (r *run) liveByName() map[string]string {
	made := map[string]string{}
	for _, o := range active(r.live()) {
		made[o.Name] = o.ID
	}
	return made
}

// madeBefore maps the name of every live object but held to its id.
func (r *run) madeBefore(held string) map[string]string {
	made := r.liveByName()
	delete(made, held)
	if len(made) != interruptCount-1 {
		r.t.Fatalf("before the kill the mock holds %v besides %s; want %d objects", made, held, interruptCount-1)
	}
	return made
}

// requireCutOff checks the state right after a kill: exactly the objects
// in cut (name → id) are outside it, counted as cut off; nothing else is
// orphaned, duplicated or missing.
func (r *run) requireCutOff(after string, cut map[string]string) {
	r.t.Helper()
	rep := r.compare()
	stats.recordCutOff(r.label, rep, len(cut))
	r.cutOff = len(cut)
	want := make([]string, 0, len(cut))
	for name, id := range cut {
		want = append(want, name+"="+id)
	}
	sort.Strings(want)
	if !slices.Equal(rep.orphans, want) || len(rep.duplicates) != 0 || len(rep.missing) != 0 {
		r.t.Fatalf("after %s: %s; want only %v outside the state", after, rep, want)
	}
	r.t.Logf("after %s: %s (cut off, for the next apply to adopt)", after, rep)
}

// requireAdopted checks, after converging, that the state tracks every
// object in made (name → id) itself, not a second object of the same
// name, and that the journal is empty; each object that was cut off from
// the state counts as adopted.
func (r *run) requireAdopted(what string, made map[string]string) {
	r.t.Helper()
	entries := r.requireTracked(what)
	tracked := map[string]bool{}
	for _, e := range entries {
		tracked[canonicalID(e.ID)] = true
	}
	for name, id := range made {
		if !tracked[canonicalID(id)] {
			r.t.Fatalf("%s: %s's object %s is not the one in the state %v: the next apply made another", what, name, id, entries)
		}
	}
	stats.countAdopted(r.label, r.cutOff)
	if open := r.journalEntries(); len(open) != 0 {
		r.t.Errorf("journal %s: %v; want it empty (every object was read)", what, open)
	}
}

// killApply starts an apply whose create of the object named held meets
// hold (its Latency, with LateAnswer or without), sends SIGKILL to
// terraform and its provider once ready holds, and clears the faults.
// With held "", the first create of the kind to arrive meets hold
// (runKillFirstLostAnswer).
//
// The provider waits for the held answer until the kill: with the
// suite's 1s per-request timeout it would give up, look, and either send
// the create again, which would make the object before the kill lands
// (the CI flake of issue 17), or find the object and finish the create.
func (r *run) killApply(held string, hold mockcloud.Fault, what string, ready func() bool) {
	r.t.Helper()
	r.holdCreate(held, hold)
	p := r.startEnv([]string{"CLOUDORDER_CHAOS_REQUEST_TIMEOUT=1h"}, "apply", "-auto-approve", "-no-color", "-input=false")
	waitFor(r.t, p, what, ready)
	p.signal(r.t, syscall.SIGKILL)
	stats.countKill(r.label)
	p.wait(r.t)
	r.env.Mock.ClearFaults()
	stats.countApply(r.label)
}

// holdCreate makes the create of the object named held meet hold (its
// Latency, with LateAnswer or without); with held "", the first create of
// the kind to arrive.
func (r *run) holdCreate(held string, hold mockcloud.Fault) {
	create := r.kind.Create(r.env)
	hold.Method, hold.PathPrefix, hold.BodyContains = create.Method, create.PathPrefix, create.BodyContains
	if held != "" {
		hold.BodyContains = fmt.Sprintf("%q", held)
	}
	r.env.Mock.InjectFault(hold)
}

// liveID is the id of the live object named name; "" when there is none.
func (r *run) liveID(name string) string {
	for _, o := range active(r.live()) {
		if o.Name == name {
			return o.ID
		}
	}
	return ""
}

// journalEntries counts the provider's journal entries in the working
// directory by their first object id ("" for an entry without one).
func (r *run) journalEntries() map[string]int {
	r.t.Helper()
	dir := filepath.Join(r.cli.Dir, ".terraform", "cloudorder-journal")
	// Entries only: the directory also keeps the learned request rates
	// (apiclient.RateMemory).
	names, err := journal.EntryFiles(dir)
	if err != nil {
		r.t.Fatal(err)
	}
	out := map[string]int{}
	for _, name := range names {
		raw, err := os.ReadFile(filepath.Join(dir, name)) // #nosec G304 -- the test's own directory
		if err != nil {
			r.t.Fatal(err)
		}
		var e struct {
			ObjectIDs []string `json:"object_ids"`
		}
		if err := json.Unmarshal(raw, &e); err != nil {
			r.t.Fatalf("journal entry %s: %v", name, err)
		}
		id := ""
		if len(e.ObjectIDs) > 0 {
			id = e.ObjectIDs[0]
		}
		out[id]++
	}
	return out
}

// allPolled reports whether every resource's object exists and has been
// polled: its create was answered and the provider is waiting on it. A
// poll is a GET of the object, or a list of the collection the creates
// POST to, after the last create (Awanio's VM waits share the owner's
// list, internal/awanio/api/watch.go).
//
// The mock logs a request when it arrives, so such a list may come from
// another resource's wait while the last create's answer is still on its
// way; a SIGINT then cancels that create before it learns its id (the CI
// failure of stop 23: 3 live, 2 in state). The provider's journal entry
// of a create carries the id once the answer was read, so every create
// must have one first.
func (r *run) allPolled() bool {
	live := active(r.live())
	if len(live) != r.n {
		return false
	}
	if entries := r.journalEntries(); entries[""] != 0 || total(entries) != r.n {
		return false
	}
	log := r.env.Mock.RequestLog()
	collection := strings.TrimSuffix(r.kind.Create(r.env).PathPrefix, "/")
	listed := false
	for _, e := range log {
		switch path := strings.TrimSuffix(e.Path, "/"); {
		case path != collection:
		case e.Method == http.MethodPost:
			listed = false
		case e.Method == http.MethodGet:
			listed = true
		}
	}
	for _, o := range live {
		polled := listed
		for _, e := range log {
			if e.Method == http.MethodGet && strings.Contains(e.Path, o.ID) {
				polled = true
				break
			}
		}
		if !polled {
			return false
		}
	}
	return true
}

// heldRequestArrived reports whether the held create reached the mock.
func (r *run) heldRequestArrived() bool {
	for _, e := range r.env.Mock.RequestLog() {
		if e.Fault == "latency" {
			return true
		}
	}
	return false
}

// stateFileCount counts the kind's resources in terraform.tfstate as
// terraform last wrote it (reading the file, not `terraform show`, which
// would compete with the running apply).
func (r *run) stateFileCount() int {
	raw, err := os.ReadFile(filepath.Join(r.cli.Dir, "terraform.tfstate"))
	if err != nil {
		return 0
	}
	var st struct {
		Resources []struct {
			Mode      string `json:"mode"`
			Type      string `json:"type"`
			Instances []struct {
				Status string `json:"status"`
			} `json:"instances"`
		} `json:"resources"`
	}
	if json.Unmarshal(raw, &st) != nil {
		return 0 // caught mid-write
	}
	n := 0
	for _, res := range st.Resources {
		if res.Mode == "managed" && res.Type == r.kind.Name {
			for _, inst := range res.Instances {
				if inst.Status != "tainted" {
					n++
				}
			}
		}
	}
	return n
}

// started is a terraform command running in its own process group, so
// that a signal reaches terraform and its provider plugins together, as
// Ctrl-C in a terminal or a killed CI job does.
type started struct {
	cmd  *exec.Cmd
	out  lockedBuffer
	done chan struct{}
	err  error
}

func (r *run) start(args ...string) *started {
	r.t.Helper()
	return r.startEnv(nil, args...)
}

// startEnv is start with more environment variables for terraform and the
// provider.
func (r *run) startEnv(env []string, args ...string) *started {
	r.t.Helper()
	p := &started{cmd: r.cli.Command(args...), done: make(chan struct{})}
	p.cmd.Env = append(append([]string(nil), p.cmd.Env...), env...)
	p.cmd.Stdout, p.cmd.Stderr = &p.out, &p.out
	p.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := p.cmd.Start(); err != nil {
		r.t.Fatalf("starting terraform %s: %v", strings.Join(args, " "), err)
	}
	go func() {
		p.err = p.cmd.Wait()
		close(p.done)
	}()
	r.t.Cleanup(func() {
		select {
		case <-p.done:
		default:
			_ = syscall.Kill(-p.cmd.Process.Pid, syscall.SIGKILL)
			<-p.done
		}
	})
	return p
}

func (p *started) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

func (p *started) signal(t *testing.T, sig syscall.Signal) {
	t.Helper()
	if err := syscall.Kill(-p.cmd.Process.Pid, sig); err != nil {
		t.Fatalf("sending %v to terraform: %v", sig, err)
	}
}

// wait waits (bounded) for terraform to exit and returns its exit code and
// output.
func (p *started) wait(t *testing.T) (int, string) {
	t.Helper()
	select {
	case <-p.done:
	case <-time.After(waitBudget):
		t.Fatalf("terraform did not exit within %v of the signal:\n%s", waitBudget, lastLines(p.out.String(), 30))
	}
	var exit *exec.ExitError
	switch {
	case p.err == nil:
		return 0, p.out.String()
	case errors.As(p.err, &exit):
		return exit.ExitCode(), p.out.String()
	}
	t.Fatalf("terraform: %v", p.err)
	return 0, ""
}

// waitFor polls cond until it holds; it fails the test when terraform
// exits first or the budget runs out.
func waitFor(t *testing.T, p *started, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(waitBudget)
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		if p.exited() {
			t.Fatalf("terraform exited before %s:\n%s", what, lastLines(p.out.String(), 30))
		}
		if time.Now().After(deadline) {
			t.Fatalf("no %s within %v:\n%s", what, waitBudget, lastLines(p.out.String(), 30))
		}
		<-tick.C
	}
}

// lockedBuffer is a bytes.Buffer that terraform writes to while the test
// reads it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
