package providerdata_test

import (
	"errors"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/providerdata"
)

type client struct{ name string }

type source interface{ ExampleClient() (*client, error) }

type data struct {
	c   *client
	err error
}

func (d data) ExampleClient() (*client, error) { return d.c, d.err }

func clientFrom(providerData any, diags *diag.Diagnostics) *client {
	return providerdata.Client(providerData, diags, "Example is not configured", source.ExampleClient)
}

func TestClient(t *testing.T) {
	t.Parallel()
	var diags diag.Diagnostics
	if c := clientFrom(nil, &diags); c != nil || diags.HasError() {
		t.Errorf("validation (nil provider data): %v, %v", c, diags)
	}
	if c := clientFrom(data{c: &client{"x"}}, &diags); c == nil || c.name != "x" || diags.HasError() {
		t.Errorf("configured: %v, %v", c, diags)
	}
	if c := clientFrom(data{err: errors.New(`add the "example" block`)}, &diags); c != nil ||
		diags.ErrorsCount() != 1 || diags[0].Summary() != "Example is not configured" || diags[0].Detail() != `add the "example" block` {
		t.Errorf("not configured: %v, %v", c, diags)
	}
	diags = nil
	if c := clientFrom("something else", &diags); c != nil || diags.ErrorsCount() != 1 || diags[0].Summary() != "Unexpected provider data" {
		t.Errorf("wrong provider data: %v, %v", c, diags)
	}
}
