package api_test

import (
	"testing"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
)

// KubernetesClusterMetrics against the mock, which answers the seed's
// documented shape (the path is inferred from the seed's parameter table;
// see the contract): the metrics of the group's cluster, with units, and
// not found for a group without one.
func TestClientKubernetesClusterMetrics(t *testing.T) {
	c, _, seed := mockClient(t)
	g := api.ProjectGroup(seed.ProjectUUID)
	if _, err := c.KubernetesClusterMetrics(t.Context(), g); !apiclient.IsNotFound(err) {
		t.Fatalf("metrics of a project without a cluster: %v, want not found", err)
	}
	k, err := c.CreateKubernetesCluster(t.Context(), g, clusterRequest(seed, "metered"))
	if err != nil {
		t.Fatal(err)
	}
	m, err := c.KubernetesClusterMetrics(t.Context(), g)
	if err != nil {
		t.Fatal(err)
	}
	if string(m.Name) != "metered" || string(m.TotalCPU.Unit) != "milliCPU" || string(m.TotalMem.Unit) != "MB" {
		t.Fatalf("metrics of cluster %s: %+v", k.UUID, m)
	}
}
