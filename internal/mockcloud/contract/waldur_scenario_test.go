package contract

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"sort"
	"testing"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/cloud"
	waldurmock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/waldur"
)

// scenario drives the mock like a client would.
type scenario struct {
	t      *testing.T
	base   string
	token  string
	client *http.Client
	clock  *mockcloud.FakeClock
}

func (s *scenario) call(method, path string, body any, want int) map[string]any {
	s.t.Helper()
	var r io.Reader
	if body != nil {
		raw, _ := json.Marshal(body)
		r = bytes.NewReader(raw)
	}
	req, _ := http.NewRequest(method, s.base+path, r)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if s.token != "" {
		req.Header.Set("Authorization", "Token "+s.token)
	}
	return s.send(req, want)
}

func (s *scenario) send(req *http.Request, want int) map[string]any {
	s.t.Helper()
	resp, err := s.client.Do(req)
	if err != nil {
		s.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != want {
		s.t.Fatalf("%s %s: status %d, want %d: %s", req.Method, req.URL.Path, resp.StatusCode, want, raw)
	}
	var m map[string]any
	_ = json.Unmarshal(raw, &m)
	return m
}

func str(v any) string { s, _ := v.(string); return s }

func TestWaldurMockConformsToOpenAPI(t *testing.T) {
	t.Parallel()
	clock := mockcloud.NewFakeClock(time.Date(2026, 3, 10, 9, 30, 0, 0, time.UTC))
	mock := cloud.New(mockcloud.WithClock(clock), waldurmock.WithWaldurDelays(waldurmock.WaldurDelays{Executing: time.Minute}))
	demo := cloud.SeedDemo(mock)
	w := mock.Waldur()
	both := w.AddOffering(waldurmock.OfferingSpec{
		Name: "Two-step approval", Type: "Marketplace.Basic", CustomerUUID: demo.CustomerUUID,
		Approval: waldurmock.ApprovalConsumerAndProvider, Plans: []waldurmock.PlanSpec{{Name: "only", UnitPrice: "0.5", Unit: "day"}},
	})
	chk := mustChecker(t)
	ts := httptest.NewServer(chk.Wrap(mock.Handler()))
	defer ts.Close()

	s := &scenario{t: t, base: ts.URL, token: demo.Token, clock: clock, client: ts.Client()}
	tick := func() { clock.Advance(time.Minute) }
	projectURL := ts.URL + "/api/projects/" + demo.ProjectUUID + "/"
	offeringURL := func(id string) string { return ts.URL + "/api/marketplace-public-offerings/" + id + "/" }
	planURL := func(off, plan string) string { return offeringURL(off) + "plans/" + plan + "/" }
	order := func(off, plan, name string) map[string]any {
		body := map[string]any{"project": projectURL, "offering": offeringURL(off), "attributes": map[string]any{"name": name}}
		if plan != "" {
			body["plan"] = planURL(off, plan)
		}
		return s.call("POST", "/api/marketplace-orders/", body, 201)
	}

	// Catalog.
	s.call("GET", "/api/projects/", nil, 200)
	s.call("GET", "/api/projects/"+demo.ProjectUUID+"/", nil, 200)
	s.call("GET", "/api/marketplace-public-offerings/", nil, 200)
	s.call("GET", "/api/marketplace-public-offerings/"+demo.OfferingUUID+"/", nil, 200)
	s.call("GET", "/api/marketplace-public-offerings/"+demo.OfferingUUID+"/plans/", nil, 200)
	s.call("GET", "/api/marketplace-public-offerings/"+demo.OfferingUUID+"/plans/"+demo.PlanUUID+"/", nil, 200)

	// A Kubernetes cluster from order to termination.
	created := s.call("POST", "/api/marketplace-orders/", map[string]any{
		"project": projectURL, "offering": offeringURL(demo.OfferingUUID), "plan": planURL(demo.OfferingUUID, demo.PlanUUID),
		"attributes":      map[string]any{"name": "prod-k8s", "kubernetes_version": "1.30", "node_count": 3},
		"limits":          map[string]int{"cpu": 8, "ram": 32},
		"request_comment": "for prod", "callback_url": "https://hooks.example.com/waldur",
		"accepting_terms_of_service": true,
	}, 201)
	k8s, res := str(created["uuid"]), str(created["marketplace_resource_uuid"])
	s.call("GET", "/api/marketplace-orders/"+k8s+"/", nil, 200)
	s.call("GET", "/api/marketplace-orders/"+k8s+"/offering/", nil, 200)
	s.call("GET", "/api/marketplace-resources/"+res+"/", nil, 200) // Creating, order in progress
	tick()
	s.call("GET", "/api/marketplace-orders/"+k8s+"/", nil, 200) // done
	s.call("GET", "/api/marketplace-resources/"+res+"/", nil, 200)
	update := str(s.call("POST", "/api/marketplace-resources/"+res+"/switch_plan/", map[string]any{"plan": planURL(demo.OfferingUUID, demo.SecondPlanUUID)}, 200)["order_uuid"])
	s.call("GET", "/api/marketplace-orders/"+update+"/", nil, 200)
	s.call("POST", "/api/marketplace-resources/"+res+"/update_limits/", map[string]any{"limits": map[string]int{"cpu": 16}}, 409)
	tick()
	s.call("POST", "/api/marketplace-resources/"+res+"/update_limits/", map[string]any{"limits": map[string]int{"cpu": 16}, "request_comment": "grow"}, 200)
	tick()
	term := str(s.call("POST", "/api/marketplace-resources/"+res+"/terminate/", map[string]any{"attributes": map[string]any{}}, 200)["order_uuid"])
	s.call("GET", "/api/marketplace-resources/"+res+"/", nil, 200) // Terminating
	tick()
	s.call("GET", "/api/marketplace-orders/"+term+"/", nil, 200)
	s.call("GET", "/api/marketplace-resources/"+res+"/", nil, 200) // Terminated

	// Consumer approval, attachments, backend id.
	db := str(order(demo.ConsumerApprovalOfferingUUID, demo.ConsumerApprovalPlanUUID, "db1")["uuid"])
	s.call("POST", "/api/marketplace-orders/"+db+"/set_backend_id/", map[string]string{"backend_id": "pg-17"}, 200)
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("attachment", "purchase-order.pdf")
	_, _ = fw.Write([]byte("%PDF-1.4"))
	_ = mw.Close()
	req, _ := http.NewRequest("POST", ts.URL+"/api/marketplace-orders/"+db+"/update_attachment/", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Token "+demo.Token)
	s.send(req, 200)
	s.call("GET", "/api/marketplace-orders/"+db+"/", nil, 200) // pending-consumer, attachment set
	s.call("POST", "/api/marketplace-orders/"+db+"/delete_attachment/", nil, 204)
	s.call("POST", "/api/marketplace-orders/"+db+"/approve_by_consumer/", nil, 200)
	s.call("POST", "/api/marketplace-orders/"+db+"/approve_by_consumer/", nil, 409)

	rejected := str(order(demo.ConsumerApprovalOfferingUUID, demo.ConsumerApprovalPlanUUID, "db2")["uuid"])
	s.call("POST", "/api/marketplace-orders/"+rejected+"/reject_by_consumer/", map[string]string{"error_message": "no budget"}, 200)
	s.call("GET", "/api/marketplace-orders/"+rejected+"/", nil, 200)
	canceled := str(order(demo.ConsumerApprovalOfferingUUID, demo.ConsumerApprovalPlanUUID, "db3")["uuid"])
	s.call("POST", "/api/marketplace-orders/"+canceled+"/cancel/", nil, 202)
	deleted := str(order(demo.ConsumerApprovalOfferingUUID, demo.ConsumerApprovalPlanUUID, "db4")["uuid"])
	s.call("DELETE", "/api/marketplace-orders/"+deleted+"/", nil, 204)
	s.call("GET", "/api/marketplace-orders/"+deleted+"/", nil, 404)

	// Two-step approval and the agent endpoints.
	two := str(order(both.UUID, both.Plans[0].UUID, "svc")["uuid"])
	s.call("POST", "/api/marketplace-orders/"+two+"/approve_by_consumer/", nil, 200)
	s.call("POST", "/api/marketplace-orders/"+two+"/reject_by_consumer/", nil, 409)
	s.call("POST", "/api/marketplace-orders/"+two+"/approve_by_provider/", nil, 200)
	s.call("POST", "/api/marketplace-orders/"+two+"/set_state_erred/", map[string]string{"error_message": "agent failed", "error_traceback": "Traceback (most recent call last): ..."}, 200)
	s.call("GET", "/api/marketplace-orders/"+two+"/", nil, 200)
	s.call("POST", "/api/marketplace-orders/"+two+"/set_state_executing/", nil, 200)
	s.call("POST", "/api/marketplace-orders/"+two+"/set_state_done/", nil, 200)
	s.call("GET", "/api/marketplace-resources/"+str(s.call("GET", "/api/marketplace-orders/"+two+"/", nil, 200)["marketplace_resource_uuid"])+"/", nil, 200)

	// A delayed order.
	later := s.call("POST", "/api/marketplace-orders/", map[string]any{
		"project": projectURL, "offering": offeringURL(demo.OfferingUUID), "plan": planURL(demo.OfferingUUID, demo.PlanUUID),
		"attributes": map[string]any{"name": "later"}, "start_date": "2026-04-01", "type": "Create",
	}, 201)
	s.call("GET", "/api/marketplace-orders/"+str(later["uuid"])+"/", nil, 200)

	// An order without plan or attributes; an order unlinked.
	bare := s.call("POST", "/api/marketplace-orders/", map[string]any{"project": projectURL, "offering": offeringURL(both.UUID)}, 201)
	s.call("GET", "/api/marketplace-orders/"+str(bare["uuid"])+"/", nil, 200)
	s.call("GET", "/api/marketplace-resources/"+str(bare["marketplace_resource_uuid"])+"/", nil, 200)
	s.call("POST", "/api/marketplace-orders/"+str(bare["uuid"])+"/unlink/", nil, 204)

	// Lists with filters and pages.
	s.call("GET", "/api/marketplace-orders/?page_size=3", nil, 200)
	s.call("GET", "/api/marketplace-orders/?page=2&page_size=3&o=-created", nil, 200)
	s.call("GET", "/api/marketplace-orders/?state=done&state=erred&type=Create&project_uuid="+demo.ProjectUUID, nil, 200)
	s.call("GET", "/api/marketplace-resources/?offering_uuid="+demo.OfferingUUID+"&state=Terminated", nil, 200)
	s.call("GET", "/api/marketplace-resources/?page_size=2", nil, 200)

	// Errors.
	s.call("POST", "/api/marketplace-orders/", map[string]any{"project": demo.ProjectUUID, "offering": offeringURL(demo.OfferingUUID)}, 400)
	s.call("POST", "/api/marketplace-orders/", map[string]any{"offering": offeringURL(demo.OfferingUUID)}, 400)
	// WAYSCloud's offering requires plan and attributes.name.
	s.call("POST", "/api/marketplace-orders/", map[string]any{"project": projectURL, "offering": offeringURL(demo.OfferingUUID), "attributes": map[string]any{}}, 400)
	s.call("GET", "/api/marketplace-orders/00000000000000000000000000000000/", nil, 404)
	s.call("GET", "/api/marketplace-orders/?page=99", nil, 404)
	s.call("GET", "/api/marketplace-resources/?project_uuid=nope", nil, 400)
	s.call("POST", "/api/marketplace-orders/"+k8s+"/cancel/", nil, 409)
	s.token = "wrong"
	s.call("GET", "/api/marketplace-orders/", nil, 401)
	s.token = ""
	s.call("GET", "/api/marketplace-orders/", nil, 401)

	// Everything the brief asks for was exercised, with its documented status.
	want := []string{
		"marketplace_orders_create 201", "marketplace_orders_retrieve 200", "marketplace_orders_list 200",
		"marketplace_orders_destroy 204", "marketplace_orders_unlink 204", "marketplace_orders_offering_retrieve 200",
		"marketplace_orders_approve_by_consumer 200", "marketplace_orders_approve_by_provider 200",
		"marketplace_orders_reject_by_consumer 200", "marketplace_orders_cancel 202",
		"marketplace_orders_set_state_erred 200", "marketplace_orders_set_state_executing 200", "marketplace_orders_set_state_done 200",
		"marketplace_orders_set_backend_id 200", "marketplace_orders_update_attachment 200", "marketplace_orders_delete_attachment 204",
		"marketplace_resources_retrieve 200", "marketplace_resources_list 200", "marketplace_resources_switch_plan 200",
		"marketplace_resources_update_limits 200", "marketplace_resources_terminate 200",
		"projects_list 200", "projects_retrieve 200", "marketplace_public_offerings_list 200",
		"marketplace_public_offerings_retrieve 200", "marketplace_public_offerings_plans_list 200",
		"marketplace_public_offerings_plans_retrieve 200",
		"marketplace_orders_create 400", "marketplace_orders_retrieve 404", "marketplace_orders_list 401",
		"marketplace_orders_cancel 409",
	}
	seen := chk.Stats()[Waldur].Seen
	var missing []string
	for _, k := range want {
		if seen[k] == 0 {
			missing = append(missing, k)
		}
	}
	if len(missing) > 0 {
		keys := make([]string, 0, len(seen))
		for k := range seen {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		t.Errorf("not exercised: %v\nseen: %v", missing, keys)
	}
	// The error cases above send bad requests on purpose: exactly those
	// must fail request validation (which shows that it works), and no
	// answer may break the contract.
	wantBadRequests := map[string]bool{
		"POST /api/marketplace-orders/ (marketplace_orders_create)":                      true, // bare UUID, then no project
		"GET /api/marketplace-resources/?project_uuid=nope (marketplace_resources_list)": true,
		"GET /api/marketplace-orders/ (marketplace_orders_list)":                         true, // no token
	}
	badRequests := map[string]int{}
	for _, v := range chk.Violations() {
		key := v.Method + " " + v.Path + " (" + v.Operation + ")"
		if v.Side == "request" && wantBadRequests[key] {
			badRequests[key]++
			continue
		}
		t.Error(v)
	}
	for key := range wantBadRequests {
		if badRequests[key] == 0 {
			t.Errorf("request validation let the deliberately bad request %s pass", key)
		}
	}
	t.Logf("validated %d operation/status pairs; spec relaxed for %v", len(seen), waldurSchemaGaps)
}

// TestUUIDFormatIsStrict makes sure the uuid validator would catch a bad
// UUID, so that the scenario's passing means something.
func TestUUIDFormatIsStrict(t *testing.T) {
	t.Parallel()
	c, err := Load(Waldur)
	if err != nil {
		t.Fatal(err)
	}
	doc := c.Doc
	schema := doc.Components.Schemas["OrderUUID"].Value
	opts := doc.GetSchemaValidationOptions()
	for value, ok := range map[string]bool{
		"5c3a1e9f7d5b4c2a8e6f0d2b4a6c8e0f":     true,
		"5c3a1e9f-7d5b-4c2a-8e6f-0d2b4a6c8e0f": true,
		"":                                     false,
		"5c3a1e9f7d5b4c2a8e6f0d2b4a6c8e0":      false,
		"order-1":                              false,
	} {
		err := schema.VisitJSON(map[string]any{"order_uuid": value}, opts...)
		if (err == nil) != ok {
			t.Errorf("%q: valid=%v, want %v (%v)", value, err == nil, ok, err)
		}
	}
}
