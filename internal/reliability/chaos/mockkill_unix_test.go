//go:build unix

package chaos

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
	awaniomock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/awanio"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/cloud"
	hostwaymock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/hostway"
	waldurmock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/waldur"
)

// mockDelay is the process mock's -delay: how long orders execute and
// objects provision or are deleted (acctest's in-process mock uses the same
// order of magnitude).
const mockDelay = 150 * time.Millisecond

// runMockKill: the mock (the cloud) is killed with SIGKILL and restarted
// from its -state file on the same address, once in the middle of an apply
// and once in the middle of a destroy. Terraform and the provider keep
// running: they see connections reset and refused and must retry. The run,
// or the next apply as a user would run it, must converge, and after every
// run nothing is orphaned, duplicated or missing.
//
//   - apply: one create is held by the mock after the server acted and
//     saved the object (late_answer); the mock is killed once every object
//     is in its state file, so the held create's answer is lost with the
//     process and the restarted mock holds the object: the provider must
//     find it, not make another;
//   - destroy: every delete is held before the server acts (latency); the
//     mock is killed with them, so the restarted mock still holds the
//     objects and the provider must delete them again. (With one delete
//     held, the others' objects could finish deleting after a destroy
//     that failed while the mock was down: correct, but a state entry
//     without an object until the next refresh.)
//
// The windows are opened by the mock's own holds and observed in its
// request log and state file; no sleep decides when the kill lands.
func runMockKill(t *testing.T, kindName string) {
	t.Parallel()
	kind := lookup(kindName)
	r, m := newProcessRun(t, kind, defaultCount)
	r.label = "mock killed " + kind.Name
	create := kind.Create(r.env)

	// Kill in the middle of an apply. The provider waits for the held
	// answer until the kill (see runKill for why the timeout is raised).
	m.inject(at(create, mockcloud.Fault{LateAnswer: true, Latency: time.Hour}))
	p := r.startEnv([]string{"CLOUDORDER_CHAOS_REQUEST_TIMEOUT=1h"}, "apply", "-auto-approve", "-no-color", "-input=false")
	waitFor(t, p, "every object in the mock's state file while one create's answer is held", func() bool {
		return m.logged("late-answer") == 1 && len(active(r.live())) == r.n
	})
	m.killAndRestart(r.label)
	code, out := p.wait(t)
	stats.countApply(r.label)
	r.t.Logf("apply with the mock killed exited %d: %s", code, summaryLine(out))
	r.check("apply with the mock killed and restarted")
	if code != 0 || !r.planEmpty() {
		r.converge("converge after the mock restarted")
	}
	r.requireTracked("after the mock was killed during the apply")

	// Kill in the middle of a destroy, every delete held: none is half
	// done when the mock dies.
	m.inject(at(destroyRequest(create), mockcloud.Fault{Latency: time.Hour, Count: -1}))
	p = r.startEnv([]string{"CLOUDORDER_CHAOS_REQUEST_TIMEOUT=1h"}, "destroy", "-auto-approve", "-no-color", "-input=false")
	waitFor(t, p, "every delete held by the mock", func() bool { return m.logged("latency") == r.n })
	m.killAndRestart(r.label)
	code, out = p.wait(t)
	stats.countApply(r.label)
	r.t.Logf("destroy with the mock killed exited %d: %s", code, lastLines(out, 3))
	r.check("destroy with the mock killed and restarted")
	if code != 0 {
		r.destroy()
		return
	}
	if live := active(r.live()); len(live) != 0 {
		t.Fatalf("destroy succeeded but the mock still holds %v", live)
	}
	if left := r.state(); len(left) != 0 {
		t.Fatalf("destroy succeeded but the state still holds %v", left)
	}
}

// destroyRequest matches the request that deletes an object of the
// backend that serves create: Waldur terminates through a POST on the
// marketplace resource, Hostway closes a product with a PUT of its status,
// Awanio deletes.
func destroyRequest(create mockcloud.Fault) mockcloud.Fault {
	switch prefix := backendPrefix(create.PathPrefix); prefix {
	case awaniomock.AwanioPrefix + "/":
		return mockcloud.Fault{Method: http.MethodDelete, PathPrefix: prefix}
	case hostwaymock.HostwayPrefix + "/":
		return mockcloud.Fault{Method: http.MethodPut, PathPrefix: hostwaymock.HostwayPrefix + "/accounts/"}
	default:
		return mockcloud.Fault{Method: http.MethodPost, PathPrefix: "/api/marketplace-resources/"}
	}
}

// mockProcess is cmd/mockcloud running as its own process on a fixed
// address, saving every change to its state file before answering.
type mockProcess struct {
	t     *testing.T
	bin   string
	addr  string
	state string
	cmd   *exec.Cmd
	out   *lockedBuffer
	exit  chan struct{}
	// logs is the request log of the processes killed so far: a process
	// takes its own log with it.
	logs []mockcloud.LoggedRequest
}

