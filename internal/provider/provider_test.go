package provider_test

import (
	"context"
	"testing"

	fwdatasource "github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	rsschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/provider"
)

// TestSchemasAreValidAndDocumented checks every type the provider serves:
// its schema is valid and it and every attribute carry a description, which
// the registry docs are generated from.
func TestSchemasAreValidAndDocumented(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	p := provider.New("test")()

	var presp fwprovider.SchemaResponse
	p.Schema(ctx, fwprovider.SchemaRequest{}, &presp)
	if presp.Diagnostics.HasError() {
		t.Fatalf("provider schema: %v", presp.Diagnostics)
	}
	if presp.Schema.MarkdownDescription == "" {
		t.Error("provider schema has no description")
	}
	for name, b := range presp.Schema.Blocks {
		if b.GetMarkdownDescription() == "" {
			t.Errorf("provider block %s has no description", name)
		}
		for an, a := range b.GetNestedObject().GetAttributes() {
			if a.GetMarkdownDescription() == "" {
				t.Errorf("provider attribute %s.%s has no description", name, an)
			}
		}
	}

	var mresp fwprovider.MetadataResponse
	p.Metadata(ctx, fwprovider.MetadataRequest{}, &mresp)

	for _, newResource := range p.Resources(ctx) {
		r := newResource()
		var meta fwresource.MetadataResponse
		r.Metadata(ctx, fwresource.MetadataRequest{ProviderTypeName: mresp.TypeName}, &meta)
		var resp fwresource.SchemaResponse
		r.Schema(ctx, fwresource.SchemaRequest{}, &resp)
		if resp.Diagnostics.HasError() {
			t.Fatalf("%s schema: %v", meta.TypeName, resp.Diagnostics)
		}
		if diags := resp.Schema.ValidateImplementation(ctx); diags.HasError() {
			t.Errorf("%s schema is invalid: %v", meta.TypeName, diags)
		}
		if resp.Schema.MarkdownDescription == "" {
			t.Errorf("%s has no description", meta.TypeName)
		}
		checkResourceAttributes(t, meta.TypeName, resp.Schema.Attributes)
		for name, b := range resp.Schema.Blocks {
			if b.GetMarkdownDescription() == "" && name != "timeouts" {
				t.Errorf("%s block %s has no description", meta.TypeName, name)
			}
			for an, a := range b.GetNestedObject().GetAttributes() {
				if a.GetMarkdownDescription() == "" && name != "timeouts" {
					t.Errorf("%s.%s.%s has no description", meta.TypeName, name, an)
				}
			}
		}
	}
	for _, newDataSource := range p.DataSources(ctx) {
		d := newDataSource()
		var meta fwdatasource.MetadataResponse
		d.Metadata(ctx, fwdatasource.MetadataRequest{ProviderTypeName: mresp.TypeName}, &meta)
		var resp fwdatasource.SchemaResponse
		d.Schema(ctx, fwdatasource.SchemaRequest{}, &resp)
		if diags := resp.Schema.ValidateImplementation(ctx); diags.HasError() {
			t.Errorf("%s schema is invalid: %v", meta.TypeName, diags)
		}
		if resp.Schema.MarkdownDescription == "" {
			t.Errorf("data source %s has no description", meta.TypeName)
		}
		checkDataSourceAttributes(t, meta.TypeName, resp.Schema.Attributes)
	}
}

func checkResourceAttributes(t *testing.T, prefix string, attrs map[string]rsschema.Attribute) {
	t.Helper()
	for name, a := range attrs {
		if a.GetMarkdownDescription() == "" {
			t.Errorf("%s.%s has no description", prefix, name)
		}
		if n, ok := a.(rsschema.ListNestedAttribute); ok {
			checkResourceAttributes(t, prefix+"."+name, n.NestedObject.Attributes)
		}
	}
}

func checkDataSourceAttributes(t *testing.T, prefix string, attrs map[string]dsschema.Attribute) {
	t.Helper()
	for name, a := range attrs {
		if a.GetMarkdownDescription() == "" {
			t.Errorf("%s.%s has no description", prefix, name)
		}
		if n, ok := a.(dsschema.ListNestedAttribute); ok {
			checkDataSourceAttributes(t, prefix+"."+name, n.NestedObject.Attributes)
		}
	}
}
