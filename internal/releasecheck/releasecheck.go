// Package releasecheck checks what goreleaser wrote to dist/ against what
// the Terraform registry needs before it publishes a provider version: a zip
// per platform with the right name and binary, a SHA256SUMS file that covers
// every zip and the registry manifest, and a manifest that declares protocol
// 6. scripts/release-test.sh runs it (through ./cmd/distcheck)
// after `make release-snapshot`.
package releasecheck

import (
	"archive/zip"
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// ProjectName is the goreleaser project_name and the provider's binary name.
const ProjectName = "terraform-provider-cloudorder"

// ManifestFile is the registry manifest in the repository root.
const ManifestFile = "terraform-registry-manifest.json"

// Platform is one OS/architecture pair the registry serves.
type Platform struct{ OS, Arch string }

func (p Platform) String() string { return p.OS + "_" + p.Arch }

// Platforms is every platform the provider is released for; it must match
// builds[].goos/goarch/ignore in .goreleaser.yml. These are the platforms
// HashiCorp's scaffolding releases, which Terraform users expect.
var Platforms = []Platform{
	{"darwin", "amd64"}, {"darwin", "arm64"},
	{"freebsd", "386"}, {"freebsd", "amd64"}, {"freebsd", "arm"}, {"freebsd", "arm64"},
	{"linux", "386"}, {"linux", "amd64"}, {"linux", "arm"}, {"linux", "arm64"},
	{"windows", "386"}, {"windows", "amd64"}, {"windows", "arm64"},
}

// ZipName is the archive name the registry expects.
func ZipName(version string, p Platform) string {
	return fmt.Sprintf("%s_%s_%s_%s.zip", ProjectName, version, p.OS, p.Arch)
}

// BinaryName is the provider binary inside the zip: terraform looks for
// terraform-provider-<name>_v<version>.
func BinaryName(version string, p Platform) string {
	name := fmt.Sprintf("%s_v%s", ProjectName, version)
	if p.OS == "windows" {
		name += ".exe"
	}
	return name
}

// SumsName is the checksum file the registry downloads and verifies.
func SumsName(version string) string { return fmt.Sprintf("%s_%s_SHA256SUMS", ProjectName, version) }

// ManifestName is the release name of the registry manifest.
func ManifestName(version string) string {
	return fmt.Sprintf("%s_%s_manifest.json", ProjectName, version)
}

// Metadata is the part of goreleaser's dist/metadata.json we need.
type Metadata struct {
	ProjectName string `json:"project_name"`
	Version     string `json:"version"`
}

// ReadMetadata reads dist/metadata.json, which names the version goreleaser built.
func ReadMetadata(dist string) (Metadata, error) {
	var m Metadata
	b, err := os.ReadFile(filepath.Join(dist, "metadata.json"))
	if err != nil {
		return m, fmt.Errorf("reading goreleaser metadata (did goreleaser run?): %w", err)
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return m, fmt.Errorf("parsing %s: %w", filepath.Join(dist, "metadata.json"), err)
	}
	if m.Version == "" {
		return m, errors.New("dist/metadata.json names no version")
	}
	if m.ProjectName != ProjectName {
		return m, fmt.Errorf("dist/metadata.json: project_name is %q, want %q", m.ProjectName, ProjectName)
	}
	return m, nil
}

// CheckManifest checks the registry manifest: format version 1 and exactly
// protocol 6.0 (the provider serves protocol 6 only).
func CheckManifest(b []byte) error {
	var m struct {
		Version  int `json:"version"`
		Metadata struct {
			ProtocolVersions []string `json:"protocol_versions"`
		} `json:"metadata"`
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return fmt.Errorf("%s: %w", ManifestFile, err)
	}
	if m.Version != 1 {
		return fmt.Errorf("%s: version is %d, want 1", ManifestFile, m.Version)
	}
	if !slices.Equal(m.Metadata.ProtocolVersions, []string{"6.0"}) {
		return fmt.Errorf("%s: metadata.protocol_versions is %q, want [\"6.0\"]", ManifestFile, m.Metadata.ProtocolVersions)
	}
	return nil
}

// ParseSums reads a sha256sum-style file: "<hex>  <name>" per line.
func ParseSums(b []byte) (map[string]string, error) {
	sums := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		sum, name, ok := strings.Cut(line, "  ")
		if !ok || len(sum) != sha256.Size*2 || strings.TrimLeft(sum, "0123456789abcdef") != "" {
			return nil, fmt.Errorf("line %d is not \"<sha256>  <file>\": %q", n, line)
		}
		if _, dup := sums[name]; dup {
			return nil, fmt.Errorf("line %d: %s is listed twice", n, name)
		}
		sums[name] = sum
	}
	return sums, sc.Err()
}

