package waldur

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
)

func TestCreateOrderAnswer(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t)
	body := e.OrderBody(e.demo.OfferingUUID, e.demo.PlanUUID, "")
	// Attributes come back byte for byte: types, number spellings, nesting.
	body["attributes"] = json.RawMessage(`{"name":"k8s-1","node_count":3,"ratio":1.50,"ha":true,"labels":{"env":"dev"},"zones":["a","b"]}`)
	body["limits"] = map[string]int{"cpu": 4}
	body["request_comment"] = "please"
	body["callback_url"] = "https://example.com/hook"
	body["accepting_terms_of_service"] = true
	resp := e.Do("POST", "/api/marketplace-orders/", body).Want(t, 201)
	o := resp.Object(t)
	id := str(o["uuid"])

	if got, want := resp.Header.Get("Location"), e.TS.URL+"/api/marketplace-orders/"+id+"/"; got != want {
		t.Errorf("Location %q, want %q", got, want)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	if len(id) != 32 || strings.ToLower(id) != id {
		t.Errorf("uuid %q is not 32 lower-case hex", id)
	}
	var raw struct {
		Attributes json.RawMessage `json:"attributes"`
	}
	_ = json.Unmarshal(resp.Body, &raw)
	if string(raw.Attributes) != `{"name":"k8s-1","node_count":3,"ratio":1.50,"ha":true,"labels":{"env":"dev"},"zones":["a","b"]}` {
		t.Errorf("attributes not echoed verbatim: %s", raw.Attributes)
	}
	checks := map[string]any{
		"state":                     OrderExecuting,
		"type":                      OrderTypeCreate,
		"resource_uuid":             nil,
		"resource_name":             "k8s-1",
		"cost":                      "49.0000000000",
		"new_cost_estimate":         "49.0000000000",
		"old_cost_estimate":         0.0,
		"plan":                      e.PlanURL(e.demo.OfferingUUID, e.demo.PlanUUID),
		"offering":                  e.OfferingURL(e.demo.OfferingUUID),
		"project":                   e.ProjectURL(),
		"created_by":                e.TS.URL + "/api/users/" + e.demo.UserUUID + "/",
		"consumer_reviewed_by":      e.TS.URL + "/api/users/" + e.demo.UserUUID + "/",
		"created_by_username":       "demo",
		"request_comment":           "please",
		"callback_url":              "https://example.com/hook",
		"offering_type":             "Marketplace.Kubernetes",
		"project_uuid":              e.demo.ProjectUUID,
		"customer_uuid":             e.demo.CustomerUUID,
		"provider_uuid":             e.demo.CustomerUUID,
		"error_message":             "",
		"created":                   "2026-03-10T09:30:00Z",
		"url":                       e.TS.URL + "/api/marketplace-orders/" + id + "/",
		"marketplace_resource_uuid": o["marketplace_resource_uuid"],
	}
	for k, want := range checks {
		if got := o[k]; fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s = %#v, want %#v", k, got, want)
		}
	}
	if o["marketplace_resource_uuid"] == nil || o["marketplace_resource_uuid"] == "" {
		t.Error("marketplace_resource_uuid is not set in the 201")
	}
	if _, ok := o["accepting_terms_of_service"]; ok {
		t.Error("accepting_terms_of_service is write-only but was returned")
	}
	if limits := o["limits"].(map[string]any); limits["cpu"] != 4.0 {
		t.Errorf("limits %v", limits)
	}

	// GET: reviewers are usernames; the create-only fields are gone.
	got := e.GetOrder(id)
	if got["consumer_reviewed_by"] != "demo" {
		t.Errorf("GET consumer_reviewed_by = %v, want the username", got["consumer_reviewed_by"])
	}
	for _, k := range []string{"created_by", "project"} {
		if _, ok := got[k]; ok {
			t.Errorf("GET has %s, which only the create answer has", k)
		}
	}
}

