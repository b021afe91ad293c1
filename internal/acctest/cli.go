package acctest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// The CLI helpers run the terraform binary the way a user does: against the
// provider built as a real binary, found through a dev_overrides CLI config
// (no `terraform init`, no network). plugin-testing serves the provider in
// process and hides the CLI's own steps; tests that are about what the CLI
// does with the provider's answers, such as `plan -generate-config-out`,
// use these instead.

// ProviderAddress is the provider's registry address; dev_overrides, the
// provider server and `source` in configurations must agree on it.
const ProviderAddress = "registry.terraform.io/cloudorder/cloudorder"

// cliProviderAddress is the address `source = "cloudorder/cloudorder"`
// means to the binary under test: OpenTofu reads it as
// registry.opentofu.org/cloudorder/cloudorder. TF_ACC_PROVIDER_HOST is
// plugin-testing's own setting for the same thing (make testacc-tofu sets it).
func cliProviderAddress() string {
	if host := os.Getenv("TF_ACC_PROVIDER_HOST"); host != "" {
		return host + "/cloudorder/cloudorder"
	}
	return ProviderAddress
}

// RequiredProviders is the terraform block that selects this provider.
const RequiredProviders = `terraform {
  required_providers {
    cloudorder = {
      source = "cloudorder/cloudorder"
    }
  }
}
`

// mainPackage is the provider's own main package, the binary users run.
const mainPackage = "github.com/cloudorder/terraform-provider-cloudorder"

// providerBinaries holds one built provider per main package: the real one
// and test builds of it (e.g. the chaos suite's, which polls fast).
var providerBinaries struct {
	mu    sync.Mutex
	built map[string]*providerBinary
}

type providerBinary struct {
	once sync.Once
	dir  string // holds terraform-provider-cloudorder and the CLI config
	err  error
}

// CLICleanup removes the provider binaries that CLI built. Call it from
// TestMain after m.Run in packages that use CLI.
func CLICleanup() {
	providerBinaries.mu.Lock()
	defer providerBinaries.mu.Unlock()
	for _, b := range providerBinaries.built {
		if b.dir != "" {
			_ = os.RemoveAll(b.dir)
		}
	}
}

// buildProvider builds the main package pkg once per test binary; `go build`
// reuses the build cache, so this costs a link when the packages are compiled.
func buildProvider(pkg string) (dir string, err error) {
	providerBinaries.mu.Lock()
	if providerBinaries.built == nil {
		providerBinaries.built = map[string]*providerBinary{}
	}
	b := providerBinaries.built[pkg]
	if b == nil {
		b = &providerBinary{}
		providerBinaries.built[pkg] = b
	}
	providerBinaries.mu.Unlock()
	b.once.Do(func() {
		b.dir, b.err = os.MkdirTemp("", "cloudorder-cli-")
		if b.err != nil {
			return
		}
		bin := filepath.Join(b.dir, "terraform-provider-cloudorder")
		cmd := exec.CommandContext(context.Background(), "go", "build", "-ldflags", "-X main.version=0.0.0-test", "-o", bin, pkg) // #nosec G204 -- test input
		if out, err := cmd.CombinedOutput(); err != nil {
			b.err = fmt.Errorf("building the provider: %w\n%s", err, out)
			return
		}
		rc := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    %q = %q\n  }\n  direct {}\n}\n", cliProviderAddress(), b.dir)
		b.err = os.WriteFile(filepath.Join(b.dir, "terraformrc"), []byte(rc), 0o600)
	})
	return b.dir, b.err
}

// SkipUnlessAcc skips the test unless TF_ACC is set, as plugin-testing's
// resource.Test does. A test that asserts on what its acceptance cases did
// must call it first: without TF_ACC those cases skip, and `go test ./...`
// must then pass, not fail on what never ran.
func SkipUnlessAcc(t testing.TB) {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("set TF_ACC=1 to run acceptance tests (they run terraform)")
	}
}

// CLI runs terraform commands in one working directory.
type CLI struct {
	t         *testing.T
	terraform string
	Dir       string
	env       []string
}

// NewCLI returns a CLI in a new temporary directory. It skips the test
// unless TF_ACC is set, as plugin-testing does, because it runs terraform.
func NewCLI(t *testing.T) *CLI {
	t.Helper()
	return NewCLIWithProvider(t, mainPackage)
}

