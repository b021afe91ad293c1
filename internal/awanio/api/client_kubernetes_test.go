package api

import (
	"net/http"
	"testing"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
)

const testGroupPath = "/v2/projects/1c8d2e3f-4051-4b62-9c73-8d94ea5fb607/kubernetes"

func testGroup() Group { return ProjectGroup("1c8d2e3f-4051-4b62-9c73-8d94ea5fb607") }

func TestClientKubernetesStatusAndMetrics(t *testing.T) {
	f, endpoint := newFake(t)
	f.handle("GET "+testGroupPath+"/status", func(w http.ResponseWriter, _ *http.Request) {
		writeEnv(w, 200, `{"data":"running","result":true}`)
	})
	f.handle("GET "+testGroupPath+"/metrics", func(w http.ResponseWriter, _ *http.Request) {
		// The seed's example, with its units.
		writeEnv(w, 200, `{"data":{"name":"my-cluster","release_name":"my-cluster","namespace":"k8s-x","uuid":"e6ee260b-a77a-469d-a976-7c3e40036014",
			"total_node":1,"total_cpu":{"value":2,"unit":"milliCPU"},"total_memory":{"value":25,"unit":"MB"},"total_pod":"1,","total_container":1},"result":true}`)
	})
	c := testClient(t, endpoint, Config{Token: "jwt-1"})
	st, err := c.KubernetesClusterStatus(t.Context(), testGroup())
	if err != nil || st != "running" {
		t.Fatalf("status %q, %v", st, err)
	}
	m, err := c.KubernetesClusterMetrics(t.Context(), testGroup())
	if err != nil {
		t.Fatal(err)
	}
	if m.TotalNode != 1 || m.TotalCPU.Value != 2 || m.TotalCPU.Unit != "milliCPU" || m.TotalMem.Value != 25 || m.TotalPod != 1 {
		t.Fatalf("metrics %+v", m)
	}
}

func TestClientKubernetesClusterObjectOrListAndNone(t *testing.T) {
	f, endpoint := newFake(t)
	answer := `{"data":[{"uuid":"e6ee260b-a77a-469d-a976-7c3e40036014","name":"my-cluster","replica":"3,","status":"pending",
		"version":{"uuid":"315c2ab1-750a-4897-9e77-824e3d0043b9","name":1.23},"tags":null,
		"ip_addresses":[{"ip_address":[{"address_string":"103.15.226.41"}]}]}],"result":true}`
	f.handle("GET "+testGroupPath, func(w http.ResponseWriter, _ *http.Request) { writeEnv(w, 200, answer) })
	c := testClient(t, endpoint, Config{Token: "jwt-1"})
	k, err := c.GetKubernetesCluster(t.Context(), testGroup())
	if err != nil {
		t.Fatal(err)
	}
	if k.Name != "my-cluster" || !k.HA() || k.ExternalIP() != "103.15.226.41" || string(k.Version.Name) != "1.23" {
		t.Fatalf("cluster %+v", k)
	}
	// The single-object form of the seed's GET.
	answer = `{"data":{"uuid":"e6ee260b-a77a-469d-a976-7c3e40036014","name":"one","status":"running",
		"ip_addresses":[{"ip_address":{"address_string":"103.15.226.49"}}]},"result":true}`
	if k, err = c.GetKubernetesCluster(t.Context(), testGroup()); err != nil || k.Name != "one" || k.ExternalIP() != "103.15.226.49" {
		t.Fatalf("object form: %+v %v", k, err)
	}
	answer = `{"data":[],"meta":{"pagination":{"page":1,"per_page":10,"total":0,"last_page":1}},"result":true}`
	if _, err = c.GetKubernetesCluster(t.Context(), testGroup()); !apiclient.IsNotFound(err) {
		t.Fatalf("an empty list must be not found, got %v", err)
	}
}

func TestClientKubernetesVersionsOneOrMany(t *testing.T) {
	f, endpoint := newFake(t)
	answer := `{"data":{"uuid":"315c2ab1-750a-4897-9e77-824e3d0043b9","name":1.23,"api_version":1.23},"result":true}`
	f.handle("GET /v2/kubernetes/versions", func(w http.ResponseWriter, _ *http.Request) { writeEnv(w, 200, answer) })
	c := testClient(t, endpoint, Config{Token: "jwt-1"})
	vs, err := c.ListKubernetesVersions(t.Context())
	if err != nil || len(vs) != 1 || vs[0].Name != "1.23" || vs[0].APIVersion != "1.23" {
		t.Fatalf("object: %+v %v", vs, err)
	}
	answer = `{"data":[{"uuid":"a","name":"1.27"},{"uuid":"b","name":1.28}],"result":true}`
	if vs, err = c.ListKubernetesVersions(t.Context()); err != nil || len(vs) != 2 || vs[1].Name != "1.28" {
		t.Fatalf("list: %+v %v", vs, err)
	}
}

