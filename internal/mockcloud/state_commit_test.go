package mockcloud_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/cloud"
)

// BenchmarkWaldurCreateOrderAutoSave is BenchmarkWaldurCreateOrder with
// the state saved to a file (cmd/mockcloud -state): every create is
// committed to disk before it is answered.
func BenchmarkWaldurCreateOrderAutoSave(b *testing.B) {
	m := cloud.New(mockcloud.WithAutoSave(filepath.Join(b.TempDir(), "state.json")))
	s := benchServer{h: m.Handler(), demo: cloud.SeedDemo(m)}
	body := s.orderBody("bench")
	b.ReportAllocs()
	for b.Loop() {
		s.do(b, http.MethodPost, "/api/marketplace-orders/", body, http.StatusCreated)
	}
}

// savedOrderNames reads the Waldur orders' names, by uuid, from the state
// file at path: what a mock restarted from it would find.
func savedOrderNames(t *testing.T, path string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(path) // #nosec G304 -- the test's own file
	if err != nil {
		t.Fatalf("reading the state file: %v", err)
	}
	var st struct {
		Waldur struct {
			Orders map[string]struct {
				UUID       string `json:"uuid"`
				Attributes struct {
					Name string `json:"name"`
				} `json:"attributes"`
			} `json:"orders"`
		} `json:"waldur"`
	}
	if err := json.Unmarshal(data, &st); err != nil {
		t.Fatalf("the state file is not whole: %v", err)
	}
	names := map[string]string{}
	for _, o := range st.Waldur.Orders {
		names[o.UUID] = o.Attributes.Name
	}
	return names
}

func hasName(names map[string]string, name string) bool {
	for _, n := range names {
		if n == name {
			return true
		}
	}
	return false
}

// orderCheckingWriter is the client's end of the wire: when the first byte
// of the answer (its status line) is written, and when its body is, the
// state file must already hold the order it reports.
type orderCheckingWriter struct {
	t         *testing.T
	path      string
	name      string
	header    http.Header
	status    int
	body      bytes.Buffer
	headerSaw bool // the state file held the order at WriteHeader
	bodySaw   bool // ... and the order's uuid at the first Write
}

func (w *orderCheckingWriter) Header() http.Header { return w.header }

func (w *orderCheckingWriter) WriteHeader(code int) {
	if w.status != 0 {
		return
	}
	w.status = code
	w.headerSaw = hasName(savedOrderNames(w.t, w.path), w.name)
}

func (w *orderCheckingWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.WriteHeader(http.StatusOK)
	}
	if w.body.Len() == 0 {
		var o struct {
			UUID string `json:"uuid"`
		}
		if err := json.Unmarshal(b, &o); err == nil && o.UUID != "" {
			w.bodySaw = savedOrderNames(w.t, w.path)[o.UUID] == w.name
		}
	}
	return w.body.Write(b)
}

// TestAutoSaveCommitsBeforeAnswering: with WithAutoSave the state file holds
// a created object before the first byte of the answer that reports it is
// written, so a mock killed at any moment never told a client about an
// object that a restart from the file would lack.
func TestAutoSaveCommitsBeforeAnswering(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "state.json")
	m := cloud.New(mockcloud.WithAutoSave(path))
	s := benchServer{h: m.Handler(), demo: cloud.SeedDemo(m)}
	if err := m.SaveState(path); err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodPost, "http://mock/api/marketplace-orders/", bytes.NewReader(s.orderBody("commit-first")))
	req.Header.Set("Authorization", "Token "+s.demo.Token)
	req.Header.Set("Content-Type", "application/json")
	w := &orderCheckingWriter{t: t, path: path, name: "commit-first", header: http.Header{}}
	s.h.ServeHTTP(w, req)
	if w.status != http.StatusCreated {
		t.Fatalf("status %d, want 201: %s", w.status, w.body.String())
	}
	if !w.headerSaw {
		t.Error("the answer's status was written before the state file held the new order")
	}
	if !w.bodySaw {
		t.Error("the answer's body was written before the state file held the order it names")
	}
}

// TestAutoSaveCommitsBeforeLosingTheAnswer: when a fault loses or holds the
// answer after the server acted, the state file holds what it did before
// the connection drops (drop_after_processing) and while the answer is
// held (late_answer).
func TestAutoSaveCommitsBeforeLosingTheAnswer(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "state.json")
	e := newTestEnv(t, mockcloud.WithAutoSave(path))

	e.srv.InjectFault(mockcloud.Fault{Method: "POST", PathPrefix: "/api/marketplace-orders/", DropAfterProcessing: true})
	if _, err := e.Try("POST", "/api/marketplace-orders/", e.OrderBody(e.demo.OfferingUUID, e.demo.PlanUUID, "dropped")); err == nil {
		t.Fatal("the dropped create was answered")
	}
	if !hasName(savedOrderNames(t, path), "dropped") {
		t.Error("the connection dropped before the state file held the order the server made")
	}

	e.srv.InjectFault(mockcloud.Fault{Method: "POST", PathPrefix: "/api/marketplace-orders/", LateAnswer: true, Latency: time.Hour})
	raw, _ := json.Marshal(e.OrderBody(e.demo.OfferingUUID, e.demo.PlanUUID, "held"))
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, e.TS.URL+"/api/marketplace-orders/", bytes.NewReader(raw))
	req.Header.Set("Authorization", "Token "+e.Token)
	req.Header.Set("Content-Type", "application/json")
	answered := make(chan error, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			_ = resp.Body.Close()
			err = errors.New("answered")
		}
		answered <- err
	}()
	// The answer is held for an hour; the order must reach the file
	// before that, while the client still waits.
	deadline := time.Now().Add(30 * time.Second)
	for !hasName(savedOrderNames(t, path), "held") {
		select {
		case err := <-answered:
			t.Fatalf("the held create ended (%v) before the state file held its order", err)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatal("the held create's order never reached the state file while its answer was held")
		}
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	if err := <-answered; !errors.Is(err, context.Canceled) {
		t.Errorf("the held create: %v, want canceled by the client", err)
	}
}