// CheckDist checks dist against version: every platform's zip exists, holds
// the binary, and is listed in SHA256SUMS with its real checksum; SHA256SUMS
// lists the manifest with the checksum of manifest (the repository's
// terraform-registry-manifest.json) and nothing unexpected; the manifest is
// valid. It returns every problem it finds, joined.
func CheckDist(dist, version string, manifest []byte) error {
	var errs []error
	if err := CheckManifest(manifest); err != nil {
		errs = append(errs, err)
	}
	sumsPath := filepath.Join(dist, SumsName(version))
	b, err := os.ReadFile(sumsPath)
	if err != nil {
		return errors.Join(append(errs, err)...)
	}
	sums, err := ParseSums(b)
	if err != nil {
		return errors.Join(append(errs, fmt.Errorf("%s: %w", sumsPath, err))...)
	}

	want := map[string]bool{ManifestName(version): true}
	if got, ok := sums[ManifestName(version)]; !ok {
		errs = append(errs, fmt.Errorf("%s does not list %s", SumsName(version), ManifestName(version)))
	} else if h := sha256Hex(manifest); got != h {
		errs = append(errs, fmt.Errorf("%s lists %s with %s, but %s hashes to %s", SumsName(version), ManifestName(version), got, ManifestFile, h))
	}
	for _, p := range Platforms {
		name := ZipName(version, p)
		want[name] = true
		if err := checkZip(filepath.Join(dist, name), BinaryName(version, p), sums[name]); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", p, err))
		}
	}
	for name := range sums {
		if !want[name] {
			errs = append(errs, fmt.Errorf("%s lists %s, which is not a release artifact of a known platform (update releasecheck.Platforms and .goreleaser.yml together)", SumsName(version), name))
		}
	}
	// A zip on disk that SHA256SUMS leaves out would be published unverified.
	zips, _ := filepath.Glob(filepath.Join(dist, ProjectName+"_*.zip"))
	for _, z := range zips {
		if !want[filepath.Base(z)] {
			errs = append(errs, fmt.Errorf("unexpected archive %s in %s", filepath.Base(z), dist))
		}
	}
	return errors.Join(errs...)
}

func checkZip(path, binary, listedSum string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if listedSum == "" {
		return fmt.Errorf("%s is not listed in SHA256SUMS", filepath.Base(path))
	}
	if h := sha256Hex(b); h != listedSum {
		return fmt.Errorf("%s hashes to %s, SHA256SUMS says %s", filepath.Base(path), h, listedSum)
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	var names []string
	for _, f := range zr.File {
		if f.Name == binary {
			if f.UncompressedSize64 == 0 {
				return fmt.Errorf("%s: %s is empty", filepath.Base(path), binary)
			}
			return nil
		}
		names = append(names, f.Name)
	}
	return fmt.Errorf("%s does not contain %s (it has %s)", filepath.Base(path), binary, strings.Join(names, ", "))
}

// ExtractBinary writes the binary of platform p from its zip in dist into
// dir and returns its path.
func ExtractBinary(dist, version string, p Platform, dir string) (string, error) {
	zr, err := zip.OpenReader(filepath.Join(dist, ZipName(version, p)))
	if err != nil {
		return "", err
	}
	defer zr.Close()
	want := BinaryName(version, p)
	for _, f := range zr.File {
		if f.Name == want {
			return extract(f, filepath.Join(dir, want))
		}
	}
	return "", fmt.Errorf("%s does not contain %s", ZipName(version, p), want)
}

func extract(f *zip.File, out string) (string, error) {
	rc, err := f.Open()
	if err != nil {
		return "", err
	}
	defer rc.Close()
	w, err := os.OpenFile(out, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755) // #nosec G302 G304 -- an executable we name
	if err != nil {
		return "", err
	}
	// The size is bounded by the zip we built ourselves.
	if _, err := io.Copy(w, rc); err != nil { // #nosec G110
		_ = w.Close()
		return "", err
	}
	return out, w.Close()
}

func sha256Hex(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}
