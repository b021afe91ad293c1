package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
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
	Apply    phase  `json:"apply"`
	Refresh  phase  `json:"refresh"`
	Destroy  phase  `json:"destroy"`
}

type phase struct {
	WallSeconds  float64 `json:"wall_seconds"`
	IdealSeconds float64 `json:"ideal_seconds,omitempty"`
	Ratio        float64 `json:"ratio,omitempty"`
	// Requests are the API requests the mock counted, by kind (create:
	// POST to a collection; get: GET of one object, i.e. polls and reads;
	// other), and PerResource the same divided by N.
	Requests        map[string]int     `json:"requests"`
	PerResource     map[string]float64 `json:"per_resource"`
	ProviderPeakRSS float64            `json:"provider_peak_rss_mb"`
	// Connections the provider opened to the mock (keep-alive check).
	Connections int `json:"connections"`
	// CPU seconds: the provider's (sampled from /proc), and terraform's
	// with the provider's (wait4 rusage), to tell where time goes on a
	// busy machine.
	ProviderCPUSeconds float64 `json:"provider_cpu_seconds"`
	TotalCPUSeconds    float64 `json:"terraform_and_provider_cpu_seconds"`
}

func newPhase(r tfResult, ideal time.Duration, kinds map[string]int, n int) phase {
	p := phase{
		WallSeconds:     round(r.wall.Seconds()),
		Requests:        kinds,
		PerResource:     map[string]float64{},
		ProviderPeakRSS: round(float64(r.peakRSS) / (1 << 20)),

		ProviderCPUSeconds: round(r.providerCPU.Seconds()),
		TotalCPUSeconds:    round(r.totalCPU.Seconds()),
	}
	if ideal > 0 {
		p.IdealSeconds = round(ideal.Seconds())
		p.Ratio = round(r.wall.Seconds() / ideal.Seconds())
	}
	for k, v := range kinds {
		p.PerResource[k] = round(float64(v) / float64(n))
	}
	return p
}

func round(f float64) float64 { return math.Round(f*100) / 100 }

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

// printTable shows the pollers side by side: one line per backend, N and
// phase, with wall time, ratio to the ideal, requests per resource
// (create/get/other) and provider peak RSS for each poller.
func (r report) printTable(w io.Writer) {
	fmt.Fprintf(w, "D=%s latency=%s P=%d, %d CPUs, load average %s; req/res = create/get/other per resource; RSS = provider peak\n",
		r.Delay, r.Latency, r.Parallelism, r.CPUs, strings.Join(r.LoadAverage, " -> "))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	var pollers []string
	byKey := map[string]map[string]runResult{}
	var keys []string
	for _, run := range r.Runs {
		key := fmt.Sprintf("%s\t%d", run.Backend, run.N)
		if byKey[key] == nil {
			byKey[key] = map[string]runResult{}
			keys = append(keys, key)
		}
		byKey[key][run.Poller] = run
		if !contains(pollers, run.Poller) {
			pollers = append(pollers, run.Poller)
		}
	}
	head := "backend\tN\tphase\tideal"
	for _, p := range pollers {
		head += fmt.Sprintf("\t%s wall\tratio\treq/res\tRSS MB", p)
	}
	fmt.Fprintln(tw, head+"\t")
	for _, key := range keys {
		for _, name := range []string{"apply", "refresh", "destroy"} {
			line := key + "\t" + name
			ideal := ""
			cells := ""
			for _, p := range pollers {
				run, ok := byKey[key][p]
				if !ok {
					cells += "\t-\t-\t-\t-"
					continue
				}
				ph := run.phase(name)
				if ph.IdealSeconds > 0 {
					ideal = fmt.Sprintf("%.1fs", ph.IdealSeconds)
				}
				ratio := "-"
				if ph.Ratio > 0 {
					ratio = fmt.Sprintf("%.2f", ph.Ratio)
				}
				cells += fmt.Sprintf("\t%.1fs\t%s\t%s\t%.0f", ph.WallSeconds, ratio, perResource(ph), ph.ProviderPeakRSS)
			}
			if ideal == "" {
				ideal = "-"
			}
			fmt.Fprintln(tw, line+"\t"+ideal+cells+"\t")
		}
	}
	_ = tw.Flush()
}

func (r runResult) phase(name string) phase {
	switch name {
	case "apply":
		return r.Apply
	case "refresh":
		return r.Refresh
	}
	return r.Destroy
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

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	return strings.Join(strings.Fields(string(b))[:3], " ")
}
