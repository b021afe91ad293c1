//go:build cloudorder_bench

package provider

import (
	"os"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/waiter"
)

// BenchPollerEnv switches the benchmark build's waiters to another poller.
// TEST ONLY: it exists only in binaries built with -tags cloudorder_bench
// (make bench); release builds ignore it.
const BenchPollerEnv = "CLOUDORDER_BENCH_POLLER"

// baselinePoll is the upstream Waldur provider's schedule: wait 10 s, then
// poll every 5 s, learning nothing.
var baselinePoll = waiter.Options{Delay: 10 * time.Second, MinInterval: 5 * time.Second, MaxInterval: 5 * time.Second, Multiplier: 1, Jitter: -1}

// applyTestOnlyEnv selects the baseline poller when BenchPollerEnv is
// "baseline"; "tuned" or unset keeps the provider's own.
func applyTestOnlyEnv(s *settings) {
	if os.Getenv(BenchPollerEnv) == "baseline" {
		s.poll, s.pollSet, s.noLearning = baselinePoll, true, true
	}
}
