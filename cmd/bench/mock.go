package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
)

// mock is a running mockcloud process.
type mock struct {
	cmd     *exec.Cmd
	env     map[string]string // from its -env-file
	url     string
	exited  chan struct{} // closed once Wait returned, with waitErr
	waitErr error
}

// mockSettings are what a run sets on its mock.
type mockSettings struct {
	delay, latency time.Duration
	quota          mockcloud.Quota // RPS 0: none
}

func (s mockSettings) args() []string {
	args := []string{"-delay", s.delay.String(), "-latency", s.latency.String()}
	if s.quota.RPS > 0 {
		args = append(args, "-quota-rps", strconv.FormatFloat(s.quota.RPS, 'f', -1, 64), "-quota-burst", strconv.Itoa(s.quota.Burst))
	}
	return args
}

func startMock(ctx context.Context, bin, dir string, settings mockSettings) (*mock, error) {
	envFile := filepath.Join(dir, "mock.env")
	logFile, err := os.Create(filepath.Join(dir, "mockcloud.log"))
	if err != nil {
		return nil, err
	}
	defer logFile.Close()
	args := append([]string{"-listen", "127.0.0.1:0", "-seed", "demo", "-env-file", envFile}, settings.args()...)
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	m := &mock{cmd: cmd, exited: make(chan struct{})}
	go func() {
		m.waitErr = cmd.Wait()
		close(m.exited)
	}()
	deadline := time.Now().Add(30 * time.Second)
	for {
		if env, err := readEnvFile(envFile); err == nil && env["CLOUDORDER_WALDUR_ENDPOINT"] != "" {
			m.env, m.url = env, env["CLOUDORDER_WALDUR_ENDPOINT"]
			break
		}
		select {
		case <-m.exited:
			return nil, fmt.Errorf("mockcloud exited before it was ready (see %s): %w", logFile.Name(), m.waitErr)
		case <-ctx.Done():
			_ = cmd.Process.Kill()
			return nil, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			_ = cmd.Process.Kill()
			return nil, errors.New("mockcloud did not start within 30s")
		}
	}
	return m, nil
}

func readEnvFile(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	env := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), "="); ok {
			env[k] = v
		}
	}
	return env, sc.Err()
}

// environ is the provider's configuration for the mock, as variables.
func (m *mock) environ() []string {
	out := os.Environ()
	for k, v := range m.env {
		if strings.HasPrefix(k, "CLOUDORDER_") {
			out = append(out, k+"="+v)
		}
	}
	return out
}

func (m *mock) stop() {
	_ = m.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-m.exited:
	case <-time.After(10 * time.Second):
		_ = m.cmd.Process.Kill()
		<-m.exited
	}
}

func (m *mock) resetCounters(ctx context.Context) error {
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, m.url+"/_mock/reset-counters", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent {
		return fmt.Errorf("reset-counters: status %d", resp.StatusCode)
	}
	return nil
}

// getJSON decodes the answer to GET path of the mock's admin API into v.
func (m *mock) getJSON(ctx context.Context, path string, v any) error {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, m.url+path, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// kindCounters are the requests since the reset by kind (create, get, other).
func (m *mock) kindCounters(ctx context.Context) (map[string]int, error) {
	var kinds map[string]int
	err := m.getJSON(ctx, "/_mock/counters?by=kind", &kinds)
	return kinds, err
}

// statusCounters are the answers since the reset by status ("200", "429").
func (m *mock) statusCounters(ctx context.Context) (map[string]int, error) {
	var statuses map[string]int
	err := m.getJSON(ctx, "/_mock/counters?by=status", &statuses)
	return statuses, err
}

// pollLag is, per object that became final since the reset, when it did
// and when an answer first showed it so.
func (m *mock) pollLag(ctx context.Context) ([]mockcloud.FinalSeen, error) {
	var lag []mockcloud.FinalSeen
	err := m.getJSON(ctx, "/_mock/lag", &lag)
	return lag, err
}

// saveRequestLog writes the mock's request log (up to 10,000 requests) to
// path, for looking at the timing of polls.
func (m *mock) saveRequestLog(ctx context.Context, path string) error {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, m.url+"/_mock/requests", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(f, resp.Body)
	return err
}

// connections is how many TCP connections clients opened since the last
// reset: with keep-alive, about one per parallel request, not one per request.
func (m *mock) connections(ctx context.Context) (int, error) {
	var out struct{ Opened int }
	err := m.getJSON(ctx, "/_mock/connections", &out)
	return out.Opened, err
}