func TestClientKubeconfigIsMaskedAfterwards(t *testing.T) {
	f, endpoint := newFake(t)
	const kc = "apiVersion: v1\nusers:\n- user:\n    client-key-data: S0VZLXNlY3JldA==\n"
	f.handle("GET "+testGroupPath+"/kubeconfig", func(w http.ResponseWriter, _ *http.Request) {
		writeEnv(w, 200, `{"data":"apiVersion: v1\nusers:\n- user:\n    client-key-data: S0VZLXNlY3JldA==\n","result":true}`)
	})
	c := testClient(t, endpoint, Config{Token: "jwt-1"})
	got, err := c.KubernetesKubeconfig(t.Context(), testGroup())
	if err != nil || got != kc {
		t.Fatalf("kubeconfig %q, %v", got, err)
	}
	if c.maskSecrets("error: "+kc) != "error: ***" {
		t.Fatalf("the kubeconfig is not registered as a secret: %q", c.maskSecrets(kc))
	}
}

func TestClientObjectStorageKeysAndBuckets(t *testing.T) {
	f, endpoint := newFake(t)
	base := "/v2/projects/1c8d2e3f-4051-4b62-9c73-8d94ea5fb607/object-storage"
	f.handle("POST "+base, func(w http.ResponseWriter, _ *http.Request) {
		writeEnv(w, 200, `{"data":{"uuid":"aae3c538-a940-4d68-8dc7-be5a5cf6efb2","size_gb":0,"subdomain_name":"my.storage.awanio.com",
			"credentials":[{"uuid":"322bca9c","access_key":"AZerHWFAjNJyejTQXRrW","secret_key":"3vOlv9t4fNrxe0nz0UIHK26LVuAnW2"}]},"result":true}`)
	})
	f.handle("GET "+base, func(w http.ResponseWriter, _ *http.Request) {
		// The seed's GET: credentials as a JSON-schema stub.
		writeEnv(w, 200, `{"data":{"uuid":"a8b0e517","subdomain_name":"localhost:9000","credentials":{"type":"array"}},"result":true}`)
	})
	deleted := []string{}
	f.handle("GET "+base+"/buckets/b1/objects", func(w http.ResponseWriter, r *http.Request) {
		if len(deleted) > 0 {
			writeEnv(w, 200, `{"data":[],"result":true}`)
			return
		}
		writeEnv(w, 200, `{"data":[{"name":"x.png","size":"1001558,"},{"name":"dir/y.png","size":"10,"}],"result":true}`)
	})
	for _, o := range []string{"x.png", "dir/y.png"} { // the fake routes on the decoded path
		f.handle("DELETE "+base+"/buckets/b1/objects/"+o, func(w http.ResponseWriter, r *http.Request) {
			deleted = append(deleted, r.URL.EscapedPath())
			writeEnv(w, 200, `{"data":"object deleted","result":true}`)
		})
	}
	c := testClient(t, endpoint, Config{Token: "jwt-1"})
	s, err := c.CreateObjectStorage(t.Context(), testGroup(), ObjectStorageCreateRequest{SubdomainName: "my"})
	if err != nil || len(s.Credentials) != 1 || s.Credentials[0].SecretKey != "3vOlv9t4fNrxe0nz0UIHK26LVuAnW2" {
		t.Fatalf("create: %+v %v", s, err)
	}
	if c.maskSecrets("3vOlv9t4fNrxe0nz0UIHK26LVuAnW2") != "***" {
		t.Fatal("the secret key is not registered for masking")
	}
	if s, err = c.GetObjectStorage(t.Context(), testGroup()); err != nil || s.UUID != "a8b0e517" {
		t.Fatalf("get: %+v %v", s, err)
	}
	n, err := c.EmptyBucket(t.Context(), testGroup(), "b1")
	if err != nil || n != 2 || len(deleted) != 2 || deleted[1] != base+"/buckets/b1/objects/dir%2Fy.png" {
		t.Fatalf("emptied %d objects: %v (deleted %v); a / in a name must be escaped", n, err, deleted)
	}
}
