// Package atomicfile writes a file so that it always holds a whole
// version: the mock's state file and the provider's journal entries
// (internal/journal) survive a kill in the middle of a write.
package atomicfile

import (
	"os"
	"path/filepath"
)

// Write writes data to a temporary file beside path, named by
// tempPattern (os.CreateTemp's pattern, so that its owner can find and
// clean the leftovers of a killed writer), syncs it and renames it over
// path; then it syncs the directory, where the platform can.
func Write(path string, data []byte, perm os.FileMode, tempPattern string) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, tempPattern)
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
	// #nosec G703 -- path is the caller's own file: writing it is the point.
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
