package awanio

import (
	"path/filepath"
	"testing"
	"time"
)

func awVMBody(d AwanioDemoSeed, hostname string) map[string]any {
	return map[string]any{
		"authentication_type": map[string]any{"id": 2, "key": "awanio", "value": "ssh-ed25519 AAAA test"},
		"catalogue_uuid":      d.VMCatalogueUUID, "instance_type_uuid": d.VMPricingUUID,
		"organization_uuid": d.OrganizationUUID, // the seed's owner field (also for a project's VM)
		"title":             "t", "hostname": hostname, "with_external_ip": true,
	}
}

func TestAwanioVMLifecycle(t *testing.T) {
	e := newTestEnv(t, WithAwanioDelays(AwanioDelays{Provision: time.Minute, Delete: 30 * time.Second}))
	d := e.Demo
	tok := e.awLogin()
	base := "/organizations/" + d.OrganizationUUID + "/vms"

	vm := awData(t, e.awDo("POST", base, tok, awVMBody(d, "web")).Want(t, 200)).(map[string]any)
	id := str(vm["uuid"])
	if vm["status"] != "provisioning" || vm["meta"].(map[string]any)["phase"] != "Scheduling" || vm["group_type"] != "organization" {
		t.Fatalf("new VM: %v", vm)
	}
	e.Clock.Advance(time.Minute)
	got := awData(t, e.awDo("GET", base+"/"+id, tok, nil).Want(t, 200)).(map[string]any)
	if got["status"] != "running" || got["external_ip_address"] == nil {
		t.Fatalf("after the provision delay: %v", got)
	}
	// The VM is listed in its group only.
	if items := e.awDo("GET", base, tok, nil).Want(t, 200).Object(t)["data"].([]any); len(items) != 1 {
		t.Fatalf("list: %v", items)
	}
	if items := e.awDo("GET", "/projects/"+d.ProjectUUID+"/vms", tok, nil).Want(t, 200).Object(t)["data"].([]any); len(items) != 0 {
		t.Fatalf("project list: %v", items)
	}
	e.awDo("GET", "/projects/"+d.ProjectUUID+"/vms/"+id, tok, nil).Want(t, 404)

	// The store survives a save and load with its async status.
	file := filepath.Join(t.TempDir(), "state.json")
	if err := e.Server.SaveState(file); err != nil {
		t.Fatal(err)
	}
	if err := e.Server.LoadState(file); err != nil {
		t.Fatal(err)
	}

	e.awDo("DELETE", base+"/"+id, tok, nil).Want(t, 200).WantJSON(t, `{"data":"deleted","result":true}`)
	if s := str(awData(t, e.awDo("GET", base+"/"+id, tok, nil).Want(t, 200)).(map[string]any)["status"]); s != "deleting" {
		t.Fatalf("status after DELETE: %s", s)
	}
	e.Clock.Advance(30 * time.Second)
	e.awDo("GET", base+"/"+id, tok, nil).Want(t, 404).WantJSON(t, `{"error":"NOT FOUND","error_code":"404-1","message":"VM NOT FOUND","result":false}`)
}

func TestAwanioVMValidationAndFailure(t *testing.T) {
	e := newTestEnv(t)
	d := e.Demo
	tok := e.awLogin()
	base := "/organizations/" + d.OrganizationUUID + "/vms"

	bad := awVMBody(d, "Not_A_Host")
	e.awDo("POST", base, tok, bad).Want(t, 400).WantJSON(t,
		`{"error":"BAD REQUEST","error_code":"400-1","message":"HOSTNAME \"Not_A_Host\" IS NOT A VALID HOST NAME","result":false}`)
	bad = awVMBody(d, "ok")
	bad["instance_type_uuid"] = d.BaremetalPricingUUID
	e.awDo("POST", base, tok, bad).Want(t, 400)
	bad = awVMBody(d, "ok")
	bad["authentication_type"] = map[string]any{"id": 1, "key": "awanio", "value": "short"}
	e.awDo("POST", base, tok, bad).Want(t, 400)
	e.awDo("POST", "/organizations/"+newDashedUUID()+"/vms", tok, awVMBody(d, "ok")).Want(t, 404)
	e.awDo("POST", "/volumes/"+d.OrganizationUUID+"/vms", tok, awVMBody(d, "ok")).Want(t, 404)

	e.Store.FailProvisioning("doomed", "no capacity")
	vm := awData(t, e.awDo("POST", base, tok, awVMBody(d, "doomed")).Want(t, 200)).(map[string]any)
	meta := vm["meta"].(map[string]any)
	if vm["status"] != "error" || meta["message"] != "no capacity" {
		t.Fatalf("failed VM: %v", vm)
	}
	// The failure is injected once.
	if vm := awData(t, e.awDo("POST", base, tok, awVMBody(d, "doomed")).Want(t, 200)).(map[string]any); vm["status"] != "running" {
		t.Fatalf("second VM: %v", vm)
	}
	if !e.Store.DeleteVM(str(vm["uuid"])) {
		t.Fatal("out-of-band delete failed")
	}
	e.awDo("GET", base+"/"+str(vm["uuid"]), tok, nil).Want(t, 404)
}

