package chaos

import "testing"

// TestAccCycle runs, for every resource type, the cycle users run (issue
// 17): apply, destroy, and apply the same names again while the answer to
// every create of that apply is lost after the server acted. The objects
// of the first apply match the second apply's requests just as well; each
// create must find the object it made, not an older namesake, and not
// make another. After every run: no orphan, no duplicate, nothing missing.
func TestAccCycle(t *testing.T) {
	forEachKind(t, runCycle)
}

func runCycle(t *testing.T, kindName string) {
	t.Parallel()
	kind := lookup(kindName)
	r := newRun(t, kind, defaultCount)
	r.label = "cycle " + kind.Name
	r.converge("first apply")
	r.destroy()

	lost := kind.Create(r.env)
	lost.DropAfterProcessing, lost.Count = true, defaultCount
	r.env.Mock.InjectFault(lost)
	r.converge("apply again, create answers lost")
	hit := 0
	for _, e := range r.env.Mock.RequestLog() {
		if e.Fault == "drop-after-processing" {
			hit++
		}
	}
	if hit == 0 {
		t.Fatalf("no create answer was lost: the cycle proves nothing")
	}
	r.env.Mock.ClearFaults()
	r.requireTracked("after the second apply")
	r.destroy()
}
