package mockcloud_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/cloud"
)

// testdata/state-v1.json was saved by the mock before it was split per API
// (cmd/mockcloud -state, demo seed, one Waldur order, one Awanio
// organization, one Hostway cart). The split mock must load it and save it
// back unchanged: scripts and chaos runs keep their state files.
func TestStateFileOfTheSinglePackageMockLoadsAndSavesUnchanged(t *testing.T) {
	t.Parallel()
	old, err := os.ReadFile(filepath.Join("testdata", "state-v1.json"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "state.json")
	if err := os.WriteFile(path, old, 0o600); err != nil {
		t.Fatal(err)
	}
	m := cloud.New()
	if err := m.LoadState(path); err != nil {
		t.Fatal(err)
	}
	if err := m.SaveState(path); err != nil {
		t.Fatal(err)
	}
	saved, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	savedAt := regexp.MustCompile(`"saved_at": "[^"]*"`)
	if !bytes.Equal(savedAt.ReplaceAll(saved, nil), savedAt.ReplaceAll(old, nil)) {
		t.Errorf("the saved state differs from the loaded one:\n%s", saved)
	}
	// Reading moves the order on by the clock, so only after the save.
	if _, ok := m.Waldur().Order("d7137355d04a4afcad888448f48f464f"); !ok {
		t.Error("the waldur order was not loaded")
	}
	if org, ok := m.Awanio().Organization("1a016fe1-f079-4d55-943e-fd45e2475763"); !ok || org.Name != "compat-org" {
		t.Errorf("awanio organization %+v, found %v", org, ok)
	}
	if _, ok := m.Hostway().Order("00000000000000025b959afa2ca21bab8afaf337"); !ok {
		t.Error("the hostway cart was not loaded")
	}
}
