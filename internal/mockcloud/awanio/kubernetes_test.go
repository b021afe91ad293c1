package awanio

import (
	"strings"
	"testing"
	"time"
)

func TestAwanioKubernetesLifecycle(t *testing.T) {
	e := newTestEnv(t, WithAwanioDelays(AwanioDelays{Provision: time.Minute, Delete: 30 * time.Second}))
	tok := e.awLogin()
	d := e.Demo
	base := "/projects/" + d.ProjectUUID + "/kubernetes"

	e.awDo("GET", base, tok, nil).Want(t, 200).WantJSON(t, `{"data":[],"meta":{"pagination":{"page":1,"per_page":10,"total":0,"last_page":1}},"result":true}`)
	e.awDo("GET", base+"/status", tok, nil).Want(t, 404)
	bad := map[string]any{"name": "c", "version": d.KubernetesVersionUUID, "pricing_uuid": d.VMPricingUUID}
	e.awDo("POST", base, tok, bad).Want(t, 400)

	in := map[string]any{"name": "c1", "version": d.KubernetesVersionUUID, "pricing_uuid": d.PodsPricingUUID, "with_external_ip": true, "tags": []string{"t"}}
	created := awData(t, e.awDo("POST", base, tok, in).Want(t, 200)).([]any)[0].(map[string]any)
	id := str(created["uuid"])
	if created["status"] != "pending" {
		t.Fatalf("a new cluster is %v", created["status"])
	}
	e.awDo("POST", base, tok, in).Want(t, 409) // one per group
	e.awDo("GET", base+"/kubeconfig", tok, nil).Want(t, 409)

	e.Clock.Advance(time.Minute)
	if st := awData(t, e.awDo("GET", base+"/status", tok, nil).Want(t, 200)); st != "running" {
		t.Fatalf("status %v after the provision delay", st)
	}
	// The forms with the cluster's id work too; another id is not found.
	e.awDo("GET", base+"/"+id, tok, nil).Want(t, 200)
	e.awDo("GET", base+"/"+id+"/status", tok, nil).Want(t, 200)
	e.awDo("GET", base+"/00000000-0000-4000-8000-000000000000", tok, nil).Want(t, 404)
	kc := str(awData(t, e.awDo("GET", base+"/kubeconfig", tok, nil).Want(t, 200)))
	if !strings.Contains(kc, "client-key-data: ") || !strings.Contains(kc, "kind: Config") {
		t.Fatalf("kubeconfig:\n%s", kc)
	}
	m := awData(t, e.awDo("GET", base+"/metrics", tok, nil).Want(t, 200)).(map[string]any)
	if m["total_node"] != float64(1) {
		t.Fatalf("metrics %v", m)
	}

	// HA makes it pending again until the provision delay passes.
	e.awDo("PUT", base, tok, map[string]any{"name": "c2", "enable_ha": true}).Want(t, 200)
	if st := awData(t, e.awDo("GET", base+"/status", tok, nil)); st != "pending" {
		t.Fatalf("status %v after enabling HA", st)
	}
	e.Clock.Advance(time.Minute)

	e.awDo("DELETE", base, tok, nil).Want(t, 200)
	if st := awData(t, e.awDo("GET", base+"/status", tok, nil)); st != "deleting" {
		t.Fatalf("status %v after delete", st)
	}
	e.Clock.Advance(30 * time.Second)
	e.awDo("GET", base+"/status", tok, nil).Want(t, 404).WantJSON(t,
		`{"error":"NOT FOUND","error_code":"404-1","message":"KUBERNETES CLUSTER NOT FOUND","result":false}`)
}

func TestAwanioKubernetesFailureInjectionAndVersions(t *testing.T) {
	e := newTestEnv(t, WithAwanioDelays(AwanioDelays{Provision: time.Minute}))
	tok := e.awLogin()
	d := e.Demo
	e.Store.FailKubernetesClusters("organizations", d.OrganizationUUID, "error", "NO CAPACITY")
	base := "/organizations/" + d.OrganizationUUID + "/kubernetes"
	e.awDo("POST", base, tok, map[string]any{"name": "c", "version": d.KubernetesVersionUUID, "pricing_uuid": d.PodsPricingUUID}).Want(t, 200)
	e.Clock.Advance(time.Minute)
	k := awData(t, e.awDo("GET", base, tok, nil)).([]any)[0].(map[string]any)
	if k["status"] != "error" || k["message"] != "NO CAPACITY" {
		t.Fatalf("cluster %v", k)
	}
	// One version: a single object, as in the seed.
	v := awData(t, e.awDo("GET", "/kubernetes/versions", tok, nil).Want(t, 200)).(map[string]any)
	if v["uuid"] != d.KubernetesVersionUUID || v["name"] != 1.27 {
		t.Fatalf("version %v", v)
	}
}

func TestAwanioObjectStorageAndBuckets(t *testing.T) {
	e := newTestEnv(t)
	tok := e.awLogin()
	d := e.Demo
	base := "/projects/" + d.ProjectUUID + "/object-storage"
	e.awDo("GET", base, tok, nil).Want(t, 404)
	e.awDo("POST", base, tok, map[string]string{"subdomain_name": "Bad_Name"}).Want(t, 400)
	// Forms work, as the documentation labels these calls multipart.
	created := awData(t, e.awDo("POST", base, tok, "subdomain_name=acme&bucket_name=first", "Content-Type", "application/x-www-form-urlencoded").Want(t, 200)).(map[string]any)
	cred := created["credentials"].([]any)[0].(map[string]any)
	st, _ := e.Store.ObjectStorage("projects", d.ProjectUUID)
	if cred["secret_key"] != st.SecretKey || len(st.SecretKey) < 30 || cred["access_key"] != st.AccessKey {
		t.Fatalf("credentials %v", cred)
	}
	got := e.awDo("GET", base, tok, nil).Want(t, 200)
	if strings.Contains(string(got.Body), st.SecretKey) {
		t.Fatal("a GET shows the secret key")
	}
	e.awDo("POST", base+"/buckets", tok, map[string]string{"bucket_name": "first"}).Want(t, 409)
	if err := e.Store.PutBucketObject("projects", d.ProjectUUID, "first", "dir/a b.txt", 5); err != nil {
		t.Fatal(err)
	}
	e.awDo("DELETE", base+"/buckets/first", tok, nil).Want(t, 409)
	e.awDo("DELETE", base, tok, nil).Want(t, 409)
	e.awDo("PUT", base+"/buckets/first/policy", tok, map[string]string{"bucket_name": "first", "policy": "world"}).Want(t, 400)
	e.awDo("PUT", base+"/buckets/first/policy", tok, map[string]string{"bucket_name": "first", "policy": "download"}).Want(t, 200)
	objs := awData(t, e.awDo("GET", base+"/buckets/first/objects", tok, nil).Want(t, 200)).([]any)
	if len(objs) != 1 || objs[0].(map[string]any)["size"] != "5," {
		t.Fatalf("objects %v", objs)
	}
	e.awDo("DELETE", base+"/buckets/first/objects/dir%2Fa%20b.txt", tok, nil).Want(t, 200)
	e.awDo("DELETE", base+"/buckets/first", tok, nil).Want(t, 200)
	e.awDo("DELETE", base, tok, nil).Want(t, 200)
	if _, ok := e.Store.ObjectStorage("projects", d.ProjectUUID); ok {
		t.Fatal("object storage still there")
	}
}
