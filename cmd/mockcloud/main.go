// Command mockcloud runs the provider's mock cloud as its own process, for
// `make demo` and for trying the provider without an account:
//
//	mockcloud -listen 127.0.0.1:8080 -state mock-state.json -env-file mock.env
//
// It prints how to reach it (and writes the same to -env-file, as KEY=VALUE
// lines, once it is listening) and serves until SIGINT or SIGTERM.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
	awaniomock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/awanio"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/cloud"
	hostwaymock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/hostway"
	waldurmock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/waldur"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout)
	stop()
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "mockcloud:", err)
		os.Exit(1)
	}
}

type options struct {
	listen      string
	seed        string
	statePath   string
	delay       time.Duration
	latency     time.Duration
	envFile     string
	allowRemote bool
	quota       mockcloud.Quota
}

func parseFlags(args []string) (options, error) {
	var o options
	fset := flag.NewFlagSet("mockcloud", flag.ContinueOnError)
	fset.StringVar(&o.listen, "listen", "127.0.0.1:8080", "address to listen on; 127.0.0.1:0 picks a free port")
	fset.StringVar(&o.seed, "seed", "demo", "initial data: demo or none")
	fset.StringVar(&o.statePath, "state", "", "JSON file to load at start (if it exists) and to save every change to")
	fset.DurationVar(&o.delay, "delay", 2*time.Second, "how long a Waldur order executes, a Hostway product provisions, and an Awanio VM, server or cluster takes to start or to be deleted")
	fset.DurationVar(&o.latency, "latency", 0, "extra time every API request takes before it is answered (not /_mock/), like a distant server")
	fset.StringVar(&o.envFile, "env-file", "", "once listening, write the endpoint and demo values here as KEY=VALUE lines")
	fset.Float64Var(&o.quota.RPS, "quota-rps", 0, "a test control: each caller (Authorization header, else Cookie) may send this many API requests per second, beyond which the mock answers 429 with Retry-After; 0 means no quota (the real APIs' quotas are not documented)")
	fset.IntVar(&o.quota.Burst, "quota-burst", 0, "the burst of -quota-rps (default: one second's worth, at least 1)")
	fset.BoolVar(&o.allowRemote, "allow-remote", false, "allow a non-loopback -listen address (the mock has no real security)")
	if err := fset.Parse(args); err != nil {
		return o, err
	}
	if fset.NArg() > 0 {
		return o, fmt.Errorf("unexpected arguments: %s", strings.Join(fset.Args(), " "))
	}
	if o.seed != "demo" && o.seed != "none" {
		return o, fmt.Errorf("-seed %q: want demo or none", o.seed)
	}
	if o.delay < 0 {
		return o, errors.New("-delay must not be negative")
	}
	if o.latency < 0 {
		return o, errors.New("-latency must not be negative")
	}
	if o.quota.RPS > 0 && o.quota.Burst == 0 {
		o.quota.Burst = max(1, int(o.quota.RPS))
	}
	if o.quota.RPS < 0 || o.quota.Burst < 0 {
		return o, errors.New("-quota-rps and -quota-burst must not be negative")
	}
	if !o.allowRemote {
		if err := checkLoopback(o.listen); err != nil {
			return o, err
		}
	}
	return o, nil
}

// checkLoopback refuses addresses reachable from other machines: anyone who
// reaches the mock can drive it through /_mock/.
func checkLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("-listen %q: %w", addr, err)
	}
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("-listen %q is not a loopback address; pass -allow-remote to listen there anyway", addr)
}

// run starts the mock, announces it on stdout (and in the env file) and
// serves until ctx ends, then shuts down gracefully and saves the state.
func run(ctx context.Context, args []string, stdout io.Writer) error {
	o, err := parseFlags(args)
	if err != nil {
		return err
	}
	if o.envFile != "" {
		// A stale file from an earlier run would tell scripts we are up.
		if err := os.Remove(o.envFile); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}

	errorLog := log.New(os.Stderr, "", log.LstdFlags)
	opts := []mockcloud.Option{
		waldurmock.WithWaldurDelays(waldurmock.WaldurDelays{Executing: o.delay}),
		awaniomock.WithAwanioDelays(awaniomock.AwanioDelays{Provision: o.delay, Delete: o.delay}),
		hostwaymock.WithHostwayDelays(hostwaymock.HostwayDelays{Provisioning: o.delay, Closing: o.delay / 2}),
		mockcloud.WithErrorLog(errorLog),
		mockcloud.WithLatency(o.latency),
		mockcloud.WithQuota(o.quota),
	}
	if o.statePath != "" {
		opts = append(opts, mockcloud.WithAutoSave(o.statePath))
	}
	mock := cloud.New(opts...)
	if o.statePath != "" {
		if err := mock.LoadState(o.statePath); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("load state: %w", err)
		}
	}
	var demo *cloud.DemoSeed
	if o.seed == "demo" {
		d := cloud.SeedDemo(mock)
		demo = &d
	}
	if o.statePath != "" {
		if err := mock.SaveState(o.statePath); err != nil {
			return fmt.Errorf("save state: %w", err)
		}
	}

	ln, err := net.Listen("tcp", o.listen)
	if err != nil {
		return err
	}
	endpoint := "http://" + reachableAddr(ln.Addr())
	env := envLines(endpoint, demo)
	fmt.Fprintf(stdout, "mockcloud listening on %s\n%s", endpoint, env)
	if o.envFile != "" {
		if err := mockcloud.RemoveStaleTempFiles(o.envFile); err != nil {
			_ = ln.Close()
			return fmt.Errorf("clean env file: %w", err)
		}
		if err := mockcloud.WriteFileAtomic(o.envFile, []byte(env), 0o600); err != nil {
			_ = ln.Close()
			return fmt.Errorf("write env file: %w", err)
		}
		defer os.Remove(o.envFile)
	}

	server := &http.Server{
		Handler:           mock.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          errorLog,
		ConnState:         mock.ConnState,
	}
	served := make(chan error, 1)
	go func() { served <- server.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}

	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := server.Shutdown(shutdownCtx); err != nil {
		_ = server.Close() // requests held by injected latency
	}
	if err := <-served; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	if o.statePath != "" {
		if err := mock.SaveState(o.statePath); err != nil {
			return fmt.Errorf("save state: %w", err)
		}
	}
	return nil
}