// NewCLIWithProvider is NewCLI with the provider built from another main
// package: a test build that serves the same provider with test settings
// (fast polling, short timeouts) that a real binary cannot be given.
func NewCLIWithProvider(t *testing.T, mainPkg string) *CLI {
	t.Helper()
	SkipUnlessAcc(t)
	tf := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if tf == "" {
		var err error
		if tf, err = exec.LookPath("terraform"); err != nil {
			t.Fatalf("terraform is not on PATH and TF_ACC_TERRAFORM_PATH is not set: %v", err)
		}
	}
	dir, err := buildProvider(mainPkg)
	if err != nil {
		t.Fatal(err)
	}
	env := []string{
		"TF_CLI_CONFIG_FILE=" + filepath.Join(dir, "terraformrc"),
		"CHECKPOINT_DISABLE=1",
		"TF_IN_AUTOMATION=1",
		"TF_INPUT=0",
	}
	// The provider must see only what the test configures.
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "CLOUDORDER_") || strings.HasPrefix(name, "TF_VAR_") ||
			name == "TF_CLI_CONFIG_FILE" || name == "TF_DATA_DIR" || name == "TF_WORKSPACE" || name == "TF_CLI_ARGS" ||
			strings.HasPrefix(name, "TF_CLI_ARGS_") {
			continue
		}
		env = append(env, kv)
	}
	return &CLI{t: t, terraform: tf, Dir: t.TempDir(), env: env}
}

// WriteFile writes a file into the working directory.
func (c *CLI) WriteFile(name, content string) {
	c.t.Helper()
	if err := os.WriteFile(filepath.Join(c.Dir, name), []byte(content), 0o600); err != nil {
		c.t.Fatal(err)
	}
}

// ReadFile reads a file of the working directory.
func (c *CLI) ReadFile(name string) string {
	c.t.Helper()
	b, err := os.ReadFile(filepath.Join(c.Dir, name)) // #nosec G304 -- the test's own directory
	if err != nil {
		c.t.Fatal(err)
	}
	return string(b)
}

// Run runs terraform with args and returns its exit code, stdout and stderr.
// Only a failure to start terraform fails the test.
func (c *CLI) Run(args ...string) (code int, stdout, stderr string) {
	c.t.Helper()
	cmd := exec.CommandContext(c.t.Context(), c.terraform, append([]string{"-chdir=" + c.Dir}, args...)...) // #nosec G204 -- test input
	cmd.Env = c.env
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		code = exit.ExitCode()
	default:
		c.t.Fatalf("running terraform %s: %v", strings.Join(args, " "), err)
	}
	return code, out.String(), errOut.String()
}

// MustRun runs terraform and fails the test unless it exits 0.
func (c *CLI) MustRun(args ...string) string {
	c.t.Helper()
	code, stdout, stderr := c.Run(args...)
	if code != 0 {
		c.t.Fatalf("terraform %s exited %d:\n%s\n%s", strings.Join(args, " "), code, stdout, stderr)
	}
	return stdout
}

// ShowJSON returns `terraform show -json [planfile]`, decoded.
func (c *CLI) ShowJSON(planFile ...string) map[string]any {
	c.t.Helper()
	out := c.MustRun(append([]string{"show", "-json", "-no-color"}, planFile...)...)
	var v map[string]any
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		c.t.Fatalf("terraform show -json: %v\n%s", err, out)
	}
	return v
}

// StateAttributes returns the attribute values of a resource in the state
// (root module), from `terraform show -json`.
func (c *CLI) StateAttributes(address string) map[string]any {
	c.t.Helper()
	state := c.ShowJSON()
	values, _ := state["values"].(map[string]any)
	root, _ := values["root_module"].(map[string]any)
	resources, _ := root["resources"].([]any)
	for _, r := range resources {
		r, _ := r.(map[string]any)
		if r["address"] == address {
			attrs, _ := r["values"].(map[string]any)
			return attrs
		}
	}
	c.t.Fatalf("%s is not in the state of %s", address, c.Dir)
	return nil
}

// Command returns terraform with args, ready to start in the working
// directory with the CLI's environment, for tests that must act while it
// runs (e.g. interrupt it). Stdout and Stderr are left to the caller.
func (c *CLI) Command(args ...string) *exec.Cmd {
	cmd := exec.CommandContext(c.t.Context(), c.terraform, append([]string{"-chdir=" + c.Dir}, args...)...) // #nosec G204 -- test input
	cmd.Env = c.env
	return cmd
}
