package main

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
)

func TestLagStatsPercentiles(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var seen []mockcloud.FinalSeen
	for i := 1; i <= 20; i++ { // lags 10 ms, 20 ms, ... 200 ms
		seen = append(seen, mockcloud.FinalSeen{FinalAt: t0, FirstSeenAt: t0.Add(time.Duration(i) * 10 * time.Millisecond)})
	}
	got := newLagStats(seen)
	if *got != (lagStats{Objects: 20, P50: 0.1, P95: 0.19, Max: 0.2}) {
		t.Errorf("lag stats %+v", *got)
	}
	if newLagStats(nil) != nil {
		t.Error("no objects, yet lag stats")
	}
}

func TestNewPhaseQuota(t *testing.T) {
	got := mockReadings{kinds: map[string]int{"create": 200, "get": 300, "other": 10}, statuses: map[string]int{"201": 200, "200": 310, "429": 10}}
	p := newPhase(tfResult{wall: 60 * time.Second}, 20*time.Second, got, 200, mockcloud.Quota{RPS: 10, Burst: 20})
	if p.Throttled != 10 || p.Needed != 510 || p.ThrottledShare != 0.019 || p.QuotaRatio != 1.18 || p.Ratio != 3 || p.PerResource["get"] != 1.5 {
		t.Errorf("phase %+v", p)
	}
	if p := newPhase(tfResult{wall: time.Second}, 0, got, 200, mockcloud.Quota{}); p.Needed != 0 || p.QuotaRatio != 0 || p.Throttled != 10 {
		t.Errorf("without a quota: %+v", p)
	}
}

// sampleReport has Waldur with both pollers and floors, a latency run, a
// quota run and a failed one.
func sampleReport() report {
	apply := func(wall, ideal float64) phase {
		return phase{WallSeconds: wall, IdealSeconds: ideal, Ratio: wall / ideal}
	}
	q := &mockcloud.Quota{RPS: 10, Burst: 20}
	return report{
		Delay: "2s", Latency: "0s", Parallelism: 20, CPUs: 2, LoadAverage: []string{"1 1 1", "2 2 2"},
		Runs: []runResult{
			{Backend: "waldur", N: 50, Poller: pollerTuned, Variant: variantPlain, Apply: apply(7, 6), Destroy: phase{WallSeconds: 2}},
			{Backend: "waldur", N: 50, Poller: pollerBaseline, Variant: variantPlain, Apply: apply(31, 6)},
			{Backend: "waldur", N: 50, Poller: pollerTuned, Variant: variantFloor, Apply: phase{WallSeconds: 0.5}, Destroy: phase{WallSeconds: 1}},
			{Backend: "waldur", N: 200, Poller: pollerTuned, Variant: variantPlain, Apply: apply(21.5, 20)},
			{Backend: "waldur", N: 200, Poller: pollerTuned, Variant: variantFloor, Apply: phase{WallSeconds: 1}},
			{Backend: "waldur", N: 200, Poller: pollerTuned, Variant: variantLatency, LatencySeconds: 0.05, Apply: apply(23, 20)},
			{Backend: "waldur", N: 200, Poller: pollerTuned, Variant: variantFloor, LatencySeconds: 0.05, Apply: phase{WallSeconds: 2}},
			{Backend: "waldur", N: 200, Poller: pollerTuned, Variant: variantQuota, Quota: q,
				Apply: phase{WallSeconds: 55, Needed: 500, Throttled: 5, ThrottledShare: 0.01, QuotaRatio: 1.1}},
			{Backend: "waldur", N: 200, Poller: pollerTuned, Variant: variantQuotaLimit, Quota: q, MaxRequestsPerSecond: 10, Error: "boom"},
			{Backend: "awanio", N: 20, Poller: pollerTuned, Variant: variantPlain, Apply: apply(3, 2)},
		},
	}
}

