//go:build cloudorder_bench

package provider

import (
	"fmt"
	"os"
	"runtime/pprof"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/waiter"
)

// Test-only switches of the benchmark build. They exist only in binaries
// built with -tags cloudorder_bench (make bench); release builds ignore them.
const (
	// BenchPollerEnv "baseline" switches waiters to the upstream-like poller.
	BenchPollerEnv = "CLOUDORDER_BENCH_POLLER"
	// BenchCPUProfileEnv names a file for a CPU profile of the provider's
	// first 15 seconds (the file name gets a dot and the process id), to
	// see where its time goes.
	BenchCPUProfileEnv = "CLOUDORDER_BENCH_CPUPROFILE"
)

// baselinePoll is the upstream Waldur provider's schedule: wait 10 s, then
// poll every 5 s, learning nothing, each wait reading its own object.
var baselinePoll = waiter.Options{Delay: 10 * time.Second, MinInterval: 5 * time.Second, MaxInterval: 5 * time.Second, Multiplier: 1, Jitter: -1, Solo: true}

// applyTestOnlyEnv selects the baseline poller when BenchPollerEnv is
// "baseline"; "tuned" or unset keeps the provider's own.
func applyTestOnlyEnv(s *settings) {
	if os.Getenv(BenchPollerEnv) == "baseline" {
		s.poll, s.pollSet, s.noLearning = baselinePoll, true, true
	}
	if path := os.Getenv(BenchCPUProfileEnv); path != "" {
		startCPUProfile(path, 15*time.Second)
	}
}

func startCPUProfile(path string, d time.Duration) {
	f, err := os.Create(fmt.Sprintf("%s.%d", path, os.Getpid())) //nolint:gosec // a path the benchmark operator chose
	if err != nil {
		return
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		_ = f.Close()
		return
	}
	time.AfterFunc(d, func() {
		pprof.StopCPUProfile()
		_ = f.Close()
	})
}
