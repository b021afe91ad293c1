// Command distcheck checks goreleaser's dist/ before a release: see package
// releasecheck. It also runs the host platform's binary with -version and
// expects exactly the version goreleaser built. Run it from the repository
// root (scripts/release-test.sh does):
//
//	go run ./cmd/distcheck -dist dist
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/releasecheck"
)

func main() {
	dist := flag.String("dist", "dist", "goreleaser's output directory")
	manifest := flag.String("manifest", releasecheck.ManifestFile, "the registry manifest goreleaser was given")
	signed := flag.Bool("signed", false, "also require the GPG signature of SHA256SUMS")
	flag.Parse()
	if err := run(*dist, *manifest, *signed); err != nil {
		fmt.Fprintf(os.Stderr, "distcheck: %v\n", err)
		os.Exit(1)
	}
}

func run(dist, manifestPath string, signed bool) error {
	meta, err := releasecheck.ReadMetadata(dist)
	if err != nil {
		return err
	}
	manifest, err := os.ReadFile(manifestPath) // #nosec G304 -- a path the caller chose
	if err != nil {
		return err
	}
	if err := releasecheck.CheckDist(dist, meta.Version, manifest); err != nil {
		return fmt.Errorf("%s (version %s):\n%w", dist, meta.Version, err)
	}
	fmt.Printf("ok: %d zips, %s lists them and %s\n",
		len(releasecheck.Platforms), releasecheck.SumsName(meta.Version), releasecheck.ManifestName(meta.Version))
	if signed {
		sig := filepath.Join(dist, releasecheck.SumsName(meta.Version)+".sig")
		if _, err := os.Stat(sig); err != nil {
			return fmt.Errorf("signature missing: %w", err)
		}
		fmt.Printf("ok: %s exists\n", filepath.Base(sig))
	}
	return checkHostBinary(dist, meta.Version)
}

// checkHostBinary runs the binary built for this machine, as terraform
// would find it in the zip, and checks that -version reports the release.
func checkHostBinary(dist, version string) error {
	host := releasecheck.Platform{OS: runtime.GOOS, Arch: runtime.GOARCH}
	dir, err := os.MkdirTemp("", "distcheck-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	bin, err := releasecheck.ExtractBinary(dist, version, host, dir)
	if err != nil {
		return fmt.Errorf("host platform %s: %w", host, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, bin, "-version").CombinedOutput() // #nosec G204 -- our own binary
	if err != nil {
		return fmt.Errorf("%s -version: %w: %s", filepath.Base(bin), err, out)
	}
	if got := strings.TrimSpace(string(out)); got != version {
		return fmt.Errorf("%s -version printed %q, want %q", filepath.Base(bin), got, version)
	}
	fmt.Printf("ok: %s -version prints %s\n", filepath.Base(bin), version)
	return nil
}
