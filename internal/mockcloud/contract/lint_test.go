package contract

import (
	"errors"
	"testing"
)

// TestWrittenContractsSayWhereEachEntryComesFrom: every operation and field
// of hostway.yaml and awanio.yaml is marked seed, docs or inferred, and
// every inferred one says why.
func TestWrittenContractsSayWhereEachEntryComesFrom(t *testing.T) {
	t.Parallel()
	for _, api := range []string{Awanio, Hostway} {
		c, err := Load(api)
		if errors.Is(err, ErrNoContract) {
			// TODO(issue 13): an error once hostway.yaml and awanio.yaml land.
			t.Logf("%s has no contract file %s yet", api, File(api))
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", api, err)
			continue
		}
		for _, p := range Lint(c) {
			t.Errorf("%s: %s", api, p)
		}
	}
}
