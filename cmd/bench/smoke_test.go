package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestSmoke runs the whole harness once, small: one Waldur order, a short
// provisioning delay, the tuned poller only. It builds the provider and
// runs terraform four times (about 30 s on a busy 2-CPU machine), so it
// runs only when asked: CLOUDORDER_BENCH_SMOKE=1 go test ./cmd/bench.
func TestSmoke(t *testing.T) {
	if os.Getenv("CLOUDORDER_BENCH_SMOKE") == "" {
		t.Skip("set CLOUDORDER_BENCH_SMOKE=1 to run the bench harness once (builds the provider, runs terraform)")
	}
	if _, err := exec.LookPath("terraform"); err != nil {
		t.Fatal("terraform is not on PATH")
	}
	out := filepath.Join(t.TempDir(), "latest.json")
	o := options{
		delay: 300 * time.Millisecond, parallelism: 20, waldurN: []int{1},
		pollers: []string{pollerTuned}, out: out,
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
	if len(rep.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(rep.Runs))
	}
	r := rep.Runs[0]
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
