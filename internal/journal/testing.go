package journal

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
