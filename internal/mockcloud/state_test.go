package mockcloud_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/cloud"
	waldurmock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/waldur"
)

func TestSaveAndLoadState(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t, waldurmock.WithWaldurDelays(waldurmock.WaldurDelays{Executing: time.Minute}))
	d := e.demo
	done := e.createK8s("done")
	e.clock.Advance(time.Minute)
	running := e.createK8s("running")
	pending := e.createOrder(d.ConsumerApprovalOfferingUUID, d.ConsumerApprovalPlanUUID, "pending")
	e.do("POST", "/api/marketplace-orders/"+str(done["uuid"])+"/set_backend_id/", map[string]string{"backend_id": "b-1"}).want(t, 200)
	// Raw attributes survive the file byte for byte.
	body := e.orderBody(d.OfferingUUID, d.PlanUUID, "")
	body["attributes"] = json.RawMessage(`{"name":"big","n":12345678901234567890,"f":1.50}`)
	raw := e.do("POST", "/api/marketplace-orders/", body).want(t, 201).object(t)

	dir := t.TempDir()
	path := filepath.Join(dir, "state.json")
	if err := e.srv.SaveState(path); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("SaveState left %d files behind", len(entries))
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
		t.Errorf("state file mode %v", info.Mode())
	}

	clock2 := mockcloud.NewFakeClock(e.clock.Now())
	srv2 := cloud.New(mockcloud.WithClock(clock2), waldurmock.WithWaldurDelays(waldurmock.WaldurDelays{Executing: time.Minute}))
	if err := srv2.LoadState(path); err != nil {
		t.Fatal(err)
	}
	w1, w2 := e.srv.Waldur(), srv2.Waldur()
	if !reflect.DeepEqual(w1.Orders(), w2.Orders()) {
		t.Errorf("orders differ after load:\n%+v\n%+v", w1.Orders(), w2.Orders())
	}
	if !reflect.DeepEqual(w1.Resources(), w2.Resources()) {
		t.Errorf("resources differ after load")
	}

	// The loaded mock answers the same JSON and carries on where it was.
	e2 := &testEnv{t: t, srv: srv2, clock: clock2, demo: d, token: d.Token}
	e2.ts = newServer(t, srv2)
	for _, o := range []map[string]any{done, running, pending, raw} {
		a := e.do("GET", "/api/marketplace-orders/"+str(o["uuid"])+"/", nil).want(t, 200)
		b := e2.do("GET", "/api/marketplace-orders/"+str(o["uuid"])+"/", nil).want(t, 200)
		if strings.ReplaceAll(string(a.body), e.ts.URL, "") != strings.ReplaceAll(string(b.body), e2.ts.URL, "") {
			t.Errorf("order %v answers differently after load:\n%s\n%s", o["resource_name"], a.body, b.body)
		}
	}
	clock2.Advance(time.Minute)
	if got := e2.getOrder(str(running["uuid"]))["state"]; got != waldurmock.OrderDone {
		t.Errorf("loaded executing order did not finish: %v", got)
	}
	e2.do("POST", "/api/marketplace-orders/"+str(pending["uuid"])+"/approve_by_consumer/", nil).want(t, 200)
	// New objects get fresh sequence numbers: newest is still listed first.
	newest := e2.createK8s("after-load")
	if first := e2.do("GET", "/api/marketplace-orders/", nil).want(t, 200).array(t)[0]; first["uuid"] != newest["uuid"] {
		t.Errorf("newest order after load is not first: %v", first["resource_name"])
	}
}

func TestLoadStateErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	srv := cloud.New()
	if err := srv.LoadState(filepath.Join(dir, "missing.json")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	for name, content := range map[string]string{
		"garbage.json": "{nope",
		"other.json":   `{"format":"something-else","version":1}`,
		"future.json":  `{"format":"mockcloud-state","version":99}`,
	} {
		p := filepath.Join(dir, name)
		_ = os.WriteFile(p, []byte(content), 0o600)
		if err := srv.LoadState(p); err == nil {
			t.Errorf("%s: loaded", name)
		}
	}
	// An empty but valid state loads as an empty store.
	p := filepath.Join(dir, "empty.json")
	_ = os.WriteFile(p, []byte(`{"format":"mockcloud-state","version":1}`), 0o600)
	if err := srv.LoadState(p); err != nil {
		t.Fatal(err)
	}
	if len(srv.Waldur().Orders()) != 0 {
		t.Error("empty state has orders")
	}
}

func TestAutoSave(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "auto.json")
	e := newTestEnv(t, mockcloud.WithAutoSave(path))
	o := e.createK8s("saved")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), str(o["uuid"])) {
		t.Error("autosaved state lacks the new order")
	}
	info, _ := os.Stat(path)
	e.do("GET", "/_mock/health", nil)
	if info2, _ := os.Stat(path); !info2.ModTime().Equal(info.ModTime()) {
		t.Error("a request that changed nothing rewrote the state")
	}

	// Concurrent changes all reach the file, which always stays whole.
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 3 {
				if _, err := e.try("POST", "/api/marketplace-orders/", e.orderBody(e.demo.OfferingUUID, e.demo.PlanUUID, fmt.Sprintf("c%d-%d", g, i))); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	loaded := cloud.New()
	if err := loaded.LoadState(path); err != nil {
		t.Fatal(err)
	}
	if n := len(loaded.Waldur().Orders()); n != 13 {
		t.Errorf("autosaved state has %d orders, want 13", n)
	}
}