func TestAwanioBaremetalLifecycle(t *testing.T) {
	e := newTestEnv(t, WithAwanioDelays(AwanioDelays{Provision: time.Minute}))
	d := e.Demo
	tok := e.awLogin()
	base := "/projects/" + d.ProjectUUID + "/baremetals"

	machines := e.awDo("GET", base+"/available-machines", tok, nil).Want(t, 200).Object(t)["data"].([]any)
	if len(machines) != 1 || machines[0].(map[string]any)["name"] != d.MachineName {
		t.Fatalf("available machines: %v", machines)
	}
	body := map[string]any{
		"authentication_type": map[string]any{"id": "1,", "key": "root", "value": "long-password"},
		"catalogue_uuid":      d.BaremetalCatalogueUUID, "title": "m", "hostname": "m",
		"machine_name": d.MachineName, "billing_period": "monthly",
	}
	e.awDo("POST", base, tok, body).Want(t, 400)
	// organization_uuid is required, and is the project's organization.
	if got := e.awDo("POST", base, tok, body).Want(t, 400).Object(t)["message"]; got != "ORGANIZATION_UUID IS REQUIRED" {
		t.Fatalf("without organization_uuid: %v", got)
	}
	body["organization_uuid"] = newDashedUUID()
	e.awDo("POST", base, tok, body).Want(t, 400)
	body["organization_uuid"] = d.OrganizationUUID
	body["billing_period"] = "price_per_month"
	created := awData(t, e.awDo("POST", base, tok, body).Want(t, 200)).(map[string]any)
	if _, has := created["uuid"]; has {
		t.Fatalf("the create answer has a uuid, unlike Awanio's: %v", created)
	}
	e.awDo("POST", base, tok, body).Want(t, 409) // the machine is taken
	list := e.awDo("GET", base, tok, nil).Want(t, 200).Object(t)["data"].([]any)
	id := str(list[0].(map[string]any)["uuid"])
	if s := awData(t, e.awDo("GET", base+"/"+id+"/status", tok, nil).Want(t, 200)); s != "Deploying" {
		t.Fatalf("status %v", s)
	}
	e.Clock.Advance(time.Minute)
	if s := awData(t, e.awDo("GET", base+"/"+id+"/status", tok, nil).Want(t, 200)); s != "Deployed" {
		t.Fatalf("status %v", s)
	}
	if n := len(e.awDo("GET", base+"/available-machines", tok, nil).Want(t, 200).Object(t)["data"].([]any)); n != 0 {
		t.Fatalf("%d machines still available", n)
	}
	e.awDo("DELETE", base+"/"+id, tok, nil).Want(t, 200)
	e.awDo("GET", base+"/"+id+"/status", tok, nil).Want(t, 404) // no delete delay set
	if n := len(e.awDo("GET", base+"/available-machines", tok, nil).Want(t, 200).Object(t)["data"].([]any)); n != 1 {
		t.Fatalf("%d machines available after the delete, want 1", n)
	}
}

// TestAwanioCreatesRequireTheirFields: the mock answers a create without a
// field the contract requires with a 400 in Awanio's shape (issue 13), so a
// client that leaves one out fails in tests.
func TestAwanioCreatesRequireTheirFields(t *testing.T) {
	e := newTestEnv(t)
	d := e.Demo
	tok := e.awLogin()
	for _, tc := range []struct {
		path string
		body map[string]any
		want string
	}{
		{"/projects", map[string]any{"name": "p"}, "ORGANIZATION_UUID IS REQUIRED"},
		{"/organizations/" + d.OrganizationUUID + "/volumes", map[string]any{"pricing_uuid": d.VolumePricingUUID, "label": "v"}, "ORGANIZATION_UUID IS REQUIRED"},
		{"/projects/" + d.ProjectUUID + "/kubernetes", map[string]any{"name": "k", "pricing_uuid": d.PodsPricingUUID}, "VERSION IS REQUIRED"},
		{"/projects/" + d.ProjectUUID + "/kubernetes", map[string]any{
			"name": "k", "version": d.KubernetesVersionUUID, "pricing_uuid": d.PodsPricingUUID,
			"reserve_external_ip": []any{map[string]any{"is_new": true, "reserved": true}},
		}, "RESERVE_EXTERNAL_IP ONLY APPLIES WITH WITH_EXTERNAL_IP TRUE"},
	} {
		got := e.awDo("POST", tc.path, tok, tc.body).Want(t, 400).Object(t)
		if got["message"] != tc.want || got["error_code"] != "400-1" || got["result"] != false {
			t.Errorf("POST %s %v: %v, want message %q", tc.path, tc.body, got, tc.want)
		}
	}
}

// Poll lag: the first answer that shows a VM running is recorded against
// the moment it started running, by the mock's clock.
func TestAwanioVMPollLag(t *testing.T) {
	e := newTestEnv(t, WithAwanioDelays(AwanioDelays{Provision: time.Minute}))
	d := e.Demo
	tok := e.awLogin()
	base := "/organizations/" + d.OrganizationUUID + "/vms"
	e.Server.ResetCounters()
	start := e.Clock.Now()
	id := str(awData(t, e.awDo("POST", base, tok, awVMBody(d, "web")).Want(t, 200)).(map[string]any)["uuid"])
	e.Clock.Advance(time.Minute + 400*time.Millisecond)
	e.awDo("GET", base, tok, nil).Want(t, 200) // in the list
	e.Clock.Advance(time.Second)
	e.awDo("GET", base+"/"+id, tok, nil).Want(t, 200)
	lag := e.Server.PollLag()
	if len(lag) != 1 || lag[0].Kind != "awanio vm" || lag[0].ID != id ||
		!lag[0].FinalAt.Equal(start.Add(time.Minute)) || lag[0].Lag() != 400*time.Millisecond {
		t.Fatalf("poll lag %+v", lag)
	}
}
