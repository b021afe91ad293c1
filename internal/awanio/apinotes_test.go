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
		check(described(ctx, r.Metadata, r.Schema, resource.MetadataRequest{ProviderTypeName: "cloudorder"},
			func(m *resource.MetadataResponse, s *resource.SchemaResponse) (string, string) {
				return m.TypeName, s.Schema.MarkdownDescription
			}))
	}
	for _, f := range DataSources() {
		d := f()
		check(described(ctx, d.Metadata, d.Schema, datasource.MetadataRequest{ProviderTypeName: "cloudorder"},
			func(m *datasource.MetadataResponse, s *datasource.SchemaResponse) (string, string) {
				return m.TypeName, s.Schema.MarkdownDescription
			}))
	}
	for _, f := range EphemeralResources() {
		e := f()
		check(described(ctx, e.Metadata, e.Schema, ephemeral.MetadataRequest{ProviderTypeName: "cloudorder"},
			func(m *ephemeral.MetadataResponse, s *ephemeral.SchemaResponse) (string, string) {
				return m.TypeName, s.Schema.MarkdownDescription
			}))
	}
}

// described is the type name and description of a resource, data source
// or ephemeral resource, from its Metadata and Schema: of picks them from
// the answers.
func described[MReq, MResp, SReq, SResp any](ctx context.Context,
	metadata func(context.Context, MReq, *MResp), schema func(context.Context, SReq, *SResp),
	req MReq, of func(*MResp, *SResp) (string, string),
) (string, string) {
	var m MResp
	metadata(ctx, req, &m)
	var s SResp
	var sreq SReq
	schema(ctx, sreq, &s)
	return of(&m, &s)
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
