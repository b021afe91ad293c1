// Command bench measures the provider at scale against mockcloud: for each
// backend and number of resources it runs terraform apply, plan (refresh)
// and destroy with the provider's own poller and with an upstream-like
// baseline poller, and reports wall time against the ideal, API requests
// per resource by kind, and the provider's peak RSS.
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
	"strconv"
	"strings"
	"syscall"
	"time"
)

type options struct {
	delay       time.Duration // provisioning delay D of the mock
	latency     time.Duration // per-request latency of the mock
	parallelism int           // terraform -parallelism (P)
	waldurN     []int
	awanioN     []int
	hostwayN    []int
	pollers     []string
	out         string
	keep        bool // keep the work directory, for debugging
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
	fs.StringVar(&o.out, "out", "bench/results/latest.json", "where to write the results as JSON")
	fs.BoolVar(&o.keep, "keep", false, "keep the work directory (configs, logs, state)")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	var err error
	if o.waldurN, err = parseInts(*waldur); err != nil {
		return o, fmt.Errorf("-waldur: %w", err)
	}
	if o.awanioN, err = parseInts(*awanio); err != nil {
		return o, fmt.Errorf("-awanio: %w", err)
	}
	if o.hostwayN, err = parseInts(*hostway); err != nil {
		return o, fmt.Errorf("-hostway: %w", err)
	}
	for _, p := range strings.Split(*pollers, ",") {
		if p != pollerTuned && p != pollerBaseline {
			return o, fmt.Errorf("-pollers: unknown poller %q, want tuned or baseline", p)
		}
		o.pollers = append(o.pollers, p)
	}
	if o.delay <= 0 || o.latency < 0 || o.parallelism < 1 {
		return o, errors.New("-delay must be positive, -latency not negative, -parallelism at least 1")
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
	if err == nil {
		err = run(ctx, o)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		stop()
		os.Exit(1)
	}
}
