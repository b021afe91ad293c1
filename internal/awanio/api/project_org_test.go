package api

import (
	"encoding/json"
	"net/http"
	"sync"
	"testing"
)

// A project's organization is read once per client, read again after
// UpdateProject (which may move the project), and not remembered when the
// read fails.
func TestOwnerOrganizationIsReadOnceAndForgottenOnUpdate(t *testing.T) {
	f, endpoint := newFake(t)
	var mu sync.Mutex
	org, gets, missing := "o1", 0, true
	f.handle("GET /v2/projects/p1", func(w http.ResponseWriter, _ *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		gets++
		if missing {
			writeEnv(w, 404, `{"error":"NOT FOUND","error_code":"404-0","message":"PROJECT NOT FOUND","result":false}`)
			return
		}
		writeEnv(w, 200, `{"data":{"uuid":"p1","name":"p","organization":{"uuid":"`+org+`"}},"result":true}`)
	})
	f.handle("PUT /v2/projects/P1", func(w http.ResponseWriter, r *http.Request) {
		var req ProjectUpdateRequest
		_ = json.NewDecoder(r.Body).Decode(&req)
		mu.Lock()
		defer mu.Unlock()
		org = req.OrganizationUUID
		writeEnv(w, 200, `{"data":{"uuid":"p1","name":"p","organization":{"uuid":"`+org+`"}},"result":true}`)
	})
	c := testClient(t, endpoint, Config{Username: "alice", Password: "s3cret-pass"})
	g := ProjectGroup("p1")

	owner := func(want string, wantGets int) {
		t.Helper()
		got, err := c.ownerOrganization(t.Context(), g)
		mu.Lock()
		n := gets
		mu.Unlock()
		if got != want || err != nil || n != wantGets {
			t.Fatalf("ownerOrganization = %q, %v after %d GETs; want %q after %d", got, err, n, want, wantGets)
		}
	}
	if _, err := c.ownerOrganization(t.Context(), g); err == nil {
		t.Fatal("no error for a project Awanio does not show")
	}
	mu.Lock()
	missing = false
	mu.Unlock()
	owner("o1", 2) // the failed read was not remembered
	owner("o1", 2)
	if _, err := c.UpdateProject(t.Context(), "P1", // UUIDs compare case-insensitively
		ProjectUpdateRequest{OrganizationUUID: "o2"}); err != nil {
		t.Fatal(err)
	}
	owner("o2", 3)
	owner("o2", 3)
	if o, err := c.ownerOrganization(t.Context(), OrganizationGroup("o9")); o != "o9" || err != nil {
		t.Fatalf("an organization's owner = %q, %v", o, err)
	}
}
