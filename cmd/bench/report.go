package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
)

type report struct {
	Started     string `json:"started"`
	Delay       string `json:"delay"`
	Latency     string `json:"latency"`
	Parallelism int    `json:"parallelism"`
	RSSMethod   string `json:"rss_method"`
	// LoadAverage is /proc/loadavg at the start and at the end: on a shared
	// machine, terraform's own CPU work dominates the overhead.
	LoadAverage  []string    `json:"load_average"`
	CPUs         int         `json:"cpus"`
	TotalSeconds float64     `json:"total_seconds"`
	Runs         []runResult `json:"runs"`
}

type runResult struct {
	Backend  string `json:"backend"`
	Resource string `json:"resource"`
	N        int    `json:"n"`
	Poller   string `json:"poller"`
	// Variant: plain (D as given), floor (D = 0), latency, quota or
	// quota+limit; see jobs.
	Variant        string  `json:"variant"`
	DelaySeconds   float64 `json:"delay_seconds"`
	LatencySeconds float64 `json:"latency_seconds"`
	// Quota is the mock's quota per caller, if any; MaxRequestsPerSecond
	// the provider's limit in the backend block, if any.
	Quota                *mockcloud.Quota `json:"quota,omitempty"`
	MaxRequestsPerSecond float64          `json:"max_requests_per_second,omitempty"`
	// Error is why the run failed (its phases up to the failure are kept).
	Error   string `json:"error,omitempty"`
	Apply   phase  `json:"apply"`
	Refresh phase  `json:"refresh"`
	Destroy phase  `json:"destroy"`
}

type phase struct {
	WallSeconds  float64 `json:"wall_seconds"`
	IdealSeconds float64 `json:"ideal_seconds,omitempty"`
	Ratio        float64 `json:"ratio,omitempty"`
	// FloorSeconds is the same phase's wall time in the floor run (D = 0,
	// same N and latency), and RatioToFloor = wall / (ideal + floor).
	FloorSeconds float64 `json:"floor_seconds,omitempty"`
	RatioToFloor float64 `json:"ratio_to_ideal_plus_floor,omitempty"`
	// Requests are the API requests the mock counted, by kind (create:
	// POST to a collection; get: GET of one object, i.e. polls and reads;
	// other), and PerResource the same divided by N.
	Requests    map[string]int     `json:"requests"`
	PerResource map[string]float64 `json:"per_resource"`
	// Statuses are the answers by status code; Throttled the 429s and
	// ThrottledShare their share of all answers.
	Statuses       map[string]int `json:"statuses,omitempty"`
	Throttled      int            `json:"throttled,omitempty"`
	ThrottledShare float64        `json:"throttled_share,omitempty"`
	// Under a quota of R per second: Needed are the requests answered
	// other than 429, and QuotaRatio = wall / (Needed / R).
	Needed     int     `json:"needed,omitempty"`
	QuotaRatio float64 `json:"wall_to_needed_over_r,omitempty"`
	// Lag is the poll lag of the objects that became final during the
	// phase (the mock's /_mock/lag).
	Lag             *lagStats `json:"poll_lag,omitempty"`
	ProviderPeakRSS float64   `json:"provider_peak_rss_mb"`
	// Connections the provider opened to the mock (keep-alive check).
	Connections int `json:"connections"`
	// CPU seconds: the provider's (sampled from /proc), and terraform's
	// with the provider's (wait4 rusage), to tell where time goes on a
	// busy machine.
	ProviderCPUSeconds float64 `json:"provider_cpu_seconds"`
	TotalCPUSeconds    float64 `json:"terraform_and_provider_cpu_seconds"`
}

// lagStats summarise poll lag: from an object's final state (the mock's
// clock) to the first answer that showed it, in seconds.
type lagStats struct {
	Objects int     `json:"objects"`
	P50     float64 `json:"p50_seconds"`
	P95     float64 `json:"p95_seconds"`
	Max     float64 `json:"max_seconds"`
}

func newLagStats(seen []mockcloud.FinalSeen) *lagStats {
	if len(seen) == 0 {
		return nil
	}
	lags := make([]float64, len(seen))
	for i, f := range seen {
		lags[i] = f.Lag().Seconds()
	}
	sort.Float64s(lags)
	return &lagStats{
		Objects: len(lags),
		P50:     roundMS(percentile(lags, 50)),
		P95:     roundMS(percentile(lags, 95)),
		Max:     roundMS(lags[len(lags)-1]),
	}
}

// percentile of sorted values, nearest rank.
func percentile(sorted []float64, p float64) float64 {
	rank := int(math.Ceil(p / 100 * float64(len(sorted))))
	return sorted[min(max(rank, 1), len(sorted))-1]
}

