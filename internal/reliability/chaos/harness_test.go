package chaos

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
)

// testProvider is the main package of the provider build the suite runs.
const testProvider = "github.com/cloudorder/terraform-provider-cloudorder/cmd/chaos-testprovider"

// maxApplies bounds the applies that may be needed to converge after a
// round of faults: every fault is counted, so a provider that keeps failing
// fails the test instead of looping.
const maxApplies = 4

// run is one kind's test: its mock, its terraform working directory.
type run struct {
	t    *testing.T
	kind Kind
	env  *acctest.Env
	cli  *acctest.CLI
	n    int
	// label names the test in the summary: the type, or what was done to it.
	label string
	// seen is every object ever live, for "resources created".
	seen map[string]bool
	// refresh, when set, brings env.Mock up to date before it is read:
	// when the mock runs as its own process, env.Mock is a copy loaded
	// from its state file.
	refresh func()
	// requestLog is the mock's request log, for the faults in the summary.
	requestLog func() []mockcloud.LoggedRequest
	// cutOff is how many objects a kill left outside the state on purpose,
	// for the next apply to adopt (requireCutOff).
	cutOff int
}

func newRun(t *testing.T, kind Kind, n int, opts ...mockcloud.Option) *run {
	t.Helper()
	return newRunIn(t, kind, n, acctest.NewEnv(t, append(append([]mockcloud.Option(nil), kind.Options...), opts...)...))
}

// newRunIn is newRun against the mock env, which Config may prepare.
func newRunIn(t *testing.T, kind Kind, n int, env *acctest.Env) *run {
	t.Helper()
	cli := acctest.NewCLIWithProvider(t, testProvider)
	cli.WriteFile("main.tf", acctest.RequiredProviders+kind.Config(env, n))
	r := &run{t: t, kind: kind, env: env, cli: cli, n: n, label: kind.Name, seen: map[string]bool{}, requestLog: env.Mock.RequestLog}
	t.Cleanup(func() { stats.finish(r.label, r.requestLog(), len(r.seen)) })
	return r
}

// live lists the kind's objects in the mock.
func (r *run) live() []Object {
	r.t.Helper()
	if r.refresh != nil {
		r.refresh()
	}
	return r.kind.Live(r.env)
}

// stateEntry is one resource of the kind's type in the state.
type stateEntry struct {
	Address string
	ID      string // the mock's id of the tracked object
	Tainted bool
}

