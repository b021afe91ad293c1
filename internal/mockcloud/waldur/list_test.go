package waldur

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"
)

var nextLink = regexp.MustCompile(`<([^>]+)>; rel="next"`)

func TestPagination(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t)
	for i := range 25 {
		e.CreateK8s(fmt.Sprintf("c%02d", i))
		e.Clock.Advance(time.Second)
	}

	resp := e.Do("GET", "/api/marketplace-orders/?page_size=10", nil).Want(t, 200)
	if got := resp.Header.Get("X-Result-Count"); got != "25" {
		t.Errorf("X-Result-Count %q", got)
	}
	base := e.TS.URL + "/api/marketplace-orders/"
	wantLink := fmt.Sprintf(`<%s?page=1&page_size=10>; rel="first", <%s?page=2&page_size=10>; rel="next", <%s?page=3&page_size=10>; rel="last"`, base, base, base)
	if got := resp.Header.Get("Link"); got != wantLink {
		t.Errorf("Link\n got %s\nwant %s", got, wantLink)
	}
	first := resp.Array(t)
	if len(first) != 10 || first[0]["resource_name"] != "c24" {
		t.Errorf("page 1: %d items, first %v (want newest first)", len(first), first[0]["resource_name"])
	}

	// Page 2 links back to page 1 without a page parameter (DRF).
	resp = e.Do("GET", "/api/marketplace-orders/?page=2&page_size=10", nil).Want(t, 200)
	if !strings.Contains(resp.Header.Get("Link"), fmt.Sprintf(`<%s?page_size=10>; rel="prev"`, base)) {
		t.Errorf("page 2 Link: %s", resp.Header.Get("Link"))
	}

	// Following next reads everything exactly once.
	seen := map[string]bool{}
	next := e.TS.URL + "/api/marketplace-orders/?page_size=7"
	for pages := 0; next != ""; pages++ {
		if pages > 10 {
			t.Fatal("next links do not end")
		}
		resp := e.Do("GET", next, nil).Want(t, 200)
		for _, o := range resp.Array(t) {
			if seen[str(o["uuid"])] {
				t.Fatalf("order %v listed twice", o["uuid"])
			}
			seen[str(o["uuid"])] = true
		}
		next = ""
		if m := nextLink.FindStringSubmatch(resp.Header.Get("Link")); m != nil {
			next = m[1]
		}
	}
	if len(seen) != 25 {
		t.Errorf("following next read %d orders, want 25", len(seen))
	}

	e.Do("GET", "/api/marketplace-orders/?page=4&page_size=10", nil).Want(t, 404).WantJSON(t, `{"detail":"Invalid page."}`)
	e.Do("GET", "/api/marketplace-orders/?page=zero", nil).Want(t, 404)
	if n := len(e.Do("GET", "/api/marketplace-orders/?page=last&page_size=10", nil).Want(t, 200).Array(t)); n != 5 {
		t.Errorf("page=last has %d items, want 5", n)
	}
	if n := len(e.Do("GET", "/api/marketplace-orders/", nil).Want(t, 200).Array(t)); n != 10 {
		t.Errorf("default page size gave %d items", n)
	}
	// HEAD counts, honouring filters.
	resp = e.Do("HEAD", "/api/marketplace-orders/?state=done", nil).Want(t, 200)
	if resp.Header.Get("X-Result-Count") != "25" || len(resp.Body) != 0 {
		t.Errorf("HEAD: count %q body %q", resp.Header.Get("X-Result-Count"), resp.Body)
	}
}

func TestPageSizeCap(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t)
	for i := range 305 {
		e.store.AddProject(e.demo.CustomerUUID, fmt.Sprintf("p%03d", i))
	}
	resp := e.Do("GET", "/api/projects/?page_size=1000", nil).Want(t, 200)
	if n := len(resp.Array(t)); n != 300 {
		t.Errorf("page_size=1000 gave %d items, want the cap of 300", n)
	}
	if resp.Header.Get("X-Result-Count") != "306" {
		t.Errorf("X-Result-Count %q", resp.Header.Get("X-Result-Count"))
	}
	if n := len(e.Do("GET", "/api/projects/?page_size=0", nil).Want(t, 200).Array(t)); n != 10 {
		t.Errorf("page_size=0 gave %d items, want the default", n)
	}
}

