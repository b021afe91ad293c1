package chaos

import (
	"fmt"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
	awaniomock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/awanio"
)

// Awanio runs one cluster per project, so each cluster gets a project of
// its own, added to the mock with a fixed UUID.
func chaosClusterProject(i int) string { return fmt.Sprintf("c1a05000-0000-4000-8000-%012d", i) }

func init() {
	Register(Kind{
		Name: "cloudorder_awanio_kubernetes_cluster",
		Config: func(env *acctest.Env, n int) string {
			a := env.Seed.Awanio
			for i := range n {
				env.Mock.Awanio().AddProject(awaniomock.AwanioProjectSpec{
					UUID: chaosClusterProject(i), Name: fmt.Sprintf("cluster project %d", i),
					OrganizationUUID: a.OrganizationUUID, OwnerUUID: a.UserUUID,
				})
			}
			return awanioResources(env, "cloudorder_awanio_kubernetes_cluster", n, func(i int) string {
				return fmt.Sprintf("  project_uuid     = %q\n  name             = %q\n  version_uuid     = %q\n  pricing_uuid     = %q\n  pv_pricing_uuid  = %q\n  tags             = [\"chaos\"]\n  with_external_ip = true\n",
					chaosClusterProject(i), objectName(i), a.KubernetesVersionUUID, a.PodsPricingUUID, a.VolumePricingUUID)
			})
		},
		Live: func(env *acctest.Env) []Object {
			var out []Object
			for _, p := range env.Mock.Awanio().Projects() {
				if k, ok := env.Mock.Awanio().KubernetesCluster("projects", p.UUID); ok {
					out = append(out, Object{ID: k.UUID, Name: k.Name})
				}
			}
			return out
		},
		// The id is "projects/{project}"; the cluster's own UUID is uuid.
		StateID: func(attrs map[string]any) string { return stringAttr(attrs, "uuid") },
		Delete: func(env *acctest.Env, id string) bool {
			for _, p := range env.Mock.Awanio().Projects() {
				if k, ok := env.Mock.Awanio().KubernetesCluster("projects", p.UUID); ok && canonicalID(k.UUID) == canonicalID(id) {
					return env.Mock.Awanio().DeleteKubernetesCluster("projects", p.UUID)
				}
			}
			return false
		},
		Create: func(*acctest.Env) mockcloud.Fault {
			f := awanioCreate("/projects/")
			f.BodyContains = `"pv_pricing_uuid"`
			return f
		},
		Fail: func(env *acctest.Env, _ string) func() {
			env.Mock.Awanio().FailKubernetesClusters("projects", chaosClusterProject(0), "error", "chaos: the cluster failed to deploy")
			return func() { env.Mock.Awanio().FailKubernetesClusters("projects", chaosClusterProject(0), "", "") }
		},
	})
}
