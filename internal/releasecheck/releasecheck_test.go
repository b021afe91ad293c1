package releasecheck

import (
	"archive/zip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v4"
)

const testVersion = "1.2.3"

var goodManifest = []byte(`{"version": 1, "metadata": {"protocol_versions": ["6.0"]}}`)

// writeDist writes what goreleaser would: a zip per platform and SHA256SUMS.
func writeDist(t *testing.T, manifest []byte) string {
	t.Helper()
	dist := t.TempDir()
	var sums strings.Builder
	for _, p := range Platforms {
		name := ZipName(testVersion, p)
		writeZip(t, filepath.Join(dist, name), BinaryName(testVersion, p))
		fmt.Fprintf(&sums, "%s  %s\n", fileSum(t, filepath.Join(dist, name)), name)
	}
	fmt.Fprintf(&sums, "%s  %s\n", sha256Hex(manifest), ManifestName(testVersion))
	if err := os.WriteFile(filepath.Join(dist, SumsName(testVersion)), []byte(sums.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return dist
}

func writeZip(t *testing.T, path string, files ...string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for _, name := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte("binary of " + name)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

func fileSum(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

func TestCheckDist(t *testing.T) {
	t.Parallel()
	linux := Platform{"linux", "amd64"}
	tests := []struct {
		name    string
		breakIt func(t *testing.T, dist string)
		want    []string // fragments of the error; none: no error
	}{
		{name: "complete", breakIt: func(*testing.T, string) {}},
		{
			name: "zip missing",
			breakIt: func(t *testing.T, dist string) {
				if err := os.Remove(filepath.Join(dist, ZipName(testVersion, linux))); err != nil {
					t.Fatal(err)
				}
			},
			want: []string{"linux_amd64", "no such file"},
		},
		{
			name: "zip changed after checksumming",
			breakIt: func(t *testing.T, dist string) {
				writeZip(t, filepath.Join(dist, ZipName(testVersion, linux)), BinaryName(testVersion, linux), "extra")
			},
			want: []string{"linux_amd64", "SHA256SUMS says"},
		},
		{
			name: "binary misnamed",
			breakIt: func(t *testing.T, dist string) {
				rewriteZipAndSums(t, dist, linux, "terraform-provider-cloudorder")
			},
			want: []string{"does not contain terraform-provider-cloudorder_v1.2.3"},
		},
		{
			name: "manifest not in SHA256SUMS",
			breakIt: func(t *testing.T, dist string) {
				editSums(t, dist, func(line string) bool { return !strings.HasSuffix(line, "_manifest.json") })
			},
			want: []string{"does not list terraform-provider-cloudorder_1.2.3_manifest.json"},
		},
		{
			name: "zip not in SHA256SUMS",
			breakIt: func(t *testing.T, dist string) {
				editSums(t, dist, func(line string) bool { return !strings.HasSuffix(line, "_windows_arm64.zip") })
			},
			want: []string{"windows_arm64", "not listed in SHA256SUMS"},
		},
		{
			name: "unexpected platform",
			breakIt: func(t *testing.T, dist string) {
				p := Platform{"plan9", "amd64"}
				writeZip(t, filepath.Join(dist, ZipName(testVersion, p)), BinaryName(testVersion, p))
			},
			want: []string{"unexpected archive terraform-provider-cloudorder_1.2.3_plan9_amd64.zip"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dist := writeDist(t, goodManifest)
			tt.breakIt(t, dist)
			err := CheckDist(dist, testVersion, goodManifest)
			if len(tt.want) == 0 {
				if err != nil {
					t.Fatalf("CheckDist: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("CheckDist found nothing wrong, want an error with %q", tt.want)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestCheckDist_manifestMismatch(t *testing.T) {
	t.Parallel()
	dist := writeDist(t, goodManifest)
	other := []byte(`{"version": 1, "metadata": {"protocol_versions": ["6.0"]}}` + "\n")
	err := CheckDist(dist, testVersion, other)
	if err == nil || !strings.Contains(err.Error(), "hashes to") {
		t.Fatalf("CheckDist with another manifest: %v, want a checksum mismatch", err)
	}
}

func TestCheckManifest(t *testing.T) {
	t.Parallel()
	tests := []struct {
		manifest, want string
	}{
		{`{"version": 1, "metadata": {"protocol_versions": ["6.0"]}}`, ""},
		{`{"version": 1, "metadata": {"protocol_versions": ["5.0"]}}`, `want ["6.0"]`},
		{`{"version": 1, "metadata": {"protocol_versions": ["5.0", "6.0"]}}`, `want ["6.0"]`},
		{`{"version": 2, "metadata": {"protocol_versions": ["6.0"]}}`, "version is 2"},
		{`{"version": 1, "metadata": {"protocol_version": ["6.0"]}}`, "unknown field"},
		{`{"version": 1,`, "unexpected EOF"},
	}
	for _, tt := range tests {
		err := CheckManifest([]byte(tt.manifest))
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("CheckManifest(%s): %v", tt.manifest, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("CheckManifest(%s) = %v, want an error with %q", tt.manifest, err, tt.want)
		}
	}
}

// TestRepositoryManifest checks the manifest that releases ship.
func TestRepositoryManifest(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile(filepath.Join("..", "..", ManifestFile))
	if err != nil {
		t.Fatal(err)
	}
	if err := CheckManifest(b); err != nil {
		t.Fatal(err)
	}
}

// goreleaserConfig is the part of .goreleaser.yml the registry depends on.
type goreleaserConfig struct {
	ProjectName string `yaml:"project_name"`
	Builds      []struct {
		Env     []string `yaml:"env"`
		Flags   []string `yaml:"flags"`
		Ldflags []string `yaml:"ldflags"`
		Goos    []string `yaml:"goos"`
		Goarch  []string `yaml:"goarch"`
		Ignore  []struct {
			Goos   string `yaml:"goos"`
			Goarch string `yaml:"goarch"`
		} `yaml:"ignore"`
		Binary string `yaml:"binary"`
	} `yaml:"builds"`
	Archives []struct {
		Formats      []string `yaml:"formats"`
		NameTemplate string   `yaml:"name_template"`
		Files        []string `yaml:"files"`
	} `yaml:"archives"`
	Snapshot struct {
		VersionTemplate string `yaml:"version_template"`
	} `yaml:"snapshot"`
	Checksum struct {
		NameTemplate string `yaml:"name_template"`
		Algorithm    string `yaml:"algorithm"`
		ExtraFiles   []struct {
			Glob         string `yaml:"glob"`
			NameTemplate string `yaml:"name_template"`
		} `yaml:"extra_files"`
	} `yaml:"checksum"`
	Signs []struct {
		Artifacts string `yaml:"artifacts"`
	} `yaml:"signs"`
}

// TestGoreleaserConfig keeps .goreleaser.yml and this package in step
// without a goreleaser build (CI runs only `goreleaser check`): the build matrix is
// exactly Platforms, and names, flags and checksums are what the registry
// and scripts/release-test.sh expect.
func TestGoreleaserConfig(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile(filepath.Join("..", "..", ".goreleaser.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var cfg goreleaserConfig
	if err := yaml.Unmarshal(b, &cfg); err != nil {
		t.Fatal(err)
	}
	if cfg.ProjectName != ProjectName {
		t.Errorf("project_name = %q, want %q", cfg.ProjectName, ProjectName)
	}
	if len(cfg.Builds) != 1 {
		t.Fatalf("want one build, got %d", len(cfg.Builds))
	}
	build := cfg.Builds[0]
	var matrix []string
	for _, goos := range build.Goos {
		for _, goarch := range build.Goarch {
			ignored := slices.ContainsFunc(build.Ignore, func(i struct {
				Goos   string `yaml:"goos"`
				Goarch string `yaml:"goarch"`
			}) bool {
				return i.Goos == goos && i.Goarch == goarch
			})
			if !ignored {
				matrix = append(matrix, goos+"_"+goarch)
			}
		}
	}
	var want []string
	for _, p := range Platforms {
		want = append(want, p.String())
	}
	slices.Sort(matrix)
	slices.Sort(want)
	if !slices.Equal(matrix, want) {
		t.Errorf("goreleaser builds %v, releasecheck.Platforms is %v", matrix, want)
	}
	expect := func(what, got, want string) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %q, want %q", what, got, want)
		}
	}
	expect("builds[0].binary", build.Binary, "{{ .ProjectName }}_v{{ .Version }}")
	if !slices.Contains(build.Env, "CGO_ENABLED=0") || !slices.Contains(build.Flags, "-trimpath") {
		t.Errorf("builds[0] needs CGO_ENABLED=0 and -trimpath, has env %v flags %v", build.Env, build.Flags)
	}
	if len(build.Ldflags) != 1 || !strings.Contains(build.Ldflags[0], "-X main.version={{ .Version }}") {
		t.Errorf("builds[0].ldflags %v must set main.version, which -version prints", build.Ldflags)
	} else {
		// BuildDist (make demo, the mirror test) builds what goreleaser builds.
		expect("builds[0].ldflags[0]", build.Ldflags[0], LDFlags("{{ .Version }}"))
	}
	if len(cfg.Archives) != 1 || !slices.Equal(cfg.Archives[0].Formats, []string{"zip"}) {
		t.Fatalf("want one zip archive, got %+v", cfg.Archives)
	}
	expect("archives[0].name_template", cfg.Archives[0].NameTemplate, "{{ .ProjectName }}_{{ .Version }}_{{ .Os }}_{{ .Arch }}")
	if !slices.Equal(cfg.Archives[0].Files, ArchiveFiles) {
		t.Errorf("archives[0].files = %v, releasecheck.ArchiveFiles (what BuildDist zips) = %v", cfg.Archives[0].Files, ArchiveFiles)
	}
	// terraform lower-cases a pre-release version it reads from a mirror, so
	// an exact constraint on a snapshot with capitals would match nothing.
	literal := regexp.MustCompile(`{{[^}]*}}`).ReplaceAllString(cfg.Snapshot.VersionTemplate, "")
	if literal != strings.ToLower(literal) || !strings.Contains(cfg.Snapshot.VersionTemplate, "-") {
		t.Errorf("snapshot.version_template = %q: want a lower-case pre-release, e.g. \"{{ incpatch .Version }}-snapshot-{{ .ShortCommit }}\"", cfg.Snapshot.VersionTemplate)
	}
	expect("checksum.name_template", cfg.Checksum.NameTemplate, "{{ .ProjectName }}_{{ .Version }}_SHA256SUMS")
	expect("checksum.algorithm", cfg.Checksum.Algorithm, "sha256")
	if len(cfg.Checksum.ExtraFiles) != 1 {
		t.Fatalf("checksum.extra_files must hold the registry manifest, has %+v", cfg.Checksum.ExtraFiles)
	}
	expect("checksum.extra_files[0].glob", cfg.Checksum.ExtraFiles[0].Glob, ManifestFile)
	expect("checksum.extra_files[0].name_template", cfg.Checksum.ExtraFiles[0].NameTemplate, "{{ .ProjectName }}_{{ .Version }}_manifest.json")
	if len(cfg.Signs) != 1 || cfg.Signs[0].Artifacts != "checksum" {
		t.Errorf("signs must sign the checksum file, has %+v", cfg.Signs)
	}
}

// rewriteZipAndSums replaces p's zip with one holding binary and updates
// SHA256SUMS, so that only the zip's content is wrong.
func rewriteZipAndSums(t *testing.T, dist string, p Platform, binary string) {
	t.Helper()
	name := ZipName(testVersion, p)
	writeZip(t, filepath.Join(dist, name), binary)
	sum := fileSum(t, filepath.Join(dist, name))
	editSums(t, dist, func(string) bool { return true })
	path := filepath.Join(dist, SumsName(testVersion))
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if strings.HasSuffix(line, "  "+name) {
			line = sum + "  " + name
		}
		out = append(out, line)
	}
	if err := os.WriteFile(path, []byte(strings.Join(out, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
}

// editSums keeps the SHA256SUMS lines for which keep is true.
func editSums(t *testing.T, dist string, keep func(line string) bool) {
	t.Helper()
	path := filepath.Join(dist, SumsName(testVersion))
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if keep(line) {
			out = append(out, line)
		}
	}
	if err := os.WriteFile(path, []byte(strings.Join(out, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
}
