package contract

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestFileIsWhereTheContractLives: the path that File gives (and the docs'
// API notes print) names the file the API's mock package embeds.
func TestFileIsWhereTheContractLives(t *testing.T) {
	t.Parallel()
	for _, api := range APIs {
		file := File(api)
		if file == "" {
			t.Errorf("%s: no contract file", api)
			continue
		}
		onDisk, err := os.ReadFile(filepath.Join("..", "..", "..", filepath.FromSlash(file))) // #nosec G304 -- a path in this repository
		if err != nil {
			t.Errorf("%s: %v", api, err)
			continue
		}
		if !bytes.Equal(onDisk, files[api].raw) {
			t.Errorf("%s: %s differs from the bytes its package embeds", api, file)
		}
	}
	if File("nosuchapi") != "" {
		t.Error(`File("nosuchapi") names a file`)
	}
	if _, err := Source("nosuchapi"); err == nil {
		t.Error(`Source("nosuchapi") found a contract`)
	}
}
