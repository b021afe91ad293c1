package apiclient_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
)

// A SecretResponse answer is not logged, not even masked: its secret sits
// under a harmless key ("data") and is unknown before it arrives.
func TestSecretResponseBodyIsNeverLogged(t *testing.T) {
	const secret = "client-key-data: S0VZLXNlY3JldA=="
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"data":"` + secret + `","result":true}`))
	}))
	t.Cleanup(srv.Close)
	c, err := apiclient.New(apiclient.Config{BaseURL: srv.URL + "/", Backend: "awanio"})
	if err != nil {
		t.Fatal(err)
	}
	for _, secretResp := range []bool{false, true} {
		var buf bytes.Buffer
		ctx := tflogtest.RootLogger(context.Background(), &buf)
		var out []byte
		if _, err := c.Do(ctx, apiclient.Request{Path: "kubeconfig", SecretResponse: secretResp}, &out); err != nil {
			t.Fatal(err)
		}
		logged := strings.Contains(buf.String(), "S0VZLXNlY3JldA==")
		if buf.Len() == 0 {
			t.Fatal("nothing was logged; the test would prove nothing")
		}
		if logged == secretResp {
			t.Fatalf("SecretResponse=%v: secret logged=%v\n%s", secretResp, logged, buf.String())
		}
	}
}
