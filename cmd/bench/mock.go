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
	"strings"
	"syscall"
	"time"
)

// mock is a running mockcloud process.
type mock struct {
	cmd     *exec.Cmd
	env     map[string]string // from its -env-file
	url     string
	exited  chan struct{} // closed once Wait returned, with waitErr
	waitErr error
}

func startMock(ctx context.Context, bin, dir string, delay, latency time.Duration) (*mock, error) {
	envFile := filepath.Join(dir, "mock.env")
	logFile, err := os.Create(filepath.Join(dir, "mockcloud.log"))
	if err != nil {
		return nil, err
	}
	defer logFile.Close()
	cmd := exec.CommandContext(ctx, bin, "-listen", "127.0.0.1:0", "-seed", "demo",
		"-delay", delay.String(), "-latency", latency.String(), "-env-file", envFile)
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

func (m *mock) kindCounters(ctx context.Context) (map[string]int, error) {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, m.url+"/_mock/counters?by=kind", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var kinds map[string]int
	if err := json.NewDecoder(resp.Body).Decode(&kinds); err != nil {
		return nil, fmt.Errorf("counters: %w", err)
	}
	return kinds, nil
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
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, m.url+"/_mock/connections", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	var out struct{ Opened int }
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return 0, fmt.Errorf("connections: %w", err)
	}
	return out.Opened, nil
}
