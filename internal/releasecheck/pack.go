package releasecheck

import (
	"archive/zip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
)

// The release build without goreleaser: what `make demo` and the mirror
// test install. BuildDist writes the files goreleaser writes for the
// registry (.goreleaser.yml, kept in step by TestGoreleaserConfig), with the
// same names, build flags and archive contents, for the platforms asked for,
// in a few seconds per platform once the build cache is warm instead of
// goreleaser's minutes-long cold build.

// ArchiveFiles are the repository files goreleaser puts in every zip
// beside the binary (archives[0].files).
var ArchiveFiles = []string{"README.md", "CHANGELOG.md"}

// GoArm is the ARM version goreleaser builds for GOARCH=arm (its default).
const GoArm = "6"

// LDFlags are the linker flags of a release build of version.
func LDFlags(version string) string { return "-s -w -X main.version=" + version }

// Host is the platform this program runs on.
func Host() Platform { return Platform{runtime.GOOS, runtime.GOARCH} }

// semverRE is a version terraform accepts in a provider mirror, lower case:
// terraform lower-cases a pre-release it reads from a mirror's file names, so
// that 0.0.1-SNAPSHOT-abc is listed as 0.0.1-snapshot-abc and an exact
// constraint with the capitals matches nothing.
var semverRE = regexp.MustCompile(`^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9a-z]+([.-][0-9a-z]+)*)?$`)

// CheckVersion fails unless version can be installed from a mirror.
func CheckVersion(version string) error {
	if !semverRE.MatchString(version) {
		return fmt.Errorf("version %q: want MAJOR.MINOR.PATCH[-prerelease] in lower case, without a leading v "+
			"(terraform lower-cases pre-release versions it finds in a mirror)", version)
	}
	return nil
}

// ParsePlatforms reads "host", "all" or a comma-separated list of os_arch.
func ParsePlatforms(s string) ([]Platform, error) {
	switch s {
	case "all":
		return slices.Clone(Platforms), nil
	case "host", "":
		return []Platform{Host()}, nil
	}
	var out []Platform
	for _, f := range strings.Split(s, ",") {
		goos, goarch, ok := strings.Cut(strings.TrimSpace(f), "_")
		p := Platform{goos, goarch}
		if !ok || !slices.Contains(Platforms, p) {
			return nil, fmt.Errorf("%q is not a released platform (%v)", f, Platforms)
		}
		out = append(out, p)
	}
	return out, nil
}

// BuildDist builds the provider in root for each platform into dist as
// goreleaser would: a zip per platform holding the binary and
// ArchiveFiles, SHA256SUMS over the zips and the registry manifest (copied
// under its release name), and metadata.json naming the version. log gets
// one line per platform.
func BuildDist(ctx context.Context, root, dist, version string, platforms []Platform, log io.Writer) error {
	if err := CheckVersion(version); err != nil {
		return err
	}
	if err := os.MkdirAll(dist, 0o750); err != nil {
		return err
	}
	bin, err := os.MkdirTemp("", "cloudorder-dist-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(bin)
	sums := map[string]string{}
	for _, p := range platforms {
		fmt.Fprintf(log, "building %s\n", ZipName(version, p))
		exe := filepath.Join(bin, p.String(), BinaryName(version, p))
		cmd := exec.CommandContext(ctx, "go", "build", "-trimpath", "-ldflags", LDFlags(version), "-o", exe, ".") // #nosec G204 -- fixed arguments
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS="+p.OS, "GOARCH="+p.Arch, "GOARM="+GoArm)
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("go build for %s: %w\n%s", p, err, out)
		}
		zipPath := filepath.Join(dist, ZipName(version, p))
		if err := writeArchive(zipPath, root, exe); err != nil {
			return fmt.Errorf("%s: %w", filepath.Base(zipPath), err)
		}
		b, err := os.ReadFile(zipPath) // #nosec G304 -- our own output
		if err != nil {
			return err
		}
		sums[filepath.Base(zipPath)] = sha256Hex(b)
	}
	manifest, err := os.ReadFile(filepath.Join(root, ManifestFile)) // #nosec G304 -- the repository's manifest
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dist, ManifestName(version)), manifest, 0o600); err != nil { // #nosec G703 -- our own output directory
		return err
	}
	sums[ManifestName(version)] = sha256Hex(manifest)
	names := make([]string, 0, len(sums))
	for name := range sums {
		names = append(names, name)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, name := range names {
		fmt.Fprintf(&b, "%s  %s\n", sums[name], name)
	}
	if err := os.WriteFile(filepath.Join(dist, SumsName(version)), []byte(b.String()), 0o600); err != nil {
		return err
	}
	meta, err := json.Marshal(Metadata{ProjectName: ProjectName, Version: version})
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dist, "metadata.json"), meta, 0o600)
}

// writeArchive zips exe and ArchiveFiles from root, flat, as goreleaser does.
func writeArchive(zipPath, root, exe string) (err error) {
	f, err := os.Create(zipPath) // #nosec G304 -- our own output
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	zw := zip.NewWriter(f)
	files := append([]string{exe}, ArchiveFiles...)
	for _, name := range files {
		src := name
		if !filepath.IsAbs(src) {
			src = filepath.Join(root, name)
		}
		if err := addToZip(zw, src, filepath.Base(name)); err != nil {
			return err
		}
	}
	return zw.Close()
}

func addToZip(zw *zip.Writer, src, name string) error {
	info, err := os.Stat(src)
	if err != nil {
		return err
	}
	h, err := zip.FileInfoHeader(info)
	if err != nil {
		return err
	}
	h.Name, h.Method = name, zip.Deflate
	w, err := zw.CreateHeader(h)
	if err != nil {
		return err
	}
	r, err := os.Open(src) // #nosec G304 -- files we name
	if err != nil {
		return err
	}
	defer r.Close()
	_, err = io.Copy(w, r)
	return err
}

// MirrorDir is where a packed filesystem mirror (the layout `terraform
// providers mirror` writes) keeps this provider's zips for a registry host,
// e.g. registry.terraform.io or registry.opentofu.org.
func MirrorDir(mirror, host string) string {
	return filepath.Join(mirror, host, "cloudorder", "cloudorder")
}

// LayOutMirror copies the zips of the platforms from dist into the packed
// mirror layout under mirror for host, and returns the provider's directory.
func LayOutMirror(dist, mirror, host, version string, platforms []Platform) (string, error) {
	dir := MirrorDir(mirror, host)
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return "", err
	}
	for _, p := range platforms {
		b, err := os.ReadFile(filepath.Join(dist, ZipName(version, p))) // #nosec G304 -- our own output
		if err != nil {
			return "", err
		}
		if err := os.WriteFile(filepath.Join(dir, ZipName(version, p)), b, 0o600); err != nil { // #nosec G703 -- our own mirror directory
			return "", err
		}
	}
	return dir, nil
}
