package mockcloud

import (
	"os"
	"path/filepath"
	"testing"
)

// A process killed between writing and renaming a temporary file leaves it
// behind; the next start (LoadState) removes it, and nothing else.
func TestLoadStateRemovesTempFilesOfACrashedWrite(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "state.json")
	srv := New()
	if err := srv.SaveState(path); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(dir, ".state.json.tmp-12345")
	other := filepath.Join(dir, ".other.json.tmp-1")
	for _, p := range []string{stale, other} {
		if err := os.WriteFile(p, []byte("half a state"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := New().LoadState(path); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("the crashed write's temporary file is still there (%v)", err)
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("another file's temporary file was removed: %v", err)
	}
	// A missing state file (first start) is not an error of the cleaning.
	if err := RemoveStaleTempFiles(filepath.Join(dir, "missing", "state.json")); err != nil {
		t.Fatal(err)
	}
}
