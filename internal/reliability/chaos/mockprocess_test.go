package chaos

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

// mockPackage is the mock as its own program, which the tests that kill
// the mock run.
const mockPackage = "github.com/cloudorder/terraform-provider-cloudorder/cmd/mockcloud"

// mockBinary is cmd/mockcloud, built once per test binary.
var mockBinary struct {
	once sync.Once
	dir  string
	path string
	err  error
}

// buildMock returns the path of the built cmd/mockcloud.
func buildMock(t *testing.T) string {
	t.Helper()
	mockBinary.once.Do(buildMockBinary)
	if mockBinary.err != nil {
		t.Fatal(mockBinary.err)
	}
	return mockBinary.path
}

func buildMockBinary() {
	mockBinary.dir, mockBinary.err = os.MkdirTemp("", "cloudorder-mock-")
	if mockBinary.err != nil {
		return
	}
	bin := filepath.Join(mockBinary.dir, "mockcloud")
	cmd := exec.CommandContext(context.Background(), "go", "build", "-o", bin, mockPackage) // #nosec G204 -- test input
	if out, err := cmd.CombinedOutput(); err != nil {
		mockBinary.err = fmt.Errorf("building %s: %w\n%s", mockPackage, err, out)
		return
	}
	mockBinary.path = bin
}

// removeMockBinary removes what buildMock built; TestMain calls it.
func removeMockBinary() {
	if mockBinary.dir != "" {
		_ = os.RemoveAll(mockBinary.dir)
	}
}
