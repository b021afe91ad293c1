package provider_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	fwdatasource "github.com/hashicorp/terraform-plugin-framework/datasource"
	fwephemeral "github.com/hashicorp/terraform-plugin-framework/ephemeral"
	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/provider"
)

// repoRoot is where examples/, docs/ and templates/ live, seen from this
// package's directory (go test runs tests in the package directory).
const repoRoot = "../.."

// kind is one kind of Terraform type as tfplugindocs lays it out.
type kind struct {
	dir     string // examples/<dir>/<type>/ and docs/<dir>/<name>.md
	example string // the example file tfplugindocs reads
	block   string // the HCL block keyword that declares the type
}

var (
	kindResource  = kind{"resources", "resource.tf", "resource"}
	kindData      = kind{"data-sources", "data-source.tf", "data"}
	kindEphemeral = kind{"ephemeral-resources", "ephemeral-resource.tf", "ephemeral"}
)

// registeredTypes lists the type names the provider serves, by kind. Kinds
// the provider does not implement yet are empty.
func registeredTypes(t *testing.T) map[kind][]string {
	t.Helper()
	ctx := context.Background()
	p := provider.New("test")()
	var meta fwprovider.MetadataResponse
	p.Metadata(ctx, fwprovider.MetadataRequest{}, &meta)

	out := map[kind][]string{}
	for _, f := range p.Resources(ctx) {
		var r fwresource.MetadataResponse
		f().Metadata(ctx, fwresource.MetadataRequest{ProviderTypeName: meta.TypeName}, &r)
		out[kindResource] = append(out[kindResource], r.TypeName)
	}
	for _, f := range p.DataSources(ctx) {
		var r fwdatasource.MetadataResponse
		f().Metadata(ctx, fwdatasource.MetadataRequest{ProviderTypeName: meta.TypeName}, &r)
		out[kindData] = append(out[kindData], r.TypeName)
	}
	if pe, ok := p.(fwprovider.ProviderWithEphemeralResources); ok {
		for _, f := range pe.EphemeralResources(ctx) {
			var r fwephemeral.MetadataResponse
			f().Metadata(ctx, fwephemeral.MetadataRequest{ProviderTypeName: meta.TypeName}, &r)
			out[kindEphemeral] = append(out[kindEphemeral], r.TypeName)
		}
	}
	for k := range out {
		sort.Strings(out[k])
	}
	return out
}

// TestDocsAndExamplesCoverEveryType fails when a type the provider serves
// lacks what the registry page and users need, so that every backend that
// adds a type also adds them:
//   - examples/<kind>/<type>/<kind example>.tf declaring `<block> "<type>" "example"`
//   - for resources: import.sh (`terraform import <type>.example <id>`) and
//     import-by-string-id.tf (an `import { to = <type>.example ... }` block)
//   - docs/<kind>/<name>.md, generated, with a description, an example and,
//     for resources, an import section (run `make generate`)
//
// It also fails on examples, docs pages and templates that name no type, so
// that a renamed type leaves nothing stale behind.
func TestDocsAndExamplesCoverEveryType(t *testing.T) {
	t.Parallel()
	types := registeredTypes(t)
	if len(types[kindResource]) == 0 || len(types[kindData]) == 0 {
		t.Fatalf("the provider registers no resources or no data sources: %v", types)
	}

	for _, k := range []kind{kindResource, kindData, kindEphemeral} {
		known := map[string]bool{}
		for _, typ := range types[k] {
			known[typ] = true
			t.Run(k.dir+"/"+typ, func(t *testing.T) {
				t.Parallel()
				checkExample(t, k, typ)
				checkDocPage(t, k, typ)
			})
		}
		t.Run(k.dir+"/no-stale-files", func(t *testing.T) {
			t.Parallel()
			checkNoStale(t, k, known)
		})
	}

	t.Run("provider", func(t *testing.T) {
		t.Parallel()
		example := readFile(t, "examples/provider/provider.tf")
		if !regexp.MustCompile(`source\s*=\s*"cloudorder/cloudorder"`).MatchString(example) {
			t.Errorf("examples/provider/provider.tf: declare the provider with `source = \"cloudorder/cloudorder\"` in required_providers")
		}
		page := readFile(t, "docs/index.md")
		requireSections(t, "docs/index.md", page, "## Example Usage", "## Schema")
		requireDescription(t, "docs/index.md", page)
	})
}