func TestOrderFilters(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t)
	d := e.demo
	otherCustomer := e.store.AddCustomer("Other org")
	otherProject := e.store.AddProject(otherCustomer.UUID, "Other project")

	k1 := e.CreateK8s("alpha")
	e.Clock.Advance(time.Minute)
	db := e.CreateOrder(d.ConsumerApprovalOfferingUUID, d.ConsumerApprovalPlanUUID, "beta") // pending-consumer
	e.Clock.Advance(time.Minute)
	body := e.OrderBody(d.OfferingUUID, d.PlanUUID, "gamma")
	body["project"] = e.TS.URL + "/api/projects/" + otherProject.UUID + "/"
	e.Do("POST", "/api/marketplace-orders/", body).Want(t, 201)
	e.Clock.Advance(time.Minute)
	res := str(k1["marketplace_resource_uuid"])
	e.Do("POST", "/api/marketplace-resources/"+res+"/terminate/", map[string]any{}).Want(t, 200)
	e.Clock.Advance(time.Minute)

	names := func(query string) string {
		t.Helper()
		var out []string
		for _, o := range e.Do("GET", "/api/marketplace-orders/?"+query, nil).Want(t, 200).Array(t) {
			out = append(out, fmt.Sprintf("%s/%s", o["resource_name"], o["type"]))
		}
		return strings.Join(out, ",")
	}
	tests := map[string]string{
		"":                                    "alpha/Terminate,gamma/Create,beta/Create,alpha/Create",
		"o=created":                           "alpha/Create,beta/Create,gamma/Create,alpha/Terminate",
		"state=pending-consumer":              "beta/Create",
		"state=pending-consumer&state=done":   "alpha/Terminate,gamma/Create,beta/Create,alpha/Create",
		"type=Terminate":                      "alpha/Terminate",
		"project_uuid=" + otherProject.UUID:   "gamma/Create",
		"customer_uuid=" + otherCustomer.UUID: "gamma/Create",
		"offering_uuid=" + d.ConsumerApprovalOfferingUUID:  "beta/Create",
		"provider_uuid=" + d.CustomerUUID + "&type=Create": "gamma/Create,beta/Create,alpha/Create",
		"resource_uuid=" + res:                             "alpha/Terminate,alpha/Create",
		"query=gam":                                        "gamma/Create",
		"query=" + str(db["uuid"]):                         "beta/Create",
		"query=other%20proj":                               "gamma/Create",
		"created=2026-03-10T09:31:00Z":                     "alpha/Terminate,gamma/Create,beta/Create",
		"created=2026-03-10T09:32:00%2B00:00":              "alpha/Terminate,gamma/Create",
		"offering_type=Marketplace.Basic":                  "beta/Create",
		"o=-state,created":                                 "beta/Create,alpha/Create,gamma/Create,alpha/Terminate",
	}
	for q, want := range tests {
		if got := names(q); got != want {
			t.Errorf("?%s\n got %s\nwant %s", q, got, want)
		}
	}

	bad := map[string]string{
		"project_uuid=xyz":  `{"project_uuid":["Enter a valid UUID."]}`,
		"state=finished":    `{"state":["Select a valid choice. finished is not one of the available choices."]}`,
		"o=name":            `{"o":["Select a valid choice. name is not one of the available choices."]}`,
		"created=yesterday": `{"created":["Enter a valid date/time."]}`,
	}
	for q, want := range bad {
		e.Do("GET", "/api/marketplace-orders/?"+q, nil).Want(t, 400).WantJSON(t, want)
	}
}

func TestResourceAndCatalogLists(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t)
	d := e.demo
	a := e.CreateK8s("web")
	e.Clock.Advance(time.Second)
	e.CreateOrder(d.ConsumerApprovalOfferingUUID, d.ConsumerApprovalPlanUUID, "db")

	list := func(path string) []string {
		var out []string
		for _, r := range e.Do("GET", path, nil).Want(t, 200).Array(t) {
			out = append(out, str(r["name"]))
		}
		return out
	}
	if got := fmt.Sprint(list("/api/marketplace-resources/")); got != "[db web]" {
		t.Errorf("resources %s", got)
	}
	if got := fmt.Sprint(list("/api/marketplace-resources/?state=OK")); got != "[web]" {
		t.Errorf("state=OK: %s", got)
	}
	if got := fmt.Sprint(list("/api/marketplace-resources/?offering_uuid=" + d.OfferingUUID + "," + d.ConsumerApprovalOfferingUUID + "&o=name")); got != "[db web]" {
		t.Errorf("offering_uuid list: %s", got)
	}
	if got := fmt.Sprint(list("/api/marketplace-resources/?name=WE&project_uuid=" + d.ProjectUUID)); got != "[web]" {
		t.Errorf("name filter: %s", got)
	}
	if got := fmt.Sprint(list("/api/marketplace-public-offerings/?type=Marketplace.Kubernetes")); got != "[WAYSCloud Kubernetes]" {
		t.Errorf("offerings by type: %s", got)
	}
	plans := e.Do("GET", "/api/marketplace-public-offerings/"+d.OfferingUUID+"/plans/", nil).Want(t, 200).Array(t)
	if len(plans) != 2 || plans[0]["name"] != "small" || plans[0]["unit_price"] != "49.0000000" {
		t.Errorf("plans: %v", plans)
	}
	e.Do("GET", "/api/marketplace-public-offerings/"+d.OfferingUUID+"/plans/"+d.SecondPlanUUID+"/", nil).Want(t, 200)
	e.Do("GET", "/api/marketplace-public-offerings/"+d.OfferingUUID+"/plans/"+d.ConsumerApprovalPlanUUID+"/", nil).Want(t, 404)
	p := e.Do("GET", "/api/projects/"+d.ProjectUUID+"/", nil).Want(t, 200).Object(t)
	if p["resources_count"] != 2.0 || p["customer_uuid"] != d.CustomerUUID {
		t.Errorf("project: %v %v", p["resources_count"], p["customer_uuid"])
	}
	_ = a
}