// state reads the resources of the kind's type from `terraform show -json`.
func (r *run) state() []stateEntry {
	r.t.Helper()
	code, out, errOut := r.cli.Run("show", "-json", "-no-color")
	if code != 0 {
		r.t.Fatalf("terraform show -json exited %d: %s", code, errOut)
	}
	var doc struct {
		Values struct {
			RootModule struct {
				Resources []struct {
					Address string         `json:"address"`
					Mode    string         `json:"mode"`
					Type    string         `json:"type"`
					Tainted bool           `json:"tainted"`
					Values  map[string]any `json:"values"`
				} `json:"resources"`
			} `json:"root_module"`
		} `json:"values"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		r.t.Fatalf("terraform show -json: %v\n%s", err, out)
	}
	var entries []stateEntry
	for _, res := range doc.Values.RootModule.Resources {
		if res.Mode != "managed" || res.Type != r.kind.Name {
			continue
		}
		id := stringAttr(res.Values, "id")
		if r.kind.StateID != nil {
			id = r.kind.StateID(res.Values)
		}
		entries = append(entries, stateEntry{Address: res.Address, ID: id, Tainted: res.Tainted})
	}
	return entries
}

// report is what one comparison of the mock with the state found.
type report struct {
	live, tracked                int
	orphans, duplicates, missing []string
}

func (rep report) clean() bool {
	return len(rep.orphans) == 0 && len(rep.duplicates) == 0 && len(rep.missing) == 0
}

func (rep report) String() string {
	return fmt.Sprintf("%d live, %d in state; orphans %v, duplicates %v, missing %v",
		rep.live, rep.tracked, rep.orphans, rep.duplicates, rep.missing)
}

// compare matches the mock's live objects with the state: every live object
// is tracked by exactly one state entry, and every entry's object exists.
func (r *run) compare() report {
	r.t.Helper()
	live := r.live()
	entries := r.state()
	rep := report{live: len(active(live)), tracked: len(entries)}
	inState := map[string]int{}
	for _, e := range entries {
		inState[canonicalID(e.ID)]++
	}
	byName := map[string][]string{}
	liveIDs := map[string]bool{}
	for _, o := range live {
		id := canonicalID(o.ID)
		liveIDs[id] = true
		if o.AltID != "" {
			liveIDs[canonicalID(o.AltID)] = true
		}
		if o.Inert {
			continue
		}
		r.seen[id] = true
		byName[o.Name] = append(byName[o.Name], o.ID)
		if inState[id] == 0 && (o.AltID == "" || inState[canonicalID(o.AltID)] == 0) {
			rep.orphans = append(rep.orphans, o.Name+"="+o.ID)
		}
	}
	for name, ids := range byName {
		if len(ids) > 1 {
			rep.duplicates = append(rep.duplicates, name+"="+strings.Join(ids, ","))
		}
	}
	for _, e := range entries {
		if !liveIDs[canonicalID(e.ID)] {
			rep.missing = append(rep.missing, e.Address+"="+e.ID)
		}
		if inState[canonicalID(e.ID)] > 1 {
			rep.duplicates = append(rep.duplicates, e.Address+" shares "+e.ID)
		}
	}
	sort.Strings(rep.orphans)
	sort.Strings(rep.duplicates)
	sort.Strings(rep.missing)
	return rep
}

// check compares and fails the test on any orphan, duplicate or missing
// object. It runs after every terraform command, failed ones included:
// a failed apply must leave the state as true as a successful one.
func (r *run) check(after string) report {
	r.t.Helper()
	rep := r.compare()
	stats.record(r.label, rep)
	if !rep.clean() {
		r.t.Errorf("after %s: %s", after, rep)
	} else {
		r.t.Logf("after %s: %s", after, rep)
	}
	return rep
}

// apply runs one apply and checks the result; it returns the exit code.
func (r *run) apply(what string) int {
	r.t.Helper()
	code, out, errOut := r.cli.Run("apply", "-auto-approve", "-no-color", "-input=false")
	stats.countApply(r.label)
	if code != 0 {
		r.t.Logf("%s: terraform apply exited %d (faults may do that; the next apply must converge):\n%s", what, code, lastLines(errOut, 12))
	} else {
		r.t.Logf("%s: %s", what, summaryLine(out))
	}
	r.check(what)
	return code
}

// converge applies until an apply succeeds and the plan after it is empty.
func (r *run) converge(what string) {
	r.t.Helper()
	for i := 1; i <= maxApplies; i++ {
		if r.apply(fmt.Sprintf("%s (apply %d)", what, i)) != 0 {
			continue
		}
		if r.planEmpty() {
			return
		}
	}
	r.t.Fatalf("%s: no empty plan after %d applies", what, maxApplies)
}

// planEmpty reports whether `terraform plan` has nothing to do.
func (r *run) planEmpty() bool {
	r.t.Helper()
	code, out, errOut := r.cli.Run("plan", "-detailed-exitcode", "-no-color", "-input=false")
	switch code {
	case 0:
		return true
	case 2:
		r.t.Logf("plan not empty:\n%s", planSummary(out))
		return false
	}
	r.t.Logf("terraform plan exited %d:\n%s", code, lastLines(errOut, 12))
	return false
}

// destroy destroys until it succeeds and then requires the mock to hold no
// live object of the kind.
func (r *run) destroy() {
	r.t.Helper()
	for i := 1; i <= maxApplies; i++ {
		code, _, errOut := r.cli.Run("destroy", "-auto-approve", "-no-color", "-input=false")
		stats.countApply(r.label)
		r.check(fmt.Sprintf("destroy %d", i))
		if code == 0 {
			if live := active(r.live()); len(live) != 0 {
				r.t.Fatalf("destroy succeeded but the mock still holds %v", live)
			}
			if left := r.state(); len(left) != 0 {
				r.t.Fatalf("destroy succeeded but the state still holds %v", left)
			}
			return
		}
		r.t.Logf("destroy %d exited %d:\n%s", i, code, lastLines(errOut, 12))
	}
	r.t.Fatalf("destroy did not succeed in %d runs", maxApplies)
}

// requireTracked fails unless the state tracks exactly n live objects.
func (r *run) requireTracked(what string) []stateEntry {
	r.t.Helper()
	entries := r.state()
	if len(entries) != r.n {
		r.t.Fatalf("%s: state has %d %s, want %d", what, len(entries), r.kind.Name, r.n)
	}
	if live := active(r.live()); len(live) != r.n {
		r.t.Fatalf("%s: mock has %d live objects, want %d: %v", what, len(live), r.n, live)
	}
	return entries
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// summaryLine is terraform's "Apply complete! Resources: ..." line.
func summaryLine(out string) string {
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, "complete!") {
			return strings.TrimSpace(l)
		}
	}
	return lastLines(out, 1)
}

// active drops the inert objects.
func active(objs []Object) []Object {
	var out []Object
	for _, o := range objs {
		if !o.Inert {
			out = append(out, o)
		}
	}
	return out
}

// planSummary keeps the lines of a plan that say what would change.
func planSummary(out string) string {
	var keep []string
	for _, l := range strings.Split(out, "\n") {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "# ") || strings.HasPrefix(t, "Plan:") || strings.HasPrefix(t, "~ ") && strings.Contains(t, "->") {
			keep = append(keep, t)
		}
	}
	return strings.Join(keep, "\n")
}
