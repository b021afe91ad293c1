package awanio

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// TestEveryTypeDocumentsItsAPINotes checks that each Awanio type's
// documentation ends with the "API notes" section generated from the
// contract (apinotes_gen.go), so a new type cannot forget it.
func TestEveryTypeDocumentsItsAPINotes(t *testing.T) {
	ctx := context.Background()
	check := func(typ, desc string) {
		t.Helper()
		note, ok := apiNotes[typ]
		switch {
		case !ok:
			t.Errorf("%s: no entry in apiNotes: list it in x-terraform-types of the operations it uses (internal/mockcloud/awanio/contract.yaml), then go generate", typ)
		case !strings.HasSuffix(desc, note) || !strings.Contains(note, "## API notes"):
			t.Errorf("%s: the schema description does not end with its API notes", typ)
		}
	}
	for _, f := range Resources() {
		r := f()
		var m resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "cloudorder"}, &m)
		var s resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &s)
		check(m.TypeName, s.Schema.MarkdownDescription)
	}
	for _, f := range DataSources() {
		d := f()
		var m datasource.MetadataResponse
		d.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "cloudorder"}, &m)
		var s datasource.SchemaResponse
		d.Schema(ctx, datasource.SchemaRequest{}, &s)
		check(m.TypeName, s.Schema.MarkdownDescription)
	}
	for _, f := range EphemeralResources() {
		e := f()
		var m ephemeral.MetadataResponse
		e.Metadata(ctx, ephemeral.MetadataRequest{ProviderTypeName: "cloudorder"}, &m)
		var s ephemeral.SchemaResponse
		e.Schema(ctx, ephemeral.SchemaRequest{}, &s)
		check(m.TypeName, s.Schema.MarkdownDescription)
	}
}

func TestSentence(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"set organization_uuid here":       "Set organization_uuid here.",
		"Already a sentence.":              "Already a sentence.",
		"  \"x\" is not projects/<uuid>  ": "\"x\" is not projects/<uuid>.",
		"":                                 "",
		"ümlaut first":                     "Ümlaut first.",
		"is this a question?":              "Is this a question?",
	} {
		if got := sentence(in); got != want {
			t.Errorf("sentence(%q) = %q, want %q", in, got, want)
		}
	}
}