func TestAddFloorRatios(t *testing.T) {
	r := sampleReport()
	r.addFloorRatios()
	for _, c := range []struct {
		run          int
		floor, ratio float64
	}{
		{0, 0.5, 1.08}, // 7 / (6 + 0.5)
		{1, 0.5, 4.77},
		{3, 1, 1.02}, // 21.5 / (20 + 1)
		{5, 2, 1.05}, // the latency run against the floor with latency
		{9, 0, 0},    // no floor run
	} {
		a := r.Runs[c.run].Apply
		if a.FloorSeconds != c.floor || a.RatioToFloor != c.ratio {
			t.Errorf("run %d: floor %v ratio %v, want %v %v", c.run, a.FloorSeconds, a.RatioToFloor, c.floor, c.ratio)
		}
	}
	if d := r.Runs[0].Destroy; d.FloorSeconds != 1 || d.RatioToFloor != 2 {
		t.Errorf("destroy without an ideal: %+v", d)
	}
}

func TestPrintTableShowsEveryScenario(t *testing.T) {
	r := sampleReport()
	r.addFloorRatios()
	var out bytes.Buffer
	r.printTable(&out)
	text := out.String()
	for _, want := range []string{
		"+floor", "lag s", "latency 50ms", "baseline", "FAILED", "wall/(needed/R)", "10/s", "1.10", "1.0%",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("table lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "floor  apply") {
		t.Errorf("floor runs have lines of their own:\n%s", text)
	}
}

func TestSVGIsWellFormed(t *testing.T) {
	r := sampleReport()
	b := r.svg()
	dec := xml.NewDecoder(bytes.NewReader(b))
	paths, panels := 0, 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("not XML: %v\n%s", err, b)
		}
		if el, ok := tok.(xml.StartElement); ok {
			switch el.Name.Local {
			case "path":
				paths++
			case "text":
				var s string
				if err := dec.DecodeElement(&s, &el); err == nil && (s == "waldur" || s == "awanio") {
					panels++
				}
			}
		}
	}
	// waldur: axes + tuned, baseline, latency, ideal, floor, ideal+floor;
	// awanio: axes + tuned, ideal.
	if panels != 2 || paths != 7+3 {
		t.Errorf("%d panels, %d paths:\n%s", panels, paths, b)
	}
}

func TestJobs(t *testing.T) {
	o, err := parseFlags([]string{"-waldur", "20,300", "-awanio", "", "-hostway", "", "-latency-scenario", "40", "-quota", "50", "-quota-variants", "none,limit"})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, j := range jobs(o) {
		names = append(names, j.name())
	}
	want := "waldur-20-tuned-plain waldur-20-baseline-plain waldur-20-tuned-floor waldur-300-tuned-plain waldur-300-tuned-floor " +
		"waldur-40-tuned-latency waldur-40-tuned-floor waldur-50-tuned-quota waldur-50-tuned-quota-limit"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("jobs\n%s\nwant\n%s", got, want)
	}
	js := jobs(o)
	if lat := js[6]; lat.mock.latency != 50*time.Millisecond || lat.mock.delay != 0 {
		t.Errorf("the latency floor: %+v", lat.mock)
	}
	if q := js[8]; q.limit != 10 || q.mock.quota != (mockcloud.Quota{RPS: 10, Burst: 20}) {
		t.Errorf("quota+limit job: %+v", q)
	}
	cfg := js[8].sc.config(map[string]string{}, js[8].limit)
	if !strings.Contains(cfg, "waldur {\n    max_requests_per_second = 10\n  }") {
		t.Errorf("config with a limit:\n%s", cfg)
	}
	if strings.Contains(js[7].sc.config(map[string]string{}, 0), "max_requests_per_second") {
		t.Error("a limit without one asked for")
	}
}

func TestScaleFlag(t *testing.T) {
	o, err := parseFlags([]string{"-scale", "-hostway", "5"})
	if err != nil {
		t.Fatal(err)
	}
	if len(o.waldurN) != 4 || o.waldurN[3] != 1000 || len(o.awanioN) != 2 || len(o.hostwayN) != 1 || o.hostwayN[0] != 5 ||
		len(o.quotaN) != 1 || len(o.latencyN) != 1 || len(o.quotaVariants) != 2 || o.svg != "bench/results/latest.svg" || !o.floor {
		t.Errorf("-scale: %+v", o)
	}
	if o, _ := parseFlags(nil); len(o.quotaN) != 0 || len(o.latencyN) != 0 || len(o.waldurN) != 3 || len(o.quotaVariants) != 1 {
		t.Errorf("default set: %+v", o)
	}
}
