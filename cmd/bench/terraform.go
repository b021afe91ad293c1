package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// rssMethod is how peak RSS is measured, for the report.
const rssMethod = "VmHWM from /proc/<pid>/status of every terraform-provider-cloudorder child of terraform, sampled every 20 ms; the highest value seen"

type terraform struct {
	dir string
	env []string
}

type tfResult struct {
	wall    time.Duration
	peakRSS int64 // bytes; 0 when no provider process was seen
	// providerCPU is the provider's user+system CPU time as last sampled;
	// totalCPU is terraform's and its children's (the provider's) from wait4.
	providerCPU, totalCPU time.Duration
}

// run runs one terraform command, timing it and watching its provider
// processes' memory. plan -detailed-exitcode must find no changes.
func (t terraform) run(ctx context.Context, name string, args ...string) (tfResult, error) {
	logPath := filepath.Join(t.dir, name+".log")
	logFile, err := os.Create(logPath)
	if err != nil {
		return tfResult{}, err
	}
	defer logFile.Close()
	cmd := exec.CommandContext(ctx, "terraform", args...)
	cmd.Dir, cmd.Env = t.dir, t.env
	cmd.Stdout, cmd.Stderr = logFile, logFile
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return tfResult{}, err
	}
	sampler := startRSSSampler(cmd.Process.Pid)
	err = cmd.Wait()
	r := tfResult{wall: time.Since(start)}
	r.peakRSS, r.providerCPU = sampler.stop()
	if ps := cmd.ProcessState; ps != nil {
		r.totalCPU = ps.UserTime() + ps.SystemTime()
	}
	if err != nil {
		return r, fmt.Errorf("terraform %s: %w\n%s", strings.Join(args, " "), err, tail(logPath, 30))
	}
	return r, nil
}

func tail(path string, lines int) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	all := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	return strings.Join(all[max(0, len(all)-lines):], "\n")
}

// rssSampler polls /proc for the children of one process that are the
// provider and keeps the highest VmHWM (peak resident set) seen. VmHWM is
// the kernel's own high-water mark, so sampling only has to catch the
// process alive, not at its peak.
type rssSampler struct {
	done chan struct{}
	wg   sync.WaitGroup
	mu   sync.Mutex
	peak int64
	cpu  map[string]time.Duration // per provider pid
}

func startRSSSampler(parent int) *rssSampler {
	s := &rssSampler{done: make(chan struct{}), cpu: map[string]time.Duration{}}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			s.sample(parent)
			select {
			case <-s.done:
				return
			case <-tick.C:
			}
		}
	}()
	return s
}

func (s *rssSampler) stop() (peak int64, cpu time.Duration) {
	close(s.done)
	s.wg.Wait()
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.cpu {
		cpu += c
	}
	return s.peak, cpu
}

func (s *rssSampler) sample(parent int) {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return
	}
	for _, e := range entries {
		if _, err := strconv.Atoi(e.Name()); err != nil {
			continue // not a process
		}
		status, err := os.ReadFile(filepath.Join("/proc", e.Name(), "status"))
		if err != nil || !isProviderChild(status, parent) {
			continue
		}
		hwm := statusKB(status, "VmHWM:") * 1024
		cpu, cpuOK := procCPU(e.Name())
		s.mu.Lock()
		s.peak = max(s.peak, hwm)
		if cpuOK {
			s.cpu[e.Name()] = cpu
		}
		s.mu.Unlock()
	}
}

func isProviderChild(status []byte, parent int) bool {
	name, ppid := "", -1
	for _, line := range bytes.Split(status, []byte("\n")) {
		if v, ok := bytes.CutPrefix(line, []byte("Name:")); ok {
			name = string(bytes.TrimSpace(v))
		}
		if v, ok := bytes.CutPrefix(line, []byte("PPid:")); ok {
			ppid, _ = strconv.Atoi(string(bytes.TrimSpace(v)))
		}
	}
	// Name is the command truncated to 15 characters.
	return ppid == parent && strings.HasPrefix("terraform-provider-cloudorder", name) && len(name) >= 10
}

func statusKB(status []byte, key string) int64 {
	for _, line := range bytes.Split(status, []byte("\n")) {
		if v, ok := bytes.CutPrefix(line, []byte(key)); ok {
			f := strings.Fields(string(v))
			if len(f) > 0 {
				n, _ := strconv.ParseInt(f[0], 10, 64)
				return n
			}
		}
	}
	return 0
}

// clockTicks is USER_HZ, 100 on every Linux the harness runs on.
const clockTicks = 100

// procCPU reads utime+stime of a process from /proc/<pid>/stat.
func procCPU(pid string) (time.Duration, bool) {
	b, err := os.ReadFile(filepath.Join("/proc", pid, "stat"))
	if err != nil {
		return 0, false
	}
	// Fields after the command name, which is in parentheses and may hold spaces.
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0, false
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		return 0, false
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return time.Duration(utime+stime) * time.Second / clockTicks, true
}