func TestCreateOrderDefaults(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t)
	basic := e.store.AddOffering(OfferingSpec{Name: "Basic", CustomerUUID: e.demo.CustomerUUID, Plans: []PlanSpec{{Name: "only"}}})
	o := e.Do("POST", "/api/marketplace-orders/", map[string]any{
		"project": e.ProjectURL(), "offering": e.OfferingURL(basic.UUID),
	}).Want(t, 201).Object(t)
	if o["plan"] != nil || o["cost"] != nil || o["plan_uuid"] != nil {
		t.Errorf("without plan: plan %v cost %v plan_uuid %v", o["plan"], o["cost"], o["plan_uuid"])
	}
	if fmt.Sprint(o["limits"]) != "map[]" || fmt.Sprint(o["attributes"]) != "map[]" {
		t.Errorf("limits %v attributes %v, want {} {}", o["limits"], o["attributes"])
	}
	if o["type"] != "Create" {
		t.Errorf("type %v", o["type"])
	}
}

// TestCreateOrderWAYSCloudRequiresPlanAndName: WAYSCloud's Kubernetes
// offering documents plan, attributes and attributes.name as required
// (seed wayscloud-create-kubernetes-cluster.txt); the demo offering, made
// after it, answers 400 without them, in DRF's field-error shape.
func TestCreateOrderWAYSCloudRequiresPlanAndName(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t)
	d := e.demo
	plan := e.PlanURL(d.OfferingUUID, d.PlanUUID)
	for _, tc := range []struct {
		name string
		body map[string]any
		want string
	}{
		{"nothing", map[string]any{}, `{"attributes":["This field is required."],"plan":["This field is required."]}`},
		{"no plan", map[string]any{"attributes": map[string]any{"name": "k"}}, `{"plan":["This field is required."]}`},
		{"no attributes", map[string]any{"plan": plan}, `{"attributes":["This field is required."]}`},
		{"no name", map[string]any{"plan": plan, "attributes": map[string]any{"node_count": 3}}, `{"attributes":{"name":["This field is required."]}}`},
	} {
		tc.body["project"], tc.body["offering"] = e.ProjectURL(), e.OfferingURL(d.OfferingUUID)
		if got := string(e.Do("POST", "/api/marketplace-orders/", tc.body).Want(t, 400).Body); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}
	if n := len(e.store.Orders()); n != 0 {
		t.Errorf("%d orders placed", n)
	}
	e.Do("POST", "/api/marketplace-orders/", map[string]any{
		"project": e.ProjectURL(), "offering": e.OfferingURL(d.OfferingUUID), "plan": plan, "attributes": map[string]any{"name": "k"},
	}).Want(t, 201)
}

