package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestSmoke runs the whole harness once, small: one Waldur order, a short
// provisioning delay, the tuned poller only, and its floor run. It builds
// the provider and runs terraform eight times (about 40 s on a busy 2-CPU
// machine), so it runs only when asked: CLOUDORDER_BENCH_SMOKE=1 go test ./cmd/bench.
func TestSmoke(t *testing.T) {
	if os.Getenv("CLOUDORDER_BENCH_SMOKE") == "" {
		t.Skip("set CLOUDORDER_BENCH_SMOKE=1 to run the bench harness once (builds the provider, runs terraform)")
	}
	if _, err := exec.LookPath("terraform"); err != nil {
		t.Fatal("terraform is not on PATH")
	}
	out := filepath.Join(t.TempDir(), "latest.json")
	svg := filepath.Join(t.TempDir(), "latest.svg")
	o := options{
		delay: 300 * time.Millisecond, parallelism: 20, waldurN: []int{1},
		pollers: []string{pollerTuned}, baselineMaxN: 200, floor: true, out: out, svg: svg,
	}
	if err := run(t.Context(), o); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var rep report
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Runs) != 2 || rep.Runs[1].Variant != variantFloor || rep.Runs[1].DelaySeconds != 0 {
		t.Fatalf("runs %+v, want the plain one and its floor", rep.Runs)
	}
	r := rep.Runs[0]
	if r.Apply.FloorSeconds <= 0 || r.Apply.RatioToFloor <= 0 {
		t.Errorf("apply: floor %vs, wall/(ideal+floor) %v: the floor was not applied", r.Apply.FloorSeconds, r.Apply.RatioToFloor)
	}
	if r.Apply.Lag == nil || r.Apply.Lag.Objects != 1 || r.Apply.Lag.P95 < 0 {
		t.Errorf("apply poll lag %+v, want one order", r.Apply.Lag)
	}
	if b, err := os.ReadFile(svg); err != nil || !strings.Contains(string(b), "<svg") {
		t.Errorf("picture: %v %.100s", err, b)
	}
	if r.Apply.Requests["create"] != 1 {
		t.Errorf("apply sent %d creates, want 1", r.Apply.Requests["create"])
	}
	if got := r.Refresh.Requests["get"]; got != 1 {
		t.Errorf("refresh sent %d GETs for one order, want 1", got)
	}
	if r.Apply.WallSeconds < 0.3 || r.Apply.IdealSeconds != 0.3 {
		t.Errorf("apply took %vs against an ideal of %vs: the mock's delay was not applied", r.Apply.WallSeconds, r.Apply.IdealSeconds)
	}
	if r.Apply.ProviderPeakRSS <= 0 {
		t.Error("no provider RSS was measured")
	}
}
