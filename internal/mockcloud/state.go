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

	"github.com/cloudorder/terraform-provider-cloudorder/internal/atomicfile"
)

// stateFormat names the saved state so that LoadState refuses other JSON.
const (
	stateFormat  = "mockcloud-state"
	stateVersion = 1
)

// stateHeader is the start of a state file; each mounted API's section
// follows under its Name, in the order the APIs were mounted (Waldur,
// Awanio, Hostway in the whole mock).
type stateHeader struct {
	Format  string    `json:"format"`
	Version int       `json:"version"`
	SavedAt time.Time `json:"saved_at"`
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
	data, err := s.encodeState()
	if err != nil {
		return fmt.Errorf("encode state: %w", err)
	}
	return WriteFileAtomic(path, append(data, '\n'), 0o600)
}

// encodeState encodes the header and every API's state, indented, with
// every API locked at once so that the file is one moment of the mock.
func (s *Server) encodeState() ([]byte, error) {
	for _, api := range s.apis {
		api.Lock()
	}
	defer func() {
		for i := len(s.apis) - 1; i >= 0; i-- {
			s.apis[i].Unlock()
		}
	}()
	head, err := json.Marshal(stateHeader{Format: stateFormat, Version: stateVersion, SavedAt: s.clock.Now().UTC()})
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	buf.Write(head[:len(head)-1]) // without the closing brace
	for _, api := range s.apis {
		name, err := json.Marshal(api.Name())
		if err != nil {
			return nil, err
		}
		section, err := json.Marshal(api.State())
		if err != nil {
			return nil, err
		}
		buf.WriteByte(',')
		buf.Write(name)
		buf.WriteByte(':')
		buf.Write(section)
	}
	buf.WriteByte('}')
	var out bytes.Buffer
	if err := json.Indent(&out, buf.Bytes(), "", "  "); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
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
	var head stateHeader
	var sections map[string]json.RawMessage
	if err := json.Unmarshal(data, &head); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := json.Unmarshal(data, &sections); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if head.Format != stateFormat {
		return fmt.Errorf("%s: not a mockcloud state file", path)
	}
	if head.Version != stateVersion {
		return fmt.Errorf("%s: state version %d, want %d", path, head.Version, stateVersion)
	}
	replace := make([]func(), len(s.apis))
	for i, api := range s.apis {
		if replace[i], err = api.DecodeState(sections[api.Name()]); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
	}
	for i, api := range s.apis {
		api.Lock()
		replace[i]()
		api.Unlock()
	}
	return nil
}

// WriteFileAtomic writes data to a temporary file beside path, syncs it and
// renames it over path, so that path always holds a whole file.
func WriteFileAtomic(path string, data []byte, perm os.FileMode) error {
	return atomicfile.Write(path, data, perm, tempPrefix(path)+"*")
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

// CompactJSON compacts raw JSON (an indented state file spreads raw
// attributes over lines); what is not JSON is returned as is.
func CompactJSON(raw json.RawMessage) json.RawMessage {
	if len(raw) == 0 {
		return raw
	}
	var buf bytes.Buffer
	if json.Compact(&buf, raw) != nil {
		return raw
	}
	return buf.Bytes()
}