func roundMS(f float64) float64 { return math.Round(f*1000) / 1000 }

func newPhase(r tfResult, ideal time.Duration, got mockReadings, n int, quota mockcloud.Quota) phase {
	p := phase{
		WallSeconds:     round(r.wall.Seconds()),
		Requests:        got.kinds,
		PerResource:     map[string]float64{},
		Statuses:        got.statuses,
		Lag:             newLagStats(got.lag),
		ProviderPeakRSS: round(float64(r.peakRSS) / (1 << 20)),
		Connections:     got.connections,

		ProviderCPUSeconds: round(r.providerCPU.Seconds()),
		TotalCPUSeconds:    round(r.totalCPU.Seconds()),
	}
	if ideal > 0 {
		p.IdealSeconds = round(ideal.Seconds())
		p.Ratio = round(r.wall.Seconds() / ideal.Seconds())
	}
	for k, v := range got.kinds {
		p.PerResource[k] = round(float64(v) / float64(n))
	}
	answered := 0
	for _, v := range got.statuses {
		answered += v
	}
	p.Throttled = got.statuses["429"]
	if answered > 0 {
		p.ThrottledShare = roundMS(float64(p.Throttled) / float64(answered))
	}
	if quota.RPS > 0 {
		p.Needed = answered - p.Throttled
		if p.Needed > 0 {
			p.QuotaRatio = round(r.wall.Seconds() / (float64(p.Needed) / quota.RPS))
		}
	}
	return p
}

// addFloorRatios fills in, for every run with a floor run of the same
// backend, N and latency, the floor's wall time per phase and
// wall / (ideal + floor).
func (r *report) addFloorRatios() {
	type key struct {
		backend string
		n       int
		latency float64
	}
	floors := map[key]runResult{}
	for _, run := range r.Runs {
		if run.Variant == variantFloor && run.Error == "" {
			floors[key{run.Backend, run.N, run.LatencySeconds}] = run
		}
	}
	for i := range r.Runs {
		run := &r.Runs[i]
		f, ok := floors[key{run.Backend, run.N, run.LatencySeconds}]
		if !ok || run.Variant == variantFloor || run.Error != "" {
			continue
		}
		for _, name := range phaseNames {
			ph, fl := run.phase(name), f.phase(name)
			ph.FloorSeconds = fl.WallSeconds
			if base := ph.IdealSeconds + fl.WallSeconds; base > 0 {
				ph.RatioToFloor = round(ph.WallSeconds / base)
			}
		}
	}
}

var phaseNames = []string{"apply", "refresh", "destroy"}

func round(f float64) float64 { return math.Round(f*100) / 100 }

// readReport reads a results file; runs from before variants existed are
// plain runs.
func readReport(path string) (report, error) {
	var r report
	b, err := os.ReadFile(path)
	if err != nil {
		return r, err
	}
	if err := json.Unmarshal(b, &r); err != nil {
		return r, fmt.Errorf("%s: %w", path, err)
	}
	for i := range r.Runs {
		if r.Runs[i].Variant == "" {
			r.Runs[i].Variant = variantPlain
		}
	}
	return r, nil
}

// replot prints the table of a results file and writes its picture.
func replot(path, svg string) error {
	r, err := readReport(path)
	if err != nil {
		return err
	}
	r.printTable(os.Stdout)
	if err := writeFile(svg, r.svg()); err != nil {
		return err
	}
	fmt.Printf("\nwrote %s\n", svg)
	return nil
}

func (r report) write(path string) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o600)
}

