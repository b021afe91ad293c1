package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"time"
)

const (
	pollerTuned    = "tuned"
	pollerBaseline = "baseline"
	// pollerEnv is read only by the provider built with -tags cloudorder_bench.
	pollerEnv = "CLOUDORDER_BENCH_POLLER"
)

// run builds the binaries, runs every scenario with every poller and
// writes the report.
func run(ctx context.Context, o options) error {
	began := time.Now()
	work, err := os.MkdirTemp("", "cloudorder-bench-")
	if err != nil {
		return err
	}
	if o.keep {
		fmt.Println("work directory:", work)
	} else {
		defer os.RemoveAll(work)
	}
	bin := filepath.Join(work, "bin")
	fmt.Println("building the provider (-tags cloudorder_bench) and mockcloud")
	if err := build(ctx, bin); err != nil {
		return err
	}
	cliConfig, err := writeCLIConfig(work, bin)
	if err != nil {
		return err
	}

	rep := report{
		Started:     began.UTC().Format(time.RFC3339),
		Delay:       o.delay.String(),
		Latency:     o.latency.String(),
		Parallelism: o.parallelism,
		RSSMethod:   rssMethod,
		LoadAverage: []string{loadAverage()},
		CPUs:        runtime.NumCPU(),
	}
	for _, sc := range scenarios(o) {
		for _, poller := range o.pollers {
			dir := filepath.Join(work, fmt.Sprintf("%s-%d-%s", sc.backend, sc.n, poller))
			fmt.Printf("%-8s N=%-4d %-8s ", sc.backend, sc.n, poller)
			res, err := runScenario(ctx, o, sc, poller, bin, cliConfig, dir)
			if err != nil {
				fmt.Println("FAILED")
				return fmt.Errorf("%s N=%d (%s poller): %w", sc.backend, sc.n, poller, err)
			}
			fmt.Printf("apply %6.1fs (ideal %5.1fs)  refresh %5.1fs  destroy %5.1fs\n",
				res.Apply.WallSeconds, res.Apply.IdealSeconds, res.Refresh.WallSeconds, res.Destroy.WallSeconds)
			rep.Runs = append(rep.Runs, res)
		}
	}
	rep.TotalSeconds = round(time.Since(began).Seconds())
	rep.LoadAverage = append(rep.LoadAverage, loadAverage())
	if err := rep.write(o.out); err != nil {
		return err
	}
	fmt.Println()
	rep.printTable(os.Stdout)
	fmt.Printf("\nwrote %s; total %.0fs\n", o.out, rep.TotalSeconds)
	return nil
}

func build(ctx context.Context, bin string) error {
	root, err := repoRoot()
	if err != nil {
		return err
	}
	for _, args := range [][]string{
		{"build", "-tags", "cloudorder_bench", "-o", filepath.Join(bin, "terraform-provider-cloudorder"), "."},
		{"build", "-o", filepath.Join(bin, "mockcloud"), "./cmd/mockcloud"},
	} {
		cmd := exec.CommandContext(ctx, "go", args...)
		cmd.Dir, cmd.Stdout, cmd.Stderr = root, os.Stdout, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("go %v: %w", args, err)
		}
	}
	return nil
}

// writeCLIConfig points terraform at the provider just built, with no
// terraform init (which would try to reach the registry).
func writeCLIConfig(work, bin string) (string, error) {
	path := filepath.Join(work, "terraformrc")
	cfg := fmt.Sprintf(`provider_installation {
  dev_overrides {
    "registry.terraform.io/cloudorder/cloudorder" = %q
  }
  direct {}
}
`, bin)
	return path, os.WriteFile(path, []byte(cfg), 0o600)
}

// runScenario starts a fresh mock and runs apply, refresh and destroy.
func runScenario(ctx context.Context, o options, sc scenario, poller, bin, cliConfig, dir string) (runResult, error) {
	res := runResult{Backend: sc.backend, Resource: sc.resource, N: sc.n, Poller: poller}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return res, err
	}
	m, err := startMock(ctx, filepath.Join(bin, "mockcloud"), dir, o.delay, o.latency)
	if err != nil {
		return res, err
	}
	defer m.stop()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(sc.config(m.env)), 0o600); err != nil {
		return res, err
	}
	tf := terraform{dir: dir, env: append(m.environ(), "TF_CLI_CONFIG_FILE="+cliConfig, "CHECKPOINT_DISABLE=1",
		"TF_IN_AUTOMATION=1", pollerEnv+"="+poller)}
	par := fmt.Sprintf("-parallelism=%d", o.parallelism)

	// The plan before apply is not timed: the apply of the saved plan is
	// where the provider creates and waits.
	if _, err := tf.run(ctx, "plan", "plan", "-input=false", "-no-color", par, "-out=tfplan"); err != nil {
		return res, err
	}
	steps := []struct {
		name  string
		into  *phase
		args  []string
		ideal time.Duration
	}{
		{"apply", &res.Apply, []string{"apply", "-input=false", "-no-color", par, "tfplan"}, sc.idealApply(o)},
		{"refresh", &res.Refresh, []string{"plan", "-input=false", "-no-color", par, "-detailed-exitcode"}, 0},
		{"destroy", &res.Destroy, []string{"destroy", "-input=false", "-no-color", "-auto-approve", par}, sc.idealDestroy(o)},
	}
	for _, st := range steps {
		if err := m.resetCounters(ctx); err != nil {
			return res, err
		}
		r, err := tf.run(ctx, st.name, st.args...)
		if err != nil {
			return res, err
		}
		conns, err := m.connections(ctx)
		if err != nil {
			return res, err
		}
		kinds, err := m.kindCounters(ctx)
		if err != nil {
			return res, err
		}
		if o.keep {
			if err := m.saveRequestLog(ctx, filepath.Join(dir, st.name+"-requests.json")); err != nil {
				return res, err
			}
		}
		*st.into = newPhase(r, st.ideal, kinds, sc.n)
		st.into.Connections = conns
	}
	return res, nil
}

// repoRoot is the directory of go.mod above the working directory, so the
// harness runs from the repository root (make bench) or from cmd/bench/ (go test).
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("go.mod not found above the working directory")
		}
		dir = parent
	}
}
