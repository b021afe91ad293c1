package chaos

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
)

// summaryEnv names a file that receives the summary as well, so that a test
// script that runs `go test` without -v can show it.
const summaryEnv = "CLOUDORDER_CHAOS_SUMMARY"

func TestMain(m *testing.M) {
	code := m.Run()
	acctest.CLICleanup()
	removeMockBinary()
	if stats.empty() {
		os.Exit(code)
	}
	text := stats.String()
	fmt.Print(text)
	if path := os.Getenv(summaryEnv); path != "" {
		if err := appendFile(path, text); err != nil {
			fmt.Fprintf(os.Stderr, "writing the chaos summary to %s: %v\n", path, err)
		}
	}
	os.Exit(code)
}

func appendFile(path, text string) error {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600) // #nosec G304 -- path from the test environment
	if err != nil {
		return err
	}
	_, err = io.WriteString(f, text)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// kindStats are one kind's counters, all read from the mock and the state.
type kindStats struct {
	runs    int            // terraform apply/destroy runs
	kills   int            // SIGKILLs: of terraform and its provider, or of the mock
	checks  int            // comparisons of mock and state
	faults  map[string]int // injected faults by kind, from the mock's request log
	created int            // distinct objects that were ever live
	orphans int
	dupes   int
	missing int
	// cutOff are objects that a SIGKILL left outside the state after the
	// server acted on their create (their answer lost with the process;
	// under OpenTofu also finished creates not yet in the state file):
	// not counted as orphans, since the test requires the next apply to
	// adopt each one (adopted counts those it did); any other orphan,
	// duplicate or missing entry of the same check is counted as usual.
	cutOff, adopted int
	finished        bool
}

type suiteStats struct {
	mu    sync.Mutex
	kinds map[string]*kindStats
}

var stats = &suiteStats{kinds: map[string]*kindStats{}}

func (s *suiteStats) of(kind string) *kindStats {
	k := s.kinds[kind]
	if k == nil {
		k = &kindStats{faults: map[string]int{}}
		s.kinds[kind] = k
	}
	return k
}

func (s *suiteStats) countApply(kind string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.of(kind).runs++
}

// countKill counts a SIGKILL (of terraform and its provider, or of the
// mock process).
func (s *suiteStats) countKill(kind string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.of(kind).kills++
}

func (s *suiteStats) record(kind string, rep report) {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := s.of(kind)
	k.checks++
	k.orphans += len(rep.orphans)
	k.dupes += len(rep.duplicates)
	k.missing += len(rep.missing)
}

// recordCutOff records the check right after a kill that left cut
// objects outside the state on purpose (requireCutOff): those are counted
// as cut off, anything else as usual.
func (s *suiteStats) recordCutOff(kind string, rep report, cut int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := s.of(kind)
	k.checks++
	cut = min(len(rep.orphans), cut)
	k.cutOff += cut
	k.orphans += len(rep.orphans) - cut
	k.dupes += len(rep.duplicates)
	k.missing += len(rep.missing)
}

// countAdopted counts n cut-off objects that the next apply adopted.
func (s *suiteStats) countAdopted(kind string, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.of(kind).adopted += n
}

// finish adds the faults the mock injected during a test and the objects
// the test saw.
func (s *suiteStats) finish(kind string, log []mockcloud.LoggedRequest, created int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := s.of(kind)
	for _, e := range log {
		if e.Fault != "" {
			k.faults[e.Fault]++
		}
	}
	k.created += created
	k.finished = true
}

func (s *suiteStats) empty() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.kinds) == 0
}

func (s *suiteStats) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	names := make([]string, 0, len(s.kinds))
	for n := range s.kinds {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	total := kindStats{faults: map[string]int{}}
	b.WriteString("\n=== chaos summary ===\n")
	fmt.Fprintf(&b, "%-54s %5s %5s %6s %7s %8s %8s %10s %7s\n", "resource type (test)", "runs", "kills", "checks", "faults", "created", "orphans", "duplicates", "missing")
	for _, n := range names {
		k := s.kinds[n]
		faults := 0
		for f, c := range k.faults {
			faults += c
			total.faults[f] += c
		}
		fmt.Fprintf(&b, "%-54s %5d %5d %6d %7d %8d %8d %10d %7d\n", n, k.runs, k.kills, k.checks, faults, k.created, k.orphans, k.dupes, k.missing)
		total.runs += k.runs
		total.kills += k.kills
		total.checks += k.checks
		total.created += k.created
		total.orphans += k.orphans
		total.dupes += k.dupes
		total.missing += k.missing
		total.cutOff += k.cutOff
		total.adopted += k.adopted
	}
	faults := 0
	kindsOfFault := make([]string, 0, len(total.faults))
	for f, c := range total.faults {
		faults += c
		kindsOfFault = append(kindsOfFault, fmt.Sprintf("%s %d", f, c))
	}
	sort.Strings(kindsOfFault)
	fmt.Fprintf(&b, "%-54s %5d %5d %6d %7d %8d %8d %10d %7d\n", "total", total.runs, total.kills, total.checks, faults, total.created, total.orphans, total.dupes, total.missing)
	fmt.Fprintf(&b, "faults injected: %d (%s)\n", faults, strings.Join(kindsOfFault, ", "))
	fmt.Fprintf(&b, "kills (SIGKILL of terraform or of the mock): %d\n", total.kills)
	fmt.Fprintf(&b, "resources created: %d, orphans: %d, duplicates: %d, missing: %d\n", total.created, total.orphans, total.dupes, total.missing)
	fmt.Fprintf(&b, "objects a kill left outside the state after the server acted: %d, adopted by the next apply through the journal: %d\n", total.cutOff, total.adopted)
	return b.String()
}