func checkExample(t *testing.T, k kind, typ string) {
	t.Helper()
	dir := filepath.Join("examples", k.dir, typ)
	example := readFile(t, filepath.Join(dir, k.example))
	if example == "" {
		return
	}
	decl := regexp.MustCompile(fmt.Sprintf(`(?m)^%s\s+"%s"\s+"example"\s*\{`, k.block, regexp.QuoteMeta(typ)))
	if !decl.MatchString(example) {
		t.Errorf("%s/%s: declare the example as `%s %q \"example\" { ... }` so that docs and import examples can refer to it",
			dir, k.example, k.block, typ)
	}
	if k != kindResource {
		return
	}
	addr := typ + ".example"
	if sh := readFile(t, filepath.Join(dir, "import.sh")); sh != "" &&
		!regexp.MustCompile(`(?m)^terraform import `+regexp.QuoteMeta(addr)+` \S+`).MatchString(sh) {
		t.Errorf("%s/import.sh: show `terraform import %s <import id>` (with a comment that explains the id)", dir, addr)
	}
	if tf := readFile(t, filepath.Join(dir, "import-by-string-id.tf")); tf != "" {
		block := regexp.MustCompile(`(?s)import\s*\{[^}]*\bto\s*=\s*` + regexp.QuoteMeta(addr) + `\b[^}]*\bid\s*=`)
		if !block.MatchString(tf) {
			t.Errorf("%s/import-by-string-id.tf: write an `import { to = %s  id = \"<import id>\" }` block", dir, addr)
		}
	}
}

func checkDocPage(t *testing.T, k kind, typ string) {
	t.Helper()
	page := filepath.Join("docs", k.dir, strings.TrimPrefix(typ, "cloudorder_")+".md")
	text := readFile(t, page)
	if text == "" {
		return
	}
	requireDescription(t, page, text)
	requireSections(t, page, text, "## Example Usage", "## Schema")
	if !strings.Contains(text, fmt.Sprintf("%s %q", k.block, typ)) {
		t.Errorf("%s: the page shows no example of %s; add examples/%s/%s/%s and run `make generate`", page, typ, k.dir, typ, k.example)
	}
	if k == kindResource {
		requireSections(t, page, text, "## Import")
		for _, want := range []string{"terraform import " + typ + ".example", "to = " + typ + ".example"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: the import section does not show %q; a template must render both .ImportFile and .ImportIDConfigFile", page, want)
			}
		}
	}
}

// checkNoStale reports example directories, docs pages and templates of
// kind k that belong to no registered type.
func checkNoStale(t *testing.T, k kind, known map[string]bool) {
	t.Helper()
	dirs, _ := filepath.Glob(filepath.Join(repoRoot, "examples", k.dir, "*"))
	for _, d := range dirs {
		if typ := filepath.Base(d); !known[typ] {
			t.Errorf("examples/%s/%s: no such type is registered; remove or rename it", k.dir, typ)
		}
	}
	for _, pattern := range []string{filepath.Join("docs", k.dir, "*.md"), filepath.Join("templates", k.dir, "*.md.tmpl")} {
		files, _ := filepath.Glob(filepath.Join(repoRoot, pattern))
		for _, f := range files {
			name := strings.TrimSuffix(strings.TrimSuffix(filepath.Base(f), ".tmpl"), ".md")
			if !known["cloudorder_"+name] {
				rel, _ := filepath.Rel(repoRoot, f)
				t.Errorf("%s: no type cloudorder_%s is registered; remove or rename it (docs/ is generated: run `make generate`)", rel, name)
			}
		}
	}
}

// requireDescription checks the front matter's description, which the
// registry shows in its lists; it comes from the schema's MarkdownDescription.
func requireDescription(t *testing.T, name, text string) {
	t.Helper()
	m := regexp.MustCompile(`(?m)^description: \|-\n  (\S.*)$`).FindStringSubmatch(text)
	if m == nil {
		t.Errorf("%s: the front matter has no description; set MarkdownDescription on the schema and run `make generate`", name)
	}
}

func requireSections(t *testing.T, name, text string, headings ...string) {
	t.Helper()
	for _, h := range headings {
		if !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(h) + `\s*$`).MatchString(text) {
			t.Errorf("%s: no %q section; run `make generate` (and check the template in templates/, if there is one)", name, h)
		}
	}
}

// readFile reads a file relative to the repository root; a missing file is
// a test error that says what to add, and yields "".
func readFile(t *testing.T, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoRoot, rel))
	if os.IsNotExist(err) {
		t.Errorf("%s is missing; every registered type needs its example files and a generated docs page (see docs/toolchain.md and README.md, \"Documentation\")", rel)
		return ""
	}
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
