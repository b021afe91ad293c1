package api_test

import (
	"net/http"
	"testing"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
	awaniomock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/awanio"
)

// The answer to the create is lost after the cluster was made and the first
// lookup fails: the cluster is found all the same, never created twice and
// never left untracked.
func TestClientKubernetesCreateLostAnswerThenFailedLookup(t *testing.T) {
	c, m, seed := mockClient(t)
	loseCreateAnswer(m, "/projects/"+seed.ProjectUUID+"/kubernetes", true)
	k, err := c.CreateKubernetesCluster(t.Context(), api.ProjectGroup(seed.ProjectUUID), clusterRequest(seed, "lost"))
	if err != nil {
		t.Fatal(err)
	}
	got, ok := m.Awanio().KubernetesCluster("projects", seed.ProjectUUID)
	if !ok || got.UUID != k.UUID || got.Name != "lost" {
		t.Fatalf("mock holds %+v (%v), want the returned cluster %s", got, ok, k.UUID)
	}
	noFaultsLeft(t, m)
}

// Connection resets before the server acted are sent again; the attempt
// that finally made the cluster is looked for even though it was the last.
func TestClientKubernetesCreateLooksAfterTheLastAttempt(t *testing.T) {
	c, m, seed := mockClient(t)
	path := awaniomock.AwanioPrefix + "/projects/" + seed.ProjectUUID + "/kubernetes"
	for _, f := range []mockcloud.Fault{{DropConnection: true}, {DropConnection: true}, {DropAfterProcessing: true}} {
		f.Method, f.PathPrefix = http.MethodPost, path
		m.InjectFault(f)
	}
	k, err := c.CreateKubernetesCluster(t.Context(), api.ProjectGroup(seed.ProjectUUID), clusterRequest(seed, "third"))
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := m.Awanio().KubernetesCluster("projects", seed.ProjectUUID); !ok || got.UUID != k.UUID {
		t.Fatalf("mock holds %+v (%v), want the returned cluster %s", got, ok, k.UUID)
	}
}

func clusterRequest(seed awaniomock.AwanioDemoSeed, name string) api.KubernetesCreateRequest {
	return api.KubernetesCreateRequest{
		Name: name, Version: seed.KubernetesVersionUUID, PricingUUID: seed.PodsPricingUUID,
		PVPricingUUID: seed.VolumePricingUUID, Tags: []string{}, WithExternalIP: true,
	}
}