func TestCreateOrderValidation(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t)
	d := e.demo
	otherPlan := e.PlanURL(d.ConsumerApprovalOfferingUUID, d.ConsumerApprovalPlanUUID)
	tests := []struct {
		name string
		edit func(map[string]any)
		want string
	}{
		{"bare project uuid", func(b map[string]any) { b["project"] = d.ProjectUUID },
			`{"project":["Invalid hyperlink - No URL match."]}`},
		{"bare offering uuid", func(b map[string]any) { b["offering"] = d.OfferingUUID },
			`{"offering":["Invalid hyperlink - No URL match."]}`},
		{"bare plan uuid", func(b map[string]any) { b["plan"] = d.PlanUUID },
			`{"plan":["Invalid hyperlink - No URL match."]}`},
		{"missing project", func(b map[string]any) { delete(b, "project") },
			`{"project":["This field is required."]}`},
		{"missing both", func(b map[string]any) { delete(b, "project"); delete(b, "offering") },
			`{"project":["This field is required."],"offering":["This field is required."]}`},
		{"null offering", func(b map[string]any) { b["offering"] = nil },
			`{"offering":["This field may not be null."]}`},
		{"offering url in project", func(b map[string]any) { b["project"] = e.OfferingURL(d.OfferingUUID) },
			`{"project":["Invalid hyperlink - Incorrect URL match."]}`},
		{"unknown project", func(b map[string]any) { b["project"] = e.TS.URL + "/api/projects/00000000000000000000000000000001/" },
			`{"project":["Invalid hyperlink - Object does not exist."]}`},
		{"project not a string", func(b map[string]any) { b["project"] = 7 },
			`{"project":["Incorrect type. Expected URL string, received float."]}`},
		{"plan of another offering", func(b map[string]any) { b["plan"] = otherPlan },
			`{"plan":["This plan is not available for selected offering."]}`},
		{"attributes not an object", func(b map[string]any) { b["attributes"] = []int{1} },
			`{"attributes":["Expected a dictionary of items but got type \"list\"."]}`},
		{"bad type", func(b map[string]any) { b["type"] = "Delete" },
			`{"type":["\"Delete\" is not a valid choice."]}`},
		{"bad start_date", func(b map[string]any) { b["start_date"] = "tomorrow" },
			`{"start_date":["Date has wrong format. Use one of these formats instead: YYYY-MM-DD."]}`},
		{"bad callback_url", func(b map[string]any) { b["callback_url"] = "not a url" },
			`{"callback_url":["Enter a valid URL."]}`},
		{"negative limit", func(b map[string]any) { b["limits"] = map[string]int{"cpu": -1} },
			`{"limits":{"cpu":["Ensure this value is greater than or equal to 0."]}}`},
		{"unknown limit", func(b map[string]any) { b["limits"] = map[string]int{"gpu": 1} },
			`{"limits":["Invalid limit component: gpu."]}`},
		{"long comment", func(b map[string]any) { b["request_comment"] = strings.Repeat("x", 256) },
			`{"request_comment":["Ensure this field has no more than 255 characters."]}`},
	}
	for _, tc := range tests {
		body := e.OrderBody(d.OfferingUUID, d.PlanUUID, "v")
		tc.edit(body)
		resp := e.Do("POST", "/api/marketplace-orders/", body)
		if resp.Status != 400 {
			t.Errorf("%s: status %d: %s", tc.name, resp.Status, resp.Body)
			continue
		}
		resp.WantJSON(t, tc.want)
	}
	if n := len(e.store.Orders()); n != 0 {
		t.Errorf("%d orders were created by invalid requests", n)
	}

	// Body-level problems.
	e.Do("POST", "/api/marketplace-orders/", "{not json").Want(t, 400)
	e.Do("POST", "/api/marketplace-orders/", `[1]`).Want(t, 400).
		WantJSON(t, `{"non_field_errors":["Invalid data. Expected a dictionary, but got list."]}`)
	e.DoWith("POST", "/api/marketplace-orders/", "x", map[string]string{
		"Authorization": "Token " + e.Token, "Content-Type": "text/plain",
	}).Want(t, 415)
}

func TestHyperlinksMatchPathOnly(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t)
	d := e.demo
	dashed := func(h string) string { return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:] }
	body := map[string]any{
		// Another host, a dashed UUID and a bare path all resolve.
		"project":    "https://waldur.example.org/api/projects/" + dashed(d.ProjectUUID) + "/",
		"offering":   "/api/marketplace-public-offerings/" + strings.ToUpper(d.OfferingUUID) + "/",
		"plan":       "http://other:1/api/marketplace-public-offerings/" + d.OfferingUUID + "/plans/" + dashed(d.PlanUUID) + "/",
		"attributes": map[string]any{"name": "links"},
	}
	o := e.Do("POST", "/api/marketplace-orders/", body).Want(t, 201).Object(t)
	if o["project_uuid"] != d.ProjectUUID || o["plan_uuid"] != d.PlanUUID {
		t.Errorf("project_uuid %v plan_uuid %v", o["project_uuid"], o["plan_uuid"])
	}
	// Answers are built from the request's host, honouring X-Forwarded-Proto.
	resp := e.DoWith("GET", "/api/marketplace-orders/"+str(o["uuid"])+"/", nil, map[string]string{
		"Authorization": "Token " + e.Token, "X-Forwarded-Proto": "https",
	}).Want(t, 200)
	want := "https://" + strings.TrimPrefix(e.TS.URL, "http://") + "/api/projects/"
	if u := str(resp.Object(t)["url"]); !strings.HasPrefix(u, "https://") {
		t.Errorf("url %q ignores X-Forwarded-Proto (want prefix %s)", u, want)
	}
	// Dashed UUIDs in request paths work too.
	e.Do("GET", "/api/marketplace-orders/"+dashed(str(o["uuid"]))+"/", nil).Want(t, 200)
}

