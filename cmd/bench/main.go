// Command bench measures the provider at scale against mockcloud: for each
// backend and number of resources it runs terraform apply, plan (refresh)
// and destroy with the provider's own poller and with an upstream-like
// baseline poller, and reports wall time against the ideal and against
// ideal + floor (the same run with D = 0), API requests per resource by
// kind, poll lag, and the provider's peak RSS; and the quota and latency
// scenarios. It writes the results as JSON and a picture as SVG.
//
//	go run ./cmd/bench -out bench/results/latest.json
//
// `make bench` runs it; bench/README.md explains the method, and
// bench/results holds the results.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
)

type options struct {
	delay       time.Duration // provisioning delay D of the mock
	latency     time.Duration // per-request latency of the mock
	parallelism int           // terraform -parallelism (P)
	waldurN     []int
	awanioN     []int
	hostwayN    []int
	pollers     []string
	// baselineMaxN: the baseline poller runs only up to this N (it takes
	// ceil(N/P) × 10 s and more).
	baselineMaxN int
	// floor runs each scenario once more with D = 0 (tuned poller): the
	// time terraform and the provider need when the cloud answers at once.
	floor bool
	// The latency scenario: Waldur orders with scenarioLatency per request.
	latencyN        []int
	scenarioLatency time.Duration
	// The quota scenario: Waldur orders against a mock with a quota of
	// quota per caller, without a provider limit ("none") and with
	// max_requests_per_second = quota.RPS in the waldur block ("limit").
	quotaN        []int
	quota         mockcloud.Quota
	quotaVariants []string
	out           string
	svg           string
	replot        string // a results file to print and draw again, without running
	keep          bool   // keep the work directory, for debugging
}

// scaleDefaults are what -scale (make bench-scale) runs, for the flags not
// given: the long runs on top of make bench's set.
var scaleDefaults = map[string]string{
	"waldur":  "1,50,200,1000",
	"awanio":  "20,200",
	"hostway": "20,200",
	"latency": "200",
	"quota":   "200",
	// Both quota variants: the limit one needs the provider's
	// max_requests_per_second (issue 15 item 1).
	"quota-variants": quotaNoLimit + "," + quotaLimit,
}

func parseFlags(args []string) (options, error) {
	o := options{}
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.DurationVar(&o.delay, "delay", 2*time.Second, "provisioning delay D of the mock (Waldur order, Awanio VM, Hostway VPS)")
	fs.DurationVar(&o.latency, "latency", 0, "extra latency of every API request to the mock")
	fs.IntVar(&o.parallelism, "parallelism", 20, "terraform -parallelism")
	waldur := fs.String("waldur", "1,50,200", "numbers of cloudorder_waldur_order resources, comma-separated; empty skips")
	awanio := fs.String("awanio", "20", "numbers of cloudorder_awanio_virtual_machine resources")
	hostway := fs.String("hostway", "20", "numbers of cloudorder_hostway_vps resources")
	pollers := fs.String("pollers", "tuned,baseline", "pollers to compare: tuned (the provider's) and baseline (fixed 10s delay, 5s interval)")
	fs.IntVar(&o.baselineMaxN, "baseline-max-n", 200, "run the baseline poller only up to this N")
	noFloor := fs.Bool("no-floor", false, "skip the floor runs (D = 0)")
	latencyN := fs.String("latency-scenario", "", "numbers of Waldur orders for the latency scenario (tuned poller, -scenario-latency per request, with its own floor)")
	fs.DurationVar(&o.scenarioLatency, "scenario-latency", 50*time.Millisecond, "per-request latency of the latency scenario")
	quotaN := fs.String("quota", "", "numbers of Waldur orders for the quota scenario (tuned poller, the mock's quota per caller)")
	fs.Float64Var(&o.quota.RPS, "quota-rps", 10, "the quota scenario's requests per second per caller (R)")
	fs.IntVar(&o.quota.Burst, "quota-burst", 20, "the quota scenario's burst (B)")
	variants := fs.String("quota-variants", quotaNoLimit, "quota scenario variants: none (no provider limit) and limit (max_requests_per_second = R in the waldur block; needs a provider that has the attribute)")
	scale := fs.Bool("scale", false, "the long runs too (make bench-scale): -waldur "+scaleDefaults["waldur"]+" -awanio "+scaleDefaults["awanio"]+
		" -hostway "+scaleDefaults["hostway"]+" -latency-scenario "+scaleDefaults["latency"]+" -quota "+scaleDefaults["quota"]+
		" -quota-variants "+scaleDefaults["quota-variants"]+", for those not given")
	fs.StringVar(&o.out, "out", "bench/results/latest.json", "where to write the results as JSON")
	fs.StringVar(&o.svg, "svg", "", "where to write the picture (apply time against N); default: -out with .svg")
	fs.StringVar(&o.replot, "replot", "", "read this results JSON, print its table and write its picture (-svg, default: beside it) without running anything")
	fs.BoolVar(&o.keep, "keep", false, "keep the work directory (configs, logs, state)")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if *scale {
		given := map[string]bool{}
		fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
		for name, v := range map[string]*string{"waldur": waldur, "awanio": awanio, "hostway": hostway, "latency": latencyN, "quota": quotaN, "quota-variants": variants} {
			flagName := name
			if name == "latency" {
				flagName = "latency-scenario"
			}
			if !given[flagName] {
				*v = scaleDefaults[name]
			}
		}
	}
	o.floor = !*noFloor
	if o.svg == "" {
		from := o.out
		if o.replot != "" {
			from = o.replot
		}
		o.svg = strings.TrimSuffix(from, filepath.Ext(from)) + ".svg"
	}
	var err error
	for _, l := range []struct {
		name string
		in   string
		into *[]int
	}{
		{"-waldur", *waldur, &o.waldurN}, {"-awanio", *awanio, &o.awanioN}, {"-hostway", *hostway, &o.hostwayN},
		{"-latency-scenario", *latencyN, &o.latencyN}, {"-quota", *quotaN, &o.quotaN},
	} {
		if *l.into, err = parseInts(l.in); err != nil {
			return o, fmt.Errorf("%s: %w", l.name, err)
		}
	}
	for _, p := range strings.Split(*pollers, ",") {
		if p != pollerTuned && p != pollerBaseline {
			return o, fmt.Errorf("-pollers: unknown poller %q, want tuned or baseline", p)
		}
		o.pollers = append(o.pollers, p)
	}
	for _, v := range strings.Split(*variants, ",") {
		if v != quotaNoLimit && v != quotaLimit {
			return o, fmt.Errorf("-quota-variants: unknown variant %q, want none or limit", v)
		}
		o.quotaVariants = append(o.quotaVariants, v)
	}
	if o.delay <= 0 || o.latency < 0 || o.parallelism < 1 || o.scenarioLatency < 0 {
		return o, errors.New("-delay must be positive, -latency and -scenario-latency not negative, -parallelism at least 1")
	}
	if o.quota.RPS <= 0 || o.quota.Burst < 1 {
		return o, errors.New("-quota-rps must be positive and -quota-burst at least 1")
	}
	return o, nil
}

func parseInts(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		n, err := strconv.Atoi(f)
		if err != nil || n < 1 {
			return nil, fmt.Errorf("%q is not a positive whole number", f)
		}
		out = append(out, n)
	}
	return out, nil
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	o, err := parseFlags(os.Args[1:])
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	switch {
	case err == nil && o.replot != "":
		err = replot(o.replot, o.svg)
	case err == nil:
		err = run(ctx, o)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		stop()
		os.Exit(1)
	}
}
