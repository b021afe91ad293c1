package journal

import (
	"errors"
	"io/fs"
	"os"
	"strings"
)

// NewUncached is a journal of dir that shares nothing with Open's: what
// another process sees. For tests that play two runs in one process.
func NewUncached(dir, workspace string) *Journal { return newJournal(dir, workspace) }

// Abandon releases the locks of the entries this journal wrote without
// removing them, as a process that is killed does. For tests.
func (j *Journal) Abandon() {
	j.mu.Lock()
	defer j.mu.Unlock()
	for id, h := range j.own {
		_ = h.lock.Close()
		delete(j.own, id)
	}
}

// EntryFiles names the entry files in dir (<entry id>.json), leaving out
// locks, temporaries and the other files kept beside them (the learned
// request rates). A directory that does not exist has none. For tests
// that look at what a run left.
func EntryFiles(dir string) ([]string, error) {
	files, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []string
	for _, f := range files {
		if id, ok := strings.CutSuffix(f.Name(), ".json"); ok && validID(id) {
			out = append(out, f.Name())
		}
	}
	return out, nil
}