// newProcessRun prepares the run's mock in process (the demo seed and what
// the kind's Config adds), saves it as the state file and starts
// cmd/mockcloud from that file. env.Mock is then a copy that r.live()
// reloads from the state file: the mock's committed state, which is what
// a restart finds.
func newProcessRun(t *testing.T, kind Kind, n int) (*run, *mockProcess) {
	t.Helper()
	acctest.SkipUnlessAcc(t)
	bin := buildMock(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	if err := ln.Close(); err != nil {
		t.Fatal(err)
	}
	// The copy has the process's delays, so that it reads the objects'
	// progress as the process does.
	model := cloud.New(
		waldurmock.WithWaldurDelays(waldurmock.WaldurDelays{Executing: mockDelay}),
		awaniomock.WithAwanioDelays(awaniomock.AwanioDelays{Provision: mockDelay, Delete: mockDelay}),
		hostwaymock.WithHostwayDelays(hostwaymock.HostwayDelays{Provisioning: mockDelay, Closing: mockDelay / 2}),
	)
	env := &acctest.Env{Mock: model, URL: "http://" + addr, Seed: cloud.SeedDemo(model)}
	r := newRunIn(t, kind, n, env)
	dir := t.TempDir()
	m := &mockProcess{t: t, bin: bin, addr: addr, state: filepath.Join(dir, "mock-state.json")}
	if err := model.SaveState(m.state); err != nil {
		t.Fatal(err)
	}
	copyPath := filepath.Join(dir, "copy.json")
	r.refresh = func() {
		// A copy: LoadState cleans temporary files beside its path, which
		// for the live file would be the running mock's.
		data, err := os.ReadFile(m.state)
		if err == nil {
			err = os.WriteFile(copyPath, data, 0o600)
		}
		if err == nil {
			err = model.LoadState(copyPath)
		}
		if err != nil {
			t.Fatalf("reading the mock's state file: %v", err)
		}
	}
	r.requestLog = func() []mockcloud.LoggedRequest { return m.logs }
	m.start()
	t.Cleanup(func() {
		defer m.stop() // also when collecting the log fails the test
		m.collectLog()
	})
	return r, m
}

// start runs the mock and waits until it listens.
func (m *mockProcess) start() {
	m.t.Helper()
	m.cmd = exec.Command(m.bin, "-listen", m.addr, "-state", m.state, "-seed", "none", "-delay", mockDelay.String()) // #nosec G204 -- test input
	stdout, err := m.cmd.StdoutPipe()
	if err != nil {
		m.t.Fatal(err)
	}
	m.out = &lockedBuffer{}
	m.cmd.Stderr = m.out
	if err := m.cmd.Start(); err != nil {
		m.t.Fatalf("starting the mock: %v", err)
	}
	m.exit = make(chan struct{})
	listening := make(chan bool, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		ok := sc.Scan() && strings.HasPrefix(sc.Text(), "mockcloud listening on ")
		listening <- ok
		_, _ = io.Copy(io.Discard, stdout)
		_ = m.cmd.Wait()
		close(m.exit)
	}()
	select {
	case ok := <-listening:
		if !ok {
			<-m.exit
			m.t.Fatalf("the mock did not start:\n%s", m.out.String())
		}
	case <-time.After(waitBudget):
		m.t.Fatalf("the mock did not listen within %v:\n%s", waitBudget, m.out.String())
	}
}

// killAndRestart kills the mock with SIGKILL and starts it again from its
// state file on the same address.
func (m *mockProcess) killAndRestart(label string) {
	m.t.Helper()
	m.collectLog()
	if err := m.cmd.Process.Kill(); err != nil {
		m.t.Fatalf("killing the mock: %v", err)
	}
	<-m.exit
	stats.countKill(label)
	m.start()
}

// stop ends the mock (SIGKILL: what it saved is all there is).
func (m *mockProcess) stop() {
	_ = m.cmd.Process.Kill()
	<-m.exit
}

// collectLog keeps the running process's request log.
func (m *mockProcess) collectLog() {
	m.t.Helper()
	var log []mockcloud.LoggedRequest
	m.admin(http.MethodGet, "/_mock/requests", nil, &log)
	m.logs = append(m.logs, log...)
}

// logged counts the running process's requests that the fault kind hit.
func (m *mockProcess) logged(fault string) int {
	m.t.Helper()
	var log []mockcloud.LoggedRequest
	m.admin(http.MethodGet, "/_mock/requests", nil, &log)
	n := 0
	for _, e := range log {
		if e.Fault == fault {
			n++
		}
	}
	return n
}

// inject queues f in the running process.
func (m *mockProcess) inject(f mockcloud.Fault) {
	m.t.Helper()
	m.admin(http.MethodPost, "/_mock/faults", f, nil)
}

// admin calls the mock's /_mock/ controls.
func (m *mockProcess) admin(method, path string, in, out any) {
	m.t.Helper()
	var body io.Reader
	if in != nil {
		raw, err := json.Marshal(in)
		if err != nil {
			m.t.Fatal(err)
		}
		body = bytes.NewReader(raw)
	}
	// Not the test's context: the cleanup collects the log after it ended.
	ctx, cancel := context.WithTimeout(context.Background(), waitBudget)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, "http://"+m.addr+path, body)
	if err != nil {
		m.t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		m.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode >= 300 {
		m.t.Fatalf("%s %s: %s: %s", method, path, resp.Status, raw)
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			m.t.Fatalf("%s %s: %v", method, path, err)
		}
	}
}
