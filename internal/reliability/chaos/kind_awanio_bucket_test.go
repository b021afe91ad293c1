package chaos

import (
	"fmt"
	"strings"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
)

// Buckets live in the object storage of the demo project, which the
// configuration makes first (faults aim at the buckets' create only).
func init() {
	Register(Kind{
		Name: "cloudorder_awanio_bucket",
		Config: func(env *acctest.Env, n int) string {
			storage := fmt.Sprintf("\nresource \"cloudorder_awanio_object_storage\" \"store\" {\n  project_uuid   = %q\n  subdomain_name = \"chaos-store\"\n}\n", env.Seed.Awanio.ProjectUUID)
			return awanioResources(env, "cloudorder_awanio_bucket", n, func(i int) string {
				return fmt.Sprintf("  project_uuid = cloudorder_awanio_object_storage.store.project_uuid\n  name         = %q\n", objectName(i))
			}) + storage
		},
		Live: func(env *acctest.Env) []Object {
			p := env.Seed.Awanio.ProjectUUID
			s, ok := env.Mock.Awanio().ObjectStorage("projects", p)
			if !ok {
				return nil
			}
			var out []Object
			for name := range s.Buckets {
				out = append(out, Object{ID: "projects/" + p + "/" + name, Name: name})
			}
			return out
		},
		// The id is "projects/{project}/{bucket name}".
		Delete: func(env *acctest.Env, id string) bool {
			i := strings.LastIndex(id, "/")
			return i > 0 && env.Mock.Awanio().DeleteBucket("projects", env.Seed.Awanio.ProjectUUID, id[i+1:])
		},
		Create: func(env *acctest.Env) mockcloud.Fault {
			return awanioCreate("/projects/" + env.Seed.Awanio.ProjectUUID + "/object-storage/buckets")
		},
		ReusesID: true,
	})
}
