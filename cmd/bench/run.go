package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
)

const (
	pollerTuned    = "tuned"
	pollerBaseline = "baseline"
	// pollerEnv is read only by the provider built with -tags cloudorder_bench.
	pollerEnv = "CLOUDORDER_BENCH_POLLER"
)

// run builds the binaries, runs every job and writes the report and the
// picture. A job that fails is recorded with its error and the others
// still run; run then returns an error after writing what it measured.
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
	var failed []string
	for _, j := range jobs(o) {
		dir := filepath.Join(work, j.name())
		fmt.Printf("%-8s N=%-4d %-8s %-12s ", j.sc.backend, j.sc.n, j.poller, j.variant)
		res, err := runJob(ctx, o, j, bin, cliConfig, dir)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil {
			fmt.Println("FAILED")
			res.Error = err.Error()
			failed = append(failed, fmt.Sprintf("%s: %v", j.name(), err))
		} else {
			fmt.Printf("apply %6.1fs (ideal %5.1fs)  refresh %5.1fs  destroy %5.1fs\n",
				res.Apply.WallSeconds, res.Apply.IdealSeconds, res.Refresh.WallSeconds, res.Destroy.WallSeconds)
		}
		rep.Runs = append(rep.Runs, res)
	}
	rep.addFloorRatios()
	rep.TotalSeconds = round(time.Since(began).Seconds())
	rep.LoadAverage = append(rep.LoadAverage, loadAverage())
	if err := rep.write(o.out); err != nil {
		return err
	}
	if err := writeFile(o.svg, rep.svg()); err != nil {
		return err
	}
	fmt.Println()
	rep.printTable(os.Stdout)
	fmt.Printf("\nwrote %s and %s; total %.0fs\n", o.out, o.svg, rep.TotalSeconds)
	if len(failed) > 0 {
		return fmt.Errorf("%d runs failed:\n%s", len(failed), strings.Join(failed, "\n"))
	}
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

// runJob starts a fresh mock and runs apply, refresh and destroy.
func runJob(ctx context.Context, o options, j job, bin, cliConfig, dir string) (runResult, error) {
	res := j.result()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return res, err
	}
	m, err := startMock(ctx, filepath.Join(bin, "mockcloud"), dir, j.mock)
	if err != nil {
		return res, err
	}
	defer m.stop()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(j.sc.config(m.env, j.limit)), 0o600); err != nil {
		return res, err
	}
	tf := terraform{dir: dir, env: append(m.environ(), "TF_CLI_CONFIG_FILE="+cliConfig, "CHECKPOINT_DISABLE=1",
		"TF_IN_AUTOMATION=1", pollerEnv+"="+j.poller)}
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
		{"apply", &res.Apply, []string{"apply", "-input=false", "-no-color", par, "tfplan"}, j.sc.idealApply(o.parallelism, j.mock.delay)},
		{"refresh", &res.Refresh, []string{"plan", "-input=false", "-no-color", par, "-detailed-exitcode"}, 0},
		{"destroy", &res.Destroy, []string{"destroy", "-input=false", "-no-color", "-auto-approve", par}, j.sc.idealDestroy(o.parallelism, j.mock.delay)},
	}
	for _, st := range steps {
		if err := m.resetCounters(ctx); err != nil {
			return res, err
		}
		// A command that fails still has its readings recorded (how many
		// 429s made the apply fail), then the run ends.
		r, runErr := tf.run(ctx, st.name, st.args...)
		var got mockReadings
		if err := got.read(ctx, m); err != nil {
			return res, err
		}
		if o.keep {
			if err := m.saveRequestLog(ctx, filepath.Join(dir, st.name+"-requests.json")); err != nil {
				return res, err
			}
		}
		*st.into = newPhase(r, st.ideal, got, j.sc.n, j.mock.quota)
		if runErr != nil {
			return res, runErr
		}
	}
	return res, nil
}

// mockReadings are what the mock counted during one command.
type mockReadings struct {
	kinds, statuses map[string]int
	connections     int
	lag             []mockcloud.FinalSeen
}

func (g *mockReadings) read(ctx context.Context, m *mock) error {
	var err error
	if g.connections, err = m.connections(ctx); err != nil {
		return err
	}
	if g.kinds, err = m.kindCounters(ctx); err != nil {
		return err
	}
	if g.statuses, err = m.statusCounters(ctx); err != nil {
		return err
	}
	g.lag, err = m.pollLag(ctx)
	return err
}

func writeFile(path string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o600)
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
