package waldur

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest/testutil"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waiter"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waiter/waitertest"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waldur/api"
)

// The fuzz targets feed arbitrary answers to the client's decoders (order,
// marketplace resource, offering, lists with Link headers) and arbitrary
// JSON to the attribute normalisation. The seeds and testdata/fuzz run as
// ordinary tests; `make fuzz` explores further.

const fuzzToken = "waldur-fuzz-token-8c1f0e2a9b7d4c6e"

func fuzzClient(t *testing.T, status int, link string, body []byte) *api.Client {
	t.Helper()
	c, err := api.NewClient(api.Config{
		Endpoint: "https://waldur.invalid", Token: fuzzToken,
		Transport: apiclient.Transport{
			HTTPClient: testutil.CannedClient(status, body, "Link", link),
			// A lost answer (a 502 to a POST) makes the client look for what
			// it placed and try again after a pause: on a fake clock the
			// pause costs nothing, where it cost seconds an input.
			Poll: waiter.Options{Clock: waitertest.NewFakeClock()},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

const (
	seedUUID  = "5f2b3c4d5e6f40718293a4b5c6d7e8f9"
	seedOrder = `{"uuid":"` + seedUUID + `","url":"https://waldur.invalid/api/marketplace-orders/` + seedUUID + `/",` +
		`"offering":"https://waldur.invalid/api/marketplace-public-offerings/` + seedUUID + `/","offering_uuid":"` + seedUUID + `",` +
		`"plan":null,"project_uuid":"` + seedUUID + `","attributes":{"name":"k8s","node_count":3},"limits":{"cpu":4},` +
		`"type":"Create","state":"executing","marketplace_resource_uuid":"` + seedUUID + `","resource_uuid":null,` +
		`"cost":"0E-10","error_message":"","created":"2026-03-10T09:30:00Z","can_terminate":false}`
)

var waldurSeeds = []string{
	seedOrder,
	`[` + seedOrder + `,` + seedOrder + `]`,
	`{"uuid":"` + seedUUID + `","name":"k8s","state":"OK","attributes":null,"limits":{}}`,
	`{"uuid":"` + seedUUID + `","name":"K8s","plans":[{"uuid":"p","unit_price":"1.5"}],"components":[{"type":"cpu"}],"options":{"order":["name"]}}`,
	`{"order_uuid":"` + seedUUID + `"}`,
	`{"detail":"Invalid token."}`,
	`{"offering":["Invalid hyperlink - No URL match."]}`,
	`{"detail":"token ` + fuzzToken + ` is not valid"}`,
	`{"state":"erred","error_message":"quota exceeded","limits":{"cpu":-1},"attributes":"not an object"}`,
	`{"limits":{"cpu":1e30}}`,
	`<!DOCTYPE html><html><body>Server Error (500)</body></html>`,
	`{"uuid":"` + seedUUID,
	``,
	`null`,
	`[]`,
}

// FuzzWaldurDecoders sends one answer (status, Link header, body) to every
// call that decodes an object, and to a paginated list.
func FuzzWaldurDecoders(f *testing.F) {
	for _, s := range waldurSeeds {
		f.Add(200, "", []byte(s))
	}
	f.Add(200, `<https://waldur.invalid/api/marketplace-orders/?page=2>; rel="next"`, []byte(waldurSeeds[1]))
	f.Add(200, `<https://waldur.invalid/api/marketplace-orders/?page=2>; rel=next, <x>; rel="last"`, []byte(`[{}]`))
	f.Add(401, "", []byte(waldurSeeds[5]))
	f.Add(400, "", []byte(waldurSeeds[6]))
	f.Add(500, "", []byte(waldurSeeds[10]))
	f.Fuzz(func(t *testing.T, status int, link string, body []byte) {
		if status < 100 || status > 599 {
			status = 200
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		// Each call gets a client of its own, and with it the canned
		// client's whole request budget: a next link makes ListOrders
		// spend all of it, which left the calls after it nothing to decode.
		client := func() *api.Client { return fuzzClient(t, status, link, body) }
		check := func(name string, err error) {
			if err == nil {
				return
			}
			if msg := err.Error(); strings.TrimSpace(msg) == "" || strings.Contains(msg, fuzzToken) {
				t.Errorf("%s: an empty error or one that repeats the token: %q", name, msg)
			}
			if name != "ListOrders" && errors.Is(err, testutil.ErrCannedBudgetSpent) {
				t.Errorf("%s was not answered: %v", name, err)
			}
		}
		o, err := client().GetOrder(ctx, seedUUID)
		check("GetOrder", err)
		if err == nil {
			// What the data sources and the resource do with an answer.
			var s orderStatus
			s.fill(o)
			var d orderDetails
			d.fill(o)
			if !d.Attributes.IsNull() && !json.Valid([]byte(d.Attributes.ValueString())) {
				t.Errorf("the order's attributes became invalid JSON: %s", d.Attributes.ValueString())
			}
		}
		_, err = client().GetMarketplaceResource(ctx, seedUUID)
		check("GetMarketplaceResource", err)
		_, err = client().GetOrderOffering(ctx, seedUUID)
		check("GetOrderOffering", err)
		_, err = client().ListOrders(ctx, api.OrderListFilter{ProjectUUID: seedUUID})
		check("ListOrders", err)
		_, err = client().TerminateResource(ctx, seedUUID, nil)
		check("TerminateResource", err)
	})
}

// FuzzWaldurAttributes checks the attribute normalisation: whatever the
// prior value and the API's answer, the result is null or a JSON object;
// normalising the result against the same answer changes nothing (no
// perpetual diff); and an answer equal to the prior keeps the prior text.
func FuzzWaldurAttributes(f *testing.F) {
	for _, seed := range [][2]string{
		{`{"name":"a","node_count":3}`, `{"node_count":3,"name":"a","extra":"added by the offering"}`},
		{`{"name": "a"}`, `{"name":"b"}`},
		{``, `{"b":1,"a":[1,2,{"c":null}]}`},
		{`{"n":1.0}`, `{"n":1}`},
		{`{"big":12345678901234567890}`, `{"big":12345678901234567890}`},
		{`{}`, `null`},
		{`{"a":1}`, `[1,2]`},
		{`{"a":1}`, `{"a":`},
		{`"text"`, `{}`},
		{`{"a":{"b":{"c":[true,false,null]}}}`, `{"a":{"b":{"c":[true,false,null]}},"z":"\u00e9"}`},
	} {
		f.Add(seed[0], []byte(seed[1]))
	}
	f.Fuzz(func(t *testing.T, prior string, api []byte) {
		priorValue := jsontypes.NewNormalizedNull()
		if prior != "" {
			priorValue = jsontypes.NewNormalizedValue(prior)
		}
		got, err := attributesFromAPI(priorValue, json.RawMessage(api))
		if err != nil {
			return
		}
		if got.IsUnknown() {
			t.Fatalf("an unknown value from prior %q and answer %q", prior, api)
		}
		if got.IsNull() {
			return
		}
		var obj map[string]any
		if err := json.Unmarshal([]byte(got.ValueString()), &obj); err != nil || obj == nil {
			t.Fatalf("the result %q is not a JSON object (prior %q, answer %q): %v", got.ValueString(), prior, api, err)
		}
		again, err := attributesFromAPI(got, json.RawMessage(api))
		if err != nil {
			t.Fatalf("normalising the result again fails: %v", err)
		}
		if again.ValueString() != got.ValueString() {
			t.Fatalf("not stable: %q then %q (prior %q, answer %q)", got.ValueString(), again.ValueString(), prior, api)
		}
		// Only a prior that is a JSON object can be in the state (the
		// attribute's validator rejects anything else), e.g. not " ".
		var priorObj map[string]any
		priorIsObject := json.Unmarshal([]byte(prior), &priorObj) == nil && priorObj != nil
		if priorIsObject && bytes.Equal(bytes.TrimSpace(api), []byte(strings.TrimSpace(prior))) && got.ValueString() != prior {
			t.Fatalf("an answer equal to the prior %q gave %q", prior, got.ValueString())
		}
	})
}
