package releasecheck

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"
)

// mirrorTestVersion is a snapshot version as .goreleaser.yml names one: in
// lower case, because terraform lower-cases the pre-release of a version it
// finds in a mirror.
const mirrorTestVersion = "0.0.1-snapshot-mirrortest"

// TestAccMirror_lockEveryPlatform installs the provider the way an
// air-gapped team does: the release zips of every platform, built with the
// release flags, laid out as a packed filesystem mirror;
// `terraform providers lock -fs-mirror` records one h1: hash per platform;
// `terraform init -lockfile=readonly` installs from the mirror against that
// lock file with no network; and each zip's sha256 is the one SHA256SUMS
// lists. It cross-compiles the provider for every platform (a link each
// when the build cache is warm), so it runs only with TF_ACC.
func TestAccMirror_lockEveryPlatform(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("set TF_ACC=1 to run acceptance tests (this one runs terraform and cross-compiles the provider)")
	}
	tf := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if tf == "" {
		var err error
		if tf, err = exec.LookPath("terraform"); err != nil {
			t.Fatalf("terraform is not on PATH and TF_ACC_TERRAFORM_PATH is not set: %v", err)
		}
	}
	// Under OpenTofu, source = "cloudorder/cloudorder" means registry.opentofu.org.
	host := os.Getenv("TF_ACC_PROVIDER_HOST")
	if host == "" {
		host = "registry.terraform.io"
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	// Cold, the 13 cross builds take about 10 CPU-minutes; warm, a link each.
	ctx, cancel := context.WithTimeout(t.Context(), 25*time.Minute)
	defer cancel()

	dist, mirror, work := t.TempDir(), t.TempDir(), t.TempDir()
	start := time.Now()
	var log bytes.Buffer
	if err := BuildDist(ctx, root, dist, mirrorTestVersion, Platforms, &log); err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	t.Logf("built %d platforms in %v", len(Platforms), time.Since(start).Round(time.Second))
	manifest, err := os.ReadFile(filepath.Join(root, ManifestFile))
	if err != nil {
		t.Fatal(err)
	}
	// The same check as `make release-test` on goreleaser's dist/.
	if err := CheckDist(dist, mirrorTestVersion, manifest); err != nil {
		t.Fatal(err)
	}
	if _, err := LayOutMirror(dist, mirror, host, mirrorTestVersion, Platforms); err != nil {
		t.Fatal(err)
	}

	rc := filepath.Join(work, "terraformrc")
	writeFile(t, rc, `provider_installation {
  filesystem_mirror {
    path    = "`+mirror+`"
    include = ["`+host+`/cloudorder/*"]
  }
  direct {
    exclude = ["`+host+`/cloudorder/*"]
  }
}
`)
	module := filepath.Join(work, "module")
	writeFile(t, filepath.Join(module, "main.tf"), `terraform {
  required_providers {
    cloudorder = {
      source  = "cloudorder/cloudorder"
      version = "`+mirrorTestVersion+`"
    }
  }
}

provider "cloudorder" {}
`)
	env := []string{"TF_CLI_CONFIG_FILE=" + rc, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1", "TF_INPUT=0",
		"TF_PLUGIN_CACHE_DIR=", "TF_DATA_DIR=" + filepath.Join(work, "data"), "HOME=" + work, "PATH=" + os.Getenv("PATH")}
	run := func(args ...string) string {
		t.Helper()
		cmd := exec.CommandContext(ctx, tf, append([]string{"-chdir=" + module}, args...)...) // #nosec G204 -- test input
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s %s: %v\n%s", filepath.Base(tf), strings.Join(args, " "), err, out)
		}
		return string(out)
	}

	lockArgs := []string{"providers", "lock", "-fs-mirror=" + mirror}
	for _, p := range Platforms {
		lockArgs = append(lockArgs, "-platform="+p.String())
	}
	run(lockArgs...)
	lock, err := os.ReadFile(filepath.Join(module, ".terraform.lock.hcl"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(lock), `provider "`+host+`/cloudorder/cloudorder"`) ||
		!strings.Contains(string(lock), `version     = "`+mirrorTestVersion+`"`) {
		t.Fatalf("the lock file does not pin %s/cloudorder/cloudorder %s:\n%s", host, mirrorTestVersion, lock)
	}
	hashes := regexp.MustCompile(`"h1:[A-Za-z0-9+/=]+"`).FindAllString(string(lock), -1)
	distinct := map[string]bool{}
	for _, h := range hashes {
		distinct[h] = true
	}
	if len(distinct) != len(Platforms) {
		t.Errorf("the lock file has %d distinct h1: hashes, want one per platform (%d):\n%s", len(distinct), len(Platforms), lock)
	}

	// -lockfile=readonly: init must find in the mirror exactly what the lock
	// file pins, and not rewrite it.
	out := run("init", "-no-color", "-lockfile=readonly")
	if strings.Contains(out, "development overrides") {
		t.Errorf("init used dev_overrides:\n%s", out)
	}
	if !strings.Contains(out, "Installed cloudorder/cloudorder v"+mirrorTestVersion) {
		t.Errorf("init did not install cloudorder/cloudorder v%s from the mirror:\n%s", mirrorTestVersion, out)
	}
	after, err := os.ReadFile(filepath.Join(module, ".terraform.lock.hcl"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(lock, after) {
		t.Errorf("init changed the lock file:\n%s\nwas:\n%s", after, lock)
	}
	// The installed provider runs: its schema answers.
	if schema := run("providers", "schema", "-json"); !strings.Contains(schema, "cloudorder_waldur_order") {
		t.Errorf("providers schema -json does not list cloudorder_waldur_order:\n%.2000s", schema)
	}
	installed := filepath.Join(work, "data", "providers", host, "cloudorder", "cloudorder", mirrorTestVersion, runtime.GOOS+"_"+runtime.GOARCH)
	if _, err := os.Stat(filepath.Join(installed, BinaryName(mirrorTestVersion, Host()))); err != nil {
		t.Errorf("the host binary was not installed: %v", err)
	}

	// Each zip in the mirror is byte for byte the one SHA256SUMS lists.
	b, err := os.ReadFile(filepath.Join(dist, SumsName(mirrorTestVersion)))
	if err != nil {
		t.Fatal(err)
	}
	sums, err := ParseSums(b)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range Platforms {
		name := ZipName(mirrorTestVersion, p)
		zb, err := os.ReadFile(filepath.Join(MirrorDir(mirror, host), name))
		if err != nil {
			t.Fatal(err)
		}
		if got := sha256Hex(zb); got != sums[name] {
			t.Errorf("%s: sha256 %s, SHA256SUMS lists %q", name, got, sums[name])
		}
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}
