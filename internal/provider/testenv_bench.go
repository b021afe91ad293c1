//go:build cloudorder_bench

package provider

import (
	"fmt"
	"os"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"sync"
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
	// BenchHeapProfileEnv names a file for heap profiles of the provider
	// (the file name gets a dot and the process id): each time the heap
	// reaches a new high, at most every heapProfileEvery, the profile is
	// rewritten, so the file holds the one nearest the peak; the same name
	// with ".memstats" gets the runtime's memory figures at each write.
	BenchHeapProfileEnv = "CLOUDORDER_BENCH_HEAPPROFILE"
)

const (
	heapProfileEvery = time.Second
	// heapProfileRate samples one allocation per 16 KiB instead of 512 KiB,
	// so that a heap of tens of megabytes shows more than a few dozen sites.
	heapProfileRate = 16 << 10
)

var heapProfileOnce sync.Once

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
	if path := os.Getenv(BenchHeapProfileEnv); path != "" {
		heapProfileOnce.Do(func() {
			runtime.MemProfileRate = heapProfileRate
			go watchHeap(fmt.Sprintf("%s.%d", path, os.Getpid()))
		})
	}
}

// watchHeap samples the runtime's memory figures every 100 ms and rewrites
// the heap profile at path when the heap's total (live and not yet
// collected) passes its previous high.
func watchHeap(path string) {
	var high uint64
	var last time.Time
	var ms runtime.MemStats
	for range time.Tick(100 * time.Millisecond) {
		runtime.ReadMemStats(&ms)
		if ms.HeapAlloc <= high || time.Since(last) < heapProfileEvery {
			continue
		}
		high, last = ms.HeapAlloc, time.Now()
		writeHeapProfile(path, &ms)
	}
}

// writeHeapProfile collects garbage first, so that the profile's in-use
// figures and Live are the live heap, not the last cycle's mark (which
// counts what was allocated during it); this perturbs the run, so peak RSS
// from a profiling run is not the provider's.
func writeHeapProfile(path string, ms *runtime.MemStats) {
	runtime.GC()
	f, err := os.Create(path) //nolint:gosec // a path the benchmark operator chose
	if err != nil {
		return
	}
	_ = pprof.WriteHeapProfile(f)
	_ = f.Close()
	live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/gc/heap/goal:bytes"}}
	metrics.Read(live)
	line := fmt.Sprintf("%s Live=%d Goal=%d HeapAlloc=%d HeapInuse=%d HeapIdle=%d HeapReleased=%d HeapSys=%d Sys=%d NextGC=%d NumGC=%d StackInuse=%d Goroutines=%d\n",
		time.Now().UTC().Format(time.RFC3339Nano), live[0].Value.Uint64(), live[1].Value.Uint64(), ms.HeapAlloc, ms.HeapInuse, ms.HeapIdle, ms.HeapReleased, ms.HeapSys, ms.Sys, ms.NextGC, ms.NumGC, ms.StackInuse, runtime.NumGoroutine())
	if f, err := os.OpenFile(path+".memstats", os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600); err == nil { //nolint:gosec // as above
		_, _ = f.WriteString(line)
		_ = f.Close()
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
