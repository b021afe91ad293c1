package mockcloud_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
)

// post sends a POST with client's timeout and the demo token.
func (e *testEnv) postWith(client *http.Client, path string, body any) (*http.Response, error) {
	e.T.Helper()
	return e.postCtx(e.T.Context(), client, path, body)
}

func (e *testEnv) postCtx(ctx context.Context, client *http.Client, path string, body any) (*http.Response, error) {
	e.T.Helper()
	raw, _ := json.Marshal(body)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, e.TS.URL+path, bytes.NewReader(raw))
	if err != nil {
		e.T.Fatal(err)
	}
	req.Header.Set("Authorization", "Token "+e.Token)
	req.Header.Set("Content-Type", "application/json")
	return client.Do(req)
}

// giveUpWhen sends a POST and gives up on it (as a client whose timeout
// runs out) once ready holds: the window is closed by what the mock did,
// not by a timeout hoped to be long or short enough. It returns the
// client's error, nil when an answer came.
func (e *testEnv) giveUpWhen(path string, body any, ready func() bool) error {
	e.T.Helper()
	ctx, cancel := context.WithCancel(e.T.Context())
	defer cancel()
	errc := make(chan error, 1)
	go func() {
		resp, err := e.postCtx(ctx, http.DefaultClient, path, body)
		if err == nil {
			_ = resp.Body.Close()
		}
		errc <- err
	}()
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	for !ready() {
		select {
		case err := <-errc:
			return err // answered (or failed) before the window opened
		case <-tick.C:
		}
	}
	cancel()
	return <-errc
}

// A client that gives up during a Latency fault must find that nothing
// happened, also for a POST whose body nobody read before the delay.
func TestFaultLatencyAbandonedRequestIsNotProcessed(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t)
	e.srv.InjectFault(mockcloud.Fault{Method: http.MethodPost, PathPrefix: "/api/marketplace-orders/", Latency: time.Hour})
	// Give up once the request is in the mock, held by the fault.
	arrived := func() bool {
		for _, r := range e.srv.RequestLog() {
			if r.Fault == "latency" {
				return true
			}
		}
		return false
	}
	if err := e.giveUpWhen("/api/marketplace-orders/", e.OrderBody(e.demo.OfferingUUID, e.demo.PlanUUID, "slow"), arrived); err == nil {
		t.Fatal("the slow request was answered")
	}
	// Close waits for every handler to return: after it, nothing more can
	// be processed, so the count is final.
	start := time.Now()
	e.TS.Close()
	if d := time.Since(start); d > 4*time.Second {
		t.Errorf("the abandoned request was held for %v: the server did not notice the client leaving", d)
	}
	if n := len(e.srv.Waldur().Orders()); n != 0 {
		t.Fatalf("the abandoned request was processed: %d orders", n)
	}
}

// LateAnswer acts at once and answers late: a client with a short timeout
// never hears of the order that exists; a patient one gets the real answer.
func TestFaultLateAnswer(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t)
	e.srv.InjectFault(mockcloud.Fault{Method: http.MethodPost, PathPrefix: "/api/marketplace-orders/", Latency: time.Hour, LateAnswer: true})
	// Give up once the server acted (the order exists) and holds its
	// answer: the client never hears of the order.
	acted := func() bool { return len(e.srv.Waldur().Orders()) == 1 }
	if err := e.giveUpWhen("/api/marketplace-orders/", e.OrderBody(e.demo.OfferingUUID, e.demo.PlanUUID, "late"), acted); err == nil {
		t.Fatal("the late answer was heard")
	}
	orders := e.srv.Waldur().Orders()
	if len(orders) != 1 || !strings.Contains(string(orders[0].Attributes), "late") {
		t.Fatalf("LateAnswer did not act before answering: %+v", orders)
	}
	log := e.srv.RequestLog()
	if last := log[len(log)-1]; last.Fault != "late-answer" {
		t.Errorf("log entry %+v", last)
	}

	e.srv.InjectFault(mockcloud.Fault{Method: http.MethodPost, PathPrefix: "/api/marketplace-orders/", Latency: 100 * time.Millisecond, LateAnswer: true})
	start := time.Now()
	resp, err := e.postWith(http.DefaultClient, "/api/marketplace-orders/", e.OrderBody(e.demo.OfferingUUID, e.demo.PlanUUID, "patient"))
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusCreated || time.Since(start) < 100*time.Millisecond {
		t.Fatalf("patient client: status %d after %v, want 201 after >= 100ms", resp.StatusCode, time.Since(start))
	}
}

func TestFaultLateAnswerValidation(t *testing.T) {
	t.Parallel()
	for _, f := range []mockcloud.Fault{
		{LateAnswer: true},
		{LateAnswer: true, Latency: time.Second, Status: 500},
		{LateAnswer: true, Latency: time.Second, DropAfterProcessing: true},
	} {
		if f.Validate() == nil {
			t.Errorf("%+v: accepted", f)
		}
	}
	var back mockcloud.Fault
	f := mockcloud.Fault{LateAnswer: true, Latency: time.Second}
	raw, _ := json.Marshal(f)
	if err := json.Unmarshal(raw, &back); err != nil || back != f {
		t.Errorf("round trip %s -> %+v (%v)", raw, back, err)
	}
}