func TestAuthentication(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t)
	tests := []struct {
		header string
		detail string
	}{
		{"", "Authentication credentials were not provided."},
		{"Bearer abc", "Authentication credentials were not provided."},
		{"Token", "Invalid token header. No credentials provided."},
		{"Token a b", "Invalid token header. Token string should not contain spaces."},
		{"Token nope", "Invalid token."},
	}
	for _, tc := range tests {
		h := map[string]string{}
		if tc.header != "" {
			h["Authorization"] = tc.header
		}
		resp := e.DoWith("GET", "/api/marketplace-orders/", nil, h).Want(t, 401)
		resp.WantJSON(t, fmt.Sprintf(`{"detail":%q}`, tc.detail))
		if resp.Header.Get("WWW-Authenticate") != "Token" {
			t.Errorf("%q: WWW-Authenticate %q", tc.header, resp.Header.Get("WWW-Authenticate"))
		}
	}
	// Case of the keyword does not matter, as in DRF.
	e.DoWith("GET", "/api/projects/", nil, map[string]string{"Authorization": "token " + e.Token}).Want(t, 200)
	// Another user's token works.
	e.store.AddToken("t2", "alice", false)
	e.DoWith("GET", "/api/projects/", nil, map[string]string{"Authorization": "Token t2"}).Want(t, 200)
}

func TestOrderEndpoints(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t)
	d := e.demo
	off := e.addOffering(ApprovalConsumer, nil)
	o := e.CreateOrder(off.UUID, off.Plans[0].UUID, "db")
	id := str(o["uuid"])
	base := "/api/marketplace-orders/" + id + "/"

	e.Do("GET", "/api/marketplace-orders/00000000000000000000000000000000/", nil).Want(t, 404).WantJSON(t, `{"detail":"Not found."}`)
	e.Do("GET", "/api/marketplace-orders/not-a-uuid/", nil).Want(t, 404)

	// set_backend_id
	e.Do("POST", base+"set_backend_id/", map[string]string{"backend_id": "ext-1"}).Want(t, 200).
		WantJSON(t, `{"status":"Order backend_id has been changed."}`)
	if got := e.GetOrder(id)["backend_id"]; got != "ext-1" {
		t.Errorf("backend_id %v", got)
	}
	e.Do("POST", base+"set_backend_id/", map[string]string{}).Want(t, 400).WantJSON(t, `{"backend_id":["This field is required."]}`)
	e.Do("POST", base+"set_backend_id/", map[string]string{"backend_id": ""}).Want(t, 400).WantJSON(t, `{"backend_id":["This field may not be blank."]}`)

	// Attachments: multipart upload, then delete.
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("attachment", "po.pdf")
	_, _ = fw.Write([]byte("%PDF-1.4"))
	_ = mw.Close()
	resp := e.DoWith("POST", base+"update_attachment/", buf.Bytes(), map[string]string{
		"Authorization": "Token " + e.Token, "Content-Type": mw.FormDataContentType(),
	}).Want(t, 200)
	wantURL := e.TS.URL + "/media/marketplace_order_attachments/po.pdf"
	resp.WantJSON(t, fmt.Sprintf(`{"attachment":%q}`, wantURL))
	if got := e.GetOrder(id)["attachment"]; got != wantURL {
		t.Errorf("attachment %v", got)
	}
	e.Do("POST", base+"delete_attachment/", nil).Want(t, 204)
	if got := e.GetOrder(id)["attachment"]; got != nil {
		t.Errorf("attachment after delete: %v", got)
	}
	e.Do("POST", base+"update_attachment/", map[string]any{"attachment": nil}).Want(t, 200).WantJSON(t, `{"attachment":null}`)

	// The order's offering.
	offering := e.Do("GET", base+"offering/", nil).Want(t, 200).Object(t)
	if offering["uuid"] != off.UUID || offering["state"] != "Active" || len(offering["plans"].([]any)) != 1 {
		t.Errorf("offering: %v %v %v", offering["uuid"], offering["state"], offering["plans"])
	}
	k8s := e.Do("GET", "/api/marketplace-public-offerings/"+d.OfferingUUID+"/", nil).Want(t, 200).Object(t)
	opts := k8s["options"].(map[string]any)
	if order := fmt.Sprint(opts["order"]); !strings.Contains(order, "kubernetes_version") {
		t.Errorf("Kubernetes options order %v", order)
	}

	// unlink: staff only.
	e.store.AddToken("user-token", "bob", false)
	e.DoWith("POST", base+"unlink/", nil, map[string]string{"Authorization": "Token user-token"}).Want(t, 403)
	e.Do("POST", base+"unlink/", nil).Want(t, 204)
	e.Do("GET", base, nil).Want(t, 404)
	if _, ok := e.store.Resource(str(o["marketplace_resource_uuid"])); !ok {
		t.Error("unlink removed the resource too")
	}
}