// printTable shows one line per run and phase (floor runs are the floor
// column of the others): wall time against the ideal and against ideal +
// floor, requests per resource (create/get/other), poll lag and the
// provider's peak RSS; then the quota scenario.
func (r report) printTable(w io.Writer) {
	fmt.Fprintf(w, "D=%s latency=%s P=%d, %d CPUs, load average %s\n"+
		"ratio = wall/ideal, +floor = wall/(ideal+floor); req/res = create/get/other per resource; lag = poll lag p50/p95; RSS = provider peak\n",
		r.Delay, r.Latency, r.Parallelism, r.CPUs, strings.Join(r.LoadAverage, " -> "))
	var main, quota []runResult
	for _, run := range r.sortedRuns() {
		switch run.Variant {
		case variantFloor:
		case variantQuota, variantQuotaLimit:
			quota = append(quota, run)
		default:
			main = append(main, run)
		}
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	if len(main) > 0 {
		fmt.Fprintln(tw, "backend\tN\tscenario\tpoller\tphase\tideal\tfloor\twall\tratio\t+floor\treq/res\tlag s\tRSS MB\t")
	}
	for _, run := range main {
		scenario := "-"
		if run.Variant == variantLatency {
			scenario = fmt.Sprintf("latency %s", seconds(run.LatencySeconds))
		}
		for _, name := range run.phasesRun() {
			ph := run.phase(name)
			fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\t%s\t%.1fs\t%s\t%s\t%s\t%s\t%.0f\t\n",
				run.Backend, run.N, scenario, run.Poller, run.phaseLabel(name), orDash(ph.IdealSeconds, "%.1fs"), orDash(ph.FloorSeconds, "%.1fs"),
				ph.WallSeconds, orDash(ph.Ratio, "%.2f"), orDash(ph.RatioToFloor, "%.2f"), perResource(*ph), lagCell(ph.Lag), ph.ProviderPeakRSS)
		}
	}
	_ = tw.Flush()
	if len(quota) == 0 {
		return
	}
	fmt.Fprintln(w, "\nquota: the mock allows R requests per second per caller (burst B); needed = requests answered other than 429")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "backend\tN\tR\tB\tprovider limit\tphase\twall\trequests\t429s\tshare\tneeded/R\twall/(needed/R)\tlag s\t")
	for _, run := range quota {
		limit := orDash(run.MaxRequestsPerSecond, "%g/s")
		for _, name := range run.phasesRun() {
			ph := run.phase(name)
			total := ph.Needed + ph.Throttled
			fmt.Fprintf(tw, "%s\t%d\t%g\t%d\t%s\t%s\t%.1fs\t%d\t%d\t%.1f%%\t%.1fs\t%s\t%s\t\n",
				run.Backend, run.N, run.Quota.RPS, run.Quota.Burst, limit, run.phaseLabel(name), ph.WallSeconds, total, ph.Throttled,
				100*ph.ThrottledShare, float64(ph.Needed)/run.Quota.RPS, orDash(ph.QuotaRatio, "%.2f"), lagCell(ph.Lag))
		}
	}
	_ = tw.Flush()
}

// sortedRuns orders runs by backend (as run), N, scenario and poller.
func (r report) sortedRuns() []runResult {
	out := slices.Clone(r.Runs)
	order := map[string]int{}
	for _, run := range r.Runs {
		if _, ok := order[run.Backend]; !ok {
			order[run.Backend] = len(order)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Backend != b.Backend {
			return order[a.Backend] < order[b.Backend]
		}
		if a.N != b.N {
			return a.N < b.N
		}
		if a.Variant != b.Variant {
			return variantRank[a.Variant] < variantRank[b.Variant]
		}
		return a.Poller > b.Poller // tuned before baseline
	})
	return out
}

var variantRank = map[string]int{variantPlain: 0, variantLatency: 1, variantQuota: 2, variantQuotaLimit: 3, variantFloor: 4}

func orDash(v float64, format string) string {
	if v == 0 {
		return "-"
	}
	return fmt.Sprintf(format, v)
}

func seconds(s float64) string {
	return time.Duration(s * float64(time.Second)).String()
}

func lagCell(l *lagStats) string {
	if l == nil {
		return "-"
	}
	return fmt.Sprintf("%.2f/%.2f", l.P50, l.P95)
}

// phasesRun are the phases that ran (a failed run stops at the failure).
func (r *runResult) phasesRun() []string {
	var out []string
	for _, name := range phaseNames {
		if r.Error == "" || r.phase(name).Requests != nil {
			out = append(out, name)
		}
	}
	if len(out) == 0 {
		out = []string{"apply"} // failed before apply: one FAILED line
	}
	return out
}

// phaseLabel is the phase's name, with FAILED on the last one of a
// failed run.
func (r *runResult) phaseLabel(name string) string {
	if run := r.phasesRun(); r.Error != "" && run[len(run)-1] == name {
		return name + " FAILED"
	}
	return name
}

func (r *runResult) phase(name string) *phase {
	switch name {
	case "apply":
		return &r.Apply
	case "refresh":
		return &r.Refresh
	}
	return &r.Destroy
}

func perResource(p phase) string {
	parts := make([]string, 0, 3)
	for _, k := range []string{mockcloud.KindCreate, mockcloud.KindGet, mockcloud.KindOther} {
		parts = append(parts, trimFloat(p.PerResource[k]))
	}
	return strings.Join(parts, "/")
}

func trimFloat(f float64) string {
	s := fmt.Sprintf("%.2f", f)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s
}

func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	return strings.Join(strings.Fields(string(b))[:3], " ")
}
