package mockcloud_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
	awaniomock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/awanio"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/cloud"
)

// TestSaveStateDuringConcurrentWrites saves the state again and again
// while clients change all three stores and a reader keeps opening the
// file: every read must be a whole, loadable state file, never a prefix.
func TestSaveStateDuringConcurrentWrites(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t)
	path := filepath.Join(t.TempDir(), "state.json")
	if err := e.srv.SaveState(path); err != nil {
		t.Fatal(err)
	}

	stop := make(chan struct{})
	var writers, background sync.WaitGroup
	for g := range 4 {
		writers.Add(1)
		go func() {
			defer writers.Done()
			for i := range 10 {
				name := fmt.Sprintf("atomic-%d-%d", g, i)
				if r, err := e.Try("POST", "/api/marketplace-orders/", e.OrderBody(e.demo.OfferingUUID, e.demo.PlanUUID, name)); err != nil || r.Status != 201 {
					t.Errorf("create %s: %v %d", name, err, r.Status)
				}
				e.srv.Awanio().AddOrganization(awaniomock.AwanioOrganizationSpec{Name: name, OwnerUUID: e.demo.Awanio.UserUUID})
			}
		}()
	}
	var saves, reads atomic.Int64
	background.Add(2)
	go func() {
		defer background.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			if err := e.srv.SaveState(path); err != nil {
				t.Errorf("SaveState: %v", err)
				return
			}
			saves.Add(1)
		}
	}()
	go func() {
		defer background.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Errorf("read while saving: %v", err)
				return
			}
			var st mockcloud.StateHeader
			if err := json.Unmarshal(data, &st); err != nil || st.Format != mockcloud.StateFormat {
				t.Errorf("a reader saw a partial state file (%d bytes): %v", len(data), err)
				return
			}
			reads.Add(1)
		}
	}()
	writers.Wait()
	// Let both loops go round at least once more after the last change.
	for n := saves.Load() + 2; saves.Load() < n; {
		time.Sleep(time.Millisecond)
	}
	for n := reads.Load() + 2; reads.Load() < n; {
		time.Sleep(time.Millisecond)
	}
	close(stop)
	background.Wait()
	t.Logf("%d saves, %d reads, all whole", saves.Load(), reads.Load())

	if err := e.srv.SaveState(path); err != nil {
		t.Fatal(err)
	}
	loaded := cloud.New()
	if err := loaded.LoadState(path); err != nil {
		t.Fatal(err)
	}
	if got, want := len(loaded.Waldur().Orders()), len(e.srv.Waldur().Orders()); got != want {
		t.Errorf("loaded %d orders, the mock has %d", got, want)
	}
	if got, want := len(loaded.Awanio().Organizations()), len(e.srv.Awanio().Organizations()); got != want {
		t.Errorf("loaded %d organizations, the mock has %d", got, want)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("saving left %d files in the directory, want only the state file", len(entries))
	}
}

// crashWriterEnv makes the test binary a writer that the test kills.
const crashWriterEnv = "MOCKCLOUD_TEST_CRASH_WRITER"

// crashDoc is version v of the file the crash writer writes: large, so
// that a kill lands inside a write, and self-checking.
func crashDoc(v int) []byte {
	filler := strings.Repeat(strconv.Itoa(v%10), 2<<20)
	data, _ := json.Marshal(map[string]any{"version": v, "filler": filler})
	return data
}

// TestWriteFileAtomicSurvivesACrash kills (SIGKILL) a process in the middle
// of WriteFileAtomic: the file must still hold the whole previous version
// (or the whole new one, if the write won the race), never a torn mix.
func TestWriteFileAtomicSurvivesACrash(t *testing.T) {
	if path := os.Getenv(crashWriterEnv); path != "" {
		runCrashWriter(path)
		return
	}
	t.Parallel()
	if testing.Short() {
		t.Skip("writes 2 MiB files in a child process")
	}
	path := filepath.Join(t.TempDir(), "state.json")
	cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^TestWriteFileAtomicSurvivesACrash$") // #nosec G204,G702 -- the test binary itself
	cmd.Env = append(os.Environ(), crashWriterEnv+"="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// The writer prints "begin N" just before it starts writing version N.
	// Version 1 was written whole before it printed "begin 2".
	const killAt = crashKillAt
	lines := bufio.NewScanner(out)
	for lines.Scan() {
		if lines.Text() == fmt.Sprintf("begin %d", killAt) {
			break
		}
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()

	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("the file is gone after the crash: %v", err)
	}
	var doc struct {
		Version int    `json:"version"`
		Filler  string `json:"filler"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("the file is not whole JSON after the crash (%d bytes): %v", len(data), err)
	}
	if doc.Version != killAt-1 && doc.Version != killAt {
		t.Fatalf("the file holds version %d after a crash while writing %d", doc.Version, killAt)
	}
	if !bytes.Equal(data, crashDoc(doc.Version)) {
		t.Fatalf("the file claims version %d but its content is not that version's", doc.Version)
	}
	t.Logf("after a kill while writing version %d the file holds version %d, whole", killAt, doc.Version)
}

func runCrashWriter(path string) {
	for v := 1; v <= crashKillAt; v++ {
		fmt.Printf("begin %d\n", v)
		if err := mockcloud.WriteFileAtomic(path, crashDoc(v), 0o600); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
	}
	// Wait for the kill: on a loaded machine it may come only after the
	// write of crashKillAt is done, and a writer that went on would leave
	// a later version than the test can expect.
	time.Sleep(time.Hour)
}

// crashKillAt is the version the test kills the writer while writing; the
// writer writes no further.
const crashKillAt = 3

// TestWriteFileAtomicFailureKeepsTheOldFile makes the final rename fail
// (the target is a non-empty directory): the old content stays and no
// temporary file is left behind.
func TestWriteFileAtomicFailureKeepsTheOldFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	target := filepath.Join(dir, "state.json")
	if err := os.MkdirAll(filepath.Join(target, "keep"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := mockcloud.WriteFileAtomic(target, []byte(`{"new":true}`), 0o600); err == nil {
		t.Fatal("WriteFileAtomic over a non-empty directory succeeded")
	}
	if _, err := os.Stat(filepath.Join(target, "keep")); err != nil {
		t.Errorf("the old content is gone: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		names := []string{}
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("a failed write left files behind: %v", names)
	}
	if err := mockcloud.WriteFileAtomic(filepath.Join(dir, "missing", "state.json"), []byte(`{}`), 0o600); err == nil {
		t.Error("WriteFileAtomic into a missing directory succeeded")
	}
}
