package mockcloud

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// stateFormat names the saved state so that LoadState refuses other JSON.
const (
	stateFormat  = "mockcloud-state"
	stateVersion = 1
)

type stateFile struct {
	Format  string     `json:"format"`
	Version int        `json:"version"`
	SavedAt time.Time  `json:"saved_at"`
	Waldur  *waldurDB  `json:"waldur"`
	Awanio  *awanioDB  `json:"awanio,omitempty"`
	Hostway *hostwayDB `json:"hostway,omitempty"`
}

// SaveState writes every store to path as JSON, atomically: a reader (or a
// crash) sees the old file or the new one, never half of one. Faults,
// counters and the request log are not saved.
func (s *Server) SaveState(path string) error {
	s.saveMu.Lock()
	defer s.saveMu.Unlock()
	return s.saveState(path)
}

func (s *Server) saveState(path string) error {
	w, a, h := s.waldur, s.awanio, s.hostway
	w.mu.Lock()
	a.mu.Lock()
	h.mu.Lock()
	data, err := json.MarshalIndent(stateFile{
		Format: stateFormat, Version: stateVersion, SavedAt: s.clock.Now().UTC(), Waldur: &w.db, Awanio: &a.db, Hostway: &h.db,
	}, "", "  ")
	h.mu.Unlock()
	a.mu.Unlock()
	w.mu.Unlock()
	if err != nil {
		return fmt.Errorf("encode state: %w", err)
	}
	return WriteFileAtomic(path, append(data, '\n'), 0o600)
}

// LoadState replaces every store with the state saved in path. It first
// removes what a write of path that died half-way left behind.
func (s *Server) LoadState(path string) error {
	if err := RemoveStaleTempFiles(path); err != nil {
		return err
	}
	data, err := os.ReadFile(filepath.Clean(path))
	if err != nil {
		return err
	}
	var st stateFile
	if err := json.Unmarshal(data, &st); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if st.Format != stateFormat {
		return fmt.Errorf("%s: not a mockcloud state file", path)
	}
	if st.Version != stateVersion {
		return fmt.Errorf("%s: state version %d, want %d", path, st.Version, stateVersion)
	}
	db := emptyWaldurDB()
	if st.Waldur != nil {
		db = fillWaldurDB(*st.Waldur)
	}
	hdb := emptyHostwayDB()
	if st.Hostway != nil {
		hdb = *st.Hostway
	}
	w := s.waldur
	w.mu.Lock()
	w.reset(db)
	w.mu.Unlock()
	adb := emptyAwanioDB()
	if st.Awanio != nil {
		adb = *st.Awanio
	}
	a := s.awanio
	a.mu.Lock()
	a.reset(adb)
	a.mu.Unlock()
	h := s.hostway
	h.mu.Lock()
	h.reset(hdb)
	h.mu.Unlock()
	return nil
}

// fillWaldurDB gives a loaded state empty maps where the file had none, and
// compacts the raw attributes the indented file spread over lines.
func fillWaldurDB(db waldurDB) waldurDB {
	for _, o := range db.Orders {
		o.Attributes = compactJSON(o.Attributes)
	}
	for _, r := range db.Resources {
		r.Attributes = compactJSON(r.Attributes)
	}
	db.ensureMaps()
	return db
}

// WriteFileAtomic writes data to a temporary file beside path, syncs it and
// renames it over path, so that path always holds a whole file.
func WriteFileAtomic(path string, data []byte, perm os.FileMode) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, tempPrefix(path)+"*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = os.Remove(tmp.Name()) // #nosec G703 -- the temporary file this function created
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		_ = tmp.Close()
		return err
	}
	if err = tmp.Chmod(perm); err != nil {
		_ = tmp.Close()
		return err
	}
	if err = tmp.Sync(); err != nil {
		_ = tmp.Close()
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	// #nosec G703 -- path is the caller's own state file: writing it is the point.
	if err = os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	// Make the rename itself durable. Best effort: not every platform can
	// sync a directory, and the data is already safe in the file.
	if d, derr := os.Open(dir); derr == nil { // #nosec G703 -- the directory of the caller's file
		_ = d.Sync()
		_ = d.Close()
	}
	return nil
}

// tempPrefix starts the names of WriteFileAtomic's temporary files for path.
func tempPrefix(path string) string { return "." + filepath.Base(path) + ".tmp-" }

// RemoveStaleTempFiles removes the temporary files of WriteFileAtomic for
// path that a process killed between writing and renaming one (SIGKILL,
// a crash, a power cut) left behind. Call it at start, before anything
// writes path: a temporary file of a running writer would go too.
func RemoveStaleTempFiles(path string) error {
	dir := filepath.Dir(path)
	entries, err := os.ReadDir(dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return err
	}
	prefix := tempPrefix(path)
	for _, e := range entries {
		if e.Type().IsRegular() && strings.HasPrefix(e.Name(), prefix) {
			if err := os.Remove(filepath.Join(dir, e.Name())); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
		}
	}
	return nil
}

func compactJSON(raw json.RawMessage) json.RawMessage {
	if len(raw) == 0 {
		return raw
	}
	var buf bytes.Buffer
	if json.Compact(&buf, raw) != nil {
		return raw
	}
	return buf.Bytes()
}
