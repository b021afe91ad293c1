package apiclient_test

import (
	"context"
	"io"
	"net/http"
	"testing"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
)

func BenchmarkDo(b *testing.B) {
	c, _ := newClient(b, func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"uuid": "3f1e9c2a", "state": "executing", "project_uuid": "p1", "attributes": {"name": "vm-1"}}`)
	}, func(cfg *apiclient.Config) {
		cfg.Secrets = []string{"tok-123"}
		cfg.Authorize = func(req *http.Request) error {
			req.Header.Set("Authorization", "Token tok-123")
			return nil
		}
	})
	ctx := context.Background()
	body := map[string]any{"offering": "o1", "project": "p1", "attributes": map[string]string{"name": "vm-1"}}
	var out struct{ UUID, State string }
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Do(ctx, apiclient.Request{Method: http.MethodPost, Path: "marketplace-orders/", Body: body}, &out); err != nil {
			b.Fatal(err)
		}
	}
}
