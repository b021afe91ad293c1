package contract

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestAwanioContractHoldsTheSeedsCreateBodies sends the wrong shapes of
// issue 13 through a checker: a VM create with project_uuid instead of the
// seed's organization_uuid, and a volume create without an owner, are
// violations; the seed's shapes are not. The mock behind is a stub that
// answers the seed's envelope, so only the requests are at stake.
func TestAwanioContractHoldsTheSeedsCreateBodies(t *testing.T) {
	t.Parallel()
	stub := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"data": null, "result": true}`))
	})
	const org = "81d4c6b6-dcea-42f6-8152-03de276d6dab"
	const project = "a52ee78b-bcc4-4a30-913c-7a31c3d59794"
	vm := func(owner string) string {
		return `{"authentication_type": {"id": 1, "key": "awanio", "value": "awanio-pass"}, "catalogue_uuid": "c",
			"instance_type_uuid": "p", ` + owner + `"title": "t", "hostname": "h", "with_external_ip": false}`
	}
	for _, tc := range []struct {
		name, path, body string
		violation        string // "" for none
	}{
		{"vm with organization_uuid", "/projects/" + project + "/vms", vm(`"organization_uuid": "` + org + `", `), ""},
		{"vm with project_uuid only", "/projects/" + project + "/vms", vm(`"project_uuid": "` + project + `", `), "organization_uuid"},
		{"volume create", "/organizations/" + org + "/volumes", `{"organization_uuid": "` + org + `", "pricing_uuid": "p", "label": "l"}`, ""},
		{"volume clone", "/organizations/" + org + "/volumes", `{"source_volume_uuid": "v", "label": "l"}`, ""},
		{"volume without owner", "/organizations/" + org + "/volumes", `{"project_uuid": "` + project + `", "pricing_uuid": "p", "label": "l"}`, "organization_uuid"},
		{"cluster without version", "/projects/" + project + "/kubernetes", `{"name": "k", "pricing_uuid": "p"}`, "version"},
		{"cluster with reserve_external_ip", "/projects/" + project + "/kubernetes",
			`{"name": "k", "version": "v", "pricing_uuid": "p", "with_external_ip": true, "reserve_external_ip": [{"is_new": true, "reserved": false}]}`, ""},
	} {
		chk := mustChecker(t)
		srv := httptest.NewServer(chk.Wrap(stub))
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/awanio/v2"+tc.path, strings.NewReader(tc.body))
		req.Header.Set("Authorization", "Bearer x")
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_ = resp.Body.Close()
		srv.Close()
		var requestSide []string
		for _, v := range chk.Violations() {
			if v.Side == "request" {
				requestSide = append(requestSide, v.String())
			}
		}
		switch {
		case tc.violation == "" && len(requestSide) > 0:
			t.Errorf("%s: unexpected violations: %v", tc.name, requestSide)
		case tc.violation != "" && (len(requestSide) == 0 || !strings.Contains(strings.Join(requestSide, "\n"), tc.violation)):
			t.Errorf("%s: want a request violation naming %s, got %v", tc.name, tc.violation, requestSide)
		}
	}
}
