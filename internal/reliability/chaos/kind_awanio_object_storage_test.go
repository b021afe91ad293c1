package chaos

import (
	"fmt"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
	awaniomock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/awanio"
)

// A group has at most one object storage, so each storage gets a project
// of its own, added to the mock with a fixed UUID.
func chaosStorageProject(i int) string { return fmt.Sprintf("5703a9e0-0000-4000-8000-%012d", i) }

func init() {
	Register(Kind{
		Name: "cloudorder_awanio_object_storage",
		Config: func(env *acctest.Env, n int) string {
			a := env.Seed.Awanio
			for i := range n {
				env.Mock.Awanio().AddProject(awaniomock.AwanioProjectSpec{
					UUID: chaosStorageProject(i), Name: fmt.Sprintf("storage project %d", i),
					OrganizationUUID: a.OrganizationUUID, OwnerUUID: a.UserUUID,
				})
			}
			return awanioResources(env, "cloudorder_awanio_object_storage", n, func(i int) string {
				return fmt.Sprintf("  project_uuid   = %q\n  subdomain_name = %q\n", chaosStorageProject(i), objectName(i))
			})
		},
		Live: func(env *acctest.Env) []Object {
			var out []Object
			for _, p := range env.Mock.Awanio().Projects() {
				if s, ok := env.Mock.Awanio().ObjectStorage("projects", p.UUID); ok {
					out = append(out, Object{ID: "projects/" + p.UUID, Name: s.SubdomainName})
				}
			}
			return out
		},
		// The id is "projects/{project}": the storage has no id of its own.
		Delete: func(env *acctest.Env, id string) bool {
			for _, p := range env.Mock.Awanio().Projects() {
				if canonicalID("projects/"+p.UUID) == canonicalID(id) {
					return env.Mock.Awanio().DeleteObjectStorage("projects", p.UUID)
				}
			}
			return false
		},
		Create: func(*acctest.Env) mockcloud.Fault {
			f := awanioCreate("/projects/")
			f.BodyContains = `"subdomain_name"`
			return f
		},
		ReusesID: true,
	})
}
