package waldur

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/cloud"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waiter"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waldur/api"
)

// An order adopted after a lost answer, when another live order of the
// same request was placed in the same second, reaches the user as a
// warning diagnostic that names the other order (adopt.Warn through the
// context placeOrder registers).
func TestPlaceOrderWarnsOfAnAmbiguousAdoption(t *testing.T) {
	t.Parallel()
	m := cloud.New(mockcloud.WithClock(mockcloud.NewFakeClock(time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC))))
	seed := cloud.SeedDemo(m)
	srv := httptest.NewServer(m.Handler())
	t.Cleanup(srv.Close)
	// Each client is a process of its own: the second does not know the
	// first one's order.
	newClient := func() *api.Client {
		c, err := api.NewClient(api.Config{Endpoint: srv.URL, Token: seed.Token, Transport: apiclient.Transport{
			MaxRetries: 3, MinBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond,
			Poll: waiter.Options{MinInterval: time.Millisecond, MaxInterval: 5 * time.Millisecond},
		}})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	ctx := context.Background()
	first := newClient()
	body := api.OrderCreateRequest{
		Project:    first.ProjectURL(seed.ProjectUUID),
		Offering:   first.OfferingURL(seed.OfferingUUID),
		Plan:       first.PlanURL(seed.OfferingUUID, seed.PlanUUID),
		Attributes: json.RawMessage(`{"name":"twin"}`),
	}
	var diags diag.Diagnostics
	earlier := placeOrder(ctx, first, body, "order", &diags)
	if diags.HasError() {
		t.Fatalf("first order: %v", diags)
	}
	if _, err := first.WaitForOrder(ctx, earlier.UUID, api.OrderWait{Timeout: 5 * time.Second}); err != nil {
		t.Fatal(err)
	}

	m.InjectFault(mockcloud.Fault{Method: http.MethodPost, PathPrefix: "/api/marketplace-orders/", DropAfterProcessing: true})
	diags = nil
	got := placeOrder(ctx, newClient(), body, "order", &diags)
	if got == nil || diags.HasError() {
		t.Fatalf("create after a lost answer: %v", diags)
	}
	if got.UUID == earlier.UUID {
		t.Fatalf("adopted the earlier order %s, not the newest", earlier.UUID)
	}
	warnings := diags.Warnings()
	if len(warnings) != 1 {
		t.Fatalf("warnings %v, want one about the adopted order", warnings)
	}
	w := warnings[0]
	if w.Summary() != "Adopted a Waldur order after a lost answer" {
		t.Errorf("summary %q", w.Summary())
	}
	for _, want := range []string{"2 orders with the same arguments", got.UUID + " was adopted", earlier.UUID} {
		if !strings.Contains(w.Detail(), want) {
			t.Errorf("detail %q does not say %q", w.Detail(), want)
		}
	}
}