// reachableAddr turns a wildcard listen address into one a local client
// can dial.
func reachableAddr(addr net.Addr) string {
	tcp, ok := addr.(*net.TCPAddr)
	if !ok || !tcp.IP.IsUnspecified() {
		return addr.String()
	}
	return net.JoinHostPort("127.0.0.1", fmt.Sprint(tcp.Port))
}

// envLines is what scripts need, as KEY=VALUE lines (`set -a; . FILE`).
func envLines(endpoint string, demo *cloud.DemoSeed) string {
	var b strings.Builder
	fmt.Fprintf(&b, "CLOUDORDER_WALDUR_ENDPOINT=%s\n", endpoint)
	if demo != nil {
		fmt.Fprintf(&b, "CLOUDORDER_WALDUR_TOKEN=%s\n", demo.Token)
		fmt.Fprintf(&b, "WALDUR_PROJECT_UUID=%s\n", demo.ProjectUUID)
		fmt.Fprintf(&b, "WALDUR_OFFERING_UUID=%s\n", demo.OfferingUUID)
		fmt.Fprintf(&b, "WALDUR_PLAN_UUID=%s\n", demo.PlanUUID)
		fmt.Fprintf(&b, "WALDUR_SECOND_PLAN_UUID=%s\n", demo.SecondPlanUUID)
	}
	b.WriteString(awanioEnvLines(endpoint, demo))
	b.WriteString(hostwayEnvLines(endpoint, demo))
	return b.String()
}

// awanioEnvLines configure the provider's awanio block for the mock's
// Awanio API: it logs in with CLOUDORDER_AWANIO_USERNAME and _PASSWORD, and
// CLOUDORDER_AWANIO_ORGANIZATION_UUID and _PROJECT_UUID are the variables
// the provider reads for its default owner. The demo JWT is AWANIO_TOKEN,
// outside the provider's variables, because the provider refuses a token
// and a password at once.
func awanioEnvLines(endpoint string, demo *cloud.DemoSeed) string {
	var b strings.Builder
	fmt.Fprintf(&b, "CLOUDORDER_AWANIO_ENDPOINT=%s%s\n", endpoint, awaniomock.AwanioPrefix)
	if demo != nil {
		aw := demo.Awanio
		fmt.Fprintf(&b, "CLOUDORDER_AWANIO_USERNAME=%s\n", aw.Username)
		fmt.Fprintf(&b, "CLOUDORDER_AWANIO_PASSWORD=%s\n", aw.Password)
		fmt.Fprintf(&b, "AWANIO_TOKEN=%s\n", aw.Token)
		fmt.Fprintf(&b, "CLOUDORDER_AWANIO_ORGANIZATION_UUID=%s\n", aw.OrganizationUUID)
		fmt.Fprintf(&b, "CLOUDORDER_AWANIO_PROJECT_UUID=%s\n", aw.ProjectUUID)
	}
	return b.String()
}

// hostwayEnvLines configure the provider's hostway block for the mock's
// Hostway API, with the demo user, account and catalog codes.
func hostwayEnvLines(endpoint string, demo *cloud.DemoSeed) string {
	var b strings.Builder
	fmt.Fprintf(&b, "CLOUDORDER_HOSTWAY_ENDPOINT=%s%s\n", endpoint, hostwaymock.HostwayPrefix)
	if demo != nil {
		h := demo.Hostway
		fmt.Fprintf(&b, "CLOUDORDER_HOSTWAY_USERNAME=%s\n", h.Username)
		fmt.Fprintf(&b, "CLOUDORDER_HOSTWAY_PASSWORD=%s\n", h.Password)
		fmt.Fprintf(&b, "CLOUDORDER_HOSTWAY_ACCOUNT_NUMBER=%s\n", h.AccountNumber)
		fmt.Fprintf(&b, "HOSTWAY_OFFERING=%s/%s\n", h.ProductSpecification, h.Offering)
		fmt.Fprintf(&b, "HOSTWAY_SERVER_SPECIFICATION=%s\n", h.ServerSpecification)
	}
	return b.String()
}
