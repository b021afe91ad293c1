package contract

import (
	"errors"
	"testing"
)

// TestWrittenContractsSayWhereEachEntryComesFrom: every operation and field
// of the Hostway and Awanio contract.yaml is marked seed, docs or inferred, and
// every inferred one says why.
func TestWrittenContractsSayWhereEachEntryComesFrom(t *testing.T) {
	t.Parallel()
	for _, api := range []string{Awanio, Hostway} {
		c, err := Load(api)
		if errors.Is(err, ErrNoContract) {
			t.Errorf("%s has no contract file %s", api, File(api))
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
