// Command distbuild builds release zips without goreleaser, with the names,
// flags and contents .goreleaser.yml gives them (see releasecheck.BuildDist),
// and can lay them out as a packed filesystem mirror that `terraform init`
// installs from. `make demo` uses it for the host platform. Run it from the
// repository root:
//
//	go run ./cmd/distbuild -version 0.1.0 -out DIR [-platforms host|all|os_arch,...] [-mirror DIR]
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/releasecheck"
)

func main() {
	version := flag.String("version", "", "version to build, lower case, without a leading v (e.g. 0.1.0 or 0.1.1-snapshot-abc1234)")
	out := flag.String("out", "dist", "directory for the zips, SHA256SUMS, the manifest and metadata.json")
	platforms := flag.String("platforms", "host", `"host", "all" or a comma-separated list of os_arch`)
	mirror := flag.String("mirror", "", "also lay the zips out as a packed filesystem mirror in this directory")
	host := flag.String("host", "registry.terraform.io", "registry host of the mirror layout (registry.opentofu.org for OpenTofu)")
	flag.Parse()
	if err := run(*version, *out, *platforms, *mirror, *host); err != nil {
		fmt.Fprintf(os.Stderr, "distbuild: %v\n", err)
		os.Exit(1)
	}
}

func run(version, out, platformList, mirror, host string) error {
	ps, err := releasecheck.ParsePlatforms(platformList)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := releasecheck.BuildDist(ctx, ".", out, version, ps, os.Stderr); err != nil {
		return err
	}
	if mirror != "" {
		dir, err := releasecheck.LayOutMirror(out, mirror, host, version, ps)
		if err != nil {
			return err
		}
		fmt.Printf("%s\n", dir)
	}
	return nil
}
