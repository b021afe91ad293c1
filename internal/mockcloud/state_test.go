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
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/mocktest"
	waldurmock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/waldur"
)

func TestSaveAndLoadState(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t, waldurmock.WithWaldurDelays(waldurmock.WaldurDelays{Executing: time.Minute}))
	d := e.demo
	done := e.CreateK8s("done")
	e.Clock.Advance(time.Minute)
	running := e.CreateK8s("running")
	pending := e.CreateOrder(d.ConsumerApprovalOfferingUUID, d.ConsumerApprovalPlanUUID, "pending")
	e.Do("POST", "/api/marketplace-orders/"+str(done["uuid"])+"/set_backend_id/", map[string]string{"backend_id": "b-1"}).Want(t, 200)
	// Raw attributes survive the file byte for byte.
	body := e.OrderBody(d.OfferingUUID, d.PlanUUID, "")
	body["attributes"] = json.RawMessage(`{"name":"big","n":12345678901234567890,"f":1.50}`)
	raw := e.Do("POST", "/api/marketplace-orders/", body).Want(t, 201).Object(t)

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

	clock2 := mockcloud.NewFakeClock(e.Clock.Now())
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
	e2 := &testEnv{Waldur: &mocktest.Waldur{
		Env:         &mocktest.Env{T: t, TS: mocktest.Serve(t, srv2.Handler()), Clock: clock2, Token: d.Token},
		ProjectUUID: d.ProjectUUID, OfferingUUID: d.OfferingUUID, PlanUUID: d.PlanUUID,
	}}
	for _, o := range []map[string]any{done, running, pending, raw} {
		a := e.Do("GET", "/api/marketplace-orders/"+str(o["uuid"])+"/", nil).Want(t, 200)
		b := e2.Do("GET", "/api/marketplace-orders/"+str(o["uuid"])+"/", nil).Want(t, 200)
		if strings.ReplaceAll(string(a.Body), e.TS.URL, "") != strings.ReplaceAll(string(b.Body), e2.TS.URL, "") {
			t.Errorf("order %v answers differently after load:\n%s\n%s", o["resource_name"], a.Body, b.Body)
		}
	}
	clock2.Advance(time.Minute)
	if got := e2.GetOrder(str(running["uuid"]))["state"]; got != waldurmock.OrderDone {
		t.Errorf("loaded executing order did not finish: %v", got)
	}
	e2.Do("POST", "/api/marketplace-orders/"+str(pending["uuid"])+"/approve_by_consumer/", nil).Want(t, 200)
	// New objects get fresh sequence numbers: newest is still listed first.
	newest := e2.CreateK8s("after-load")
	if first := e2.Do("GET", "/api/marketplace-orders/", nil).Want(t, 200).Array(t)[0]; first["uuid"] != newest["uuid"] {
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
	o := e.CreateK8s("saved")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), str(o["uuid"])) {
		t.Error("autosaved state lacks the new order")
	}
	info, _ := os.Stat(path)
	e.Do("GET", "/_mock/health", nil)
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
				if _, err := e.Try("POST", "/api/marketplace-orders/", e.OrderBody(e.demo.OfferingUUID, e.demo.PlanUUID, fmt.Sprintf("c%d-%d", g, i))); err != nil {
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