func TestDeleteOrderKeepsOthers(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t)
	off := e.addOffering(ApprovalConsumer, nil)
	a := e.CreateOrder(off.UUID, off.Plans[0].UUID, "a")
	b := e.CreateOrder(off.UUID, off.Plans[0].UUID, "b")
	e.Do("DELETE", "/api/marketplace-orders/"+str(a["uuid"])+"/", nil).Want(t, 204)
	e.Do("GET", "/api/marketplace-orders/"+str(a["uuid"])+"/", nil).Want(t, 404)
	e.GetOrder(str(b["uuid"]))
	if st := e.GetResource(str(a["marketplace_resource_uuid"]))["state"]; st != ResourceTerminated {
		t.Errorf("resource of a deleted Create order: %v", st)
	}
}

func TestOutOfBandDeletes(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t)
	o := e.CreateK8s("oob")
	w := e.store
	if !w.DeleteResource(str(o["marketplace_resource_uuid"])) {
		t.Fatal("DeleteResource: not found")
	}
	e.Do("GET", "/api/marketplace-resources/"+str(o["marketplace_resource_uuid"])+"/", nil).Want(t, 404)
	// The order still finishes without its resource.
	if got := e.GetOrder(str(o["uuid"]))["state"]; got != OrderDone {
		t.Errorf("order without resource: %v", got)
	}
	if !w.DeleteOrder(str(o["uuid"])) || w.DeleteOrder(str(o["uuid"])) {
		t.Fatal("DeleteOrder: want true then false")
	}
	e.Do("GET", "/api/marketplace-orders/"+str(o["uuid"])+"/", nil).Want(t, 404)
}

func TestRouting(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t)
	resp := e.Do("GET", "/api/marketplace-orders?page=2", nil).Want(t, http.StatusMovedPermanently)
	if loc := resp.Header.Get("Location"); loc != "/api/marketplace-orders/?page=2" {
		t.Errorf("redirect to %q", loc)
	}
	e.Do("POST", "/api/marketplace-orders", map[string]any{}).Want(t, 404)
	e.Do("GET", "/api/nothing-here/", nil).Want(t, 404).WantJSON(t, `{"detail":"Not found."}`)
	e.Do("GET", "/api/nothing-here", nil).Want(t, 404)
	resp = e.Do("PATCH", "/api/marketplace-orders/", map[string]any{}).Want(t, 405)
	resp.WantJSON(t, `{"detail":"Method \"PATCH\" not allowed."}`)
	// Authentication comes before 405, as in DRF.
	e.DoWith("PATCH", "/api/marketplace-orders/", nil, nil).Want(t, 401)
}
