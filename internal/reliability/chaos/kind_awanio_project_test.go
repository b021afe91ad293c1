package chaos

import (
	"fmt"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
)

func init() {
	Register(Kind{
		Name: "cloudorder_awanio_project",
		Config: func(env *acctest.Env, n int) string {
			return awanioResources(env, "cloudorder_awanio_project", n, func(i int) string {
				return fmt.Sprintf("  organization_uuid = %q\n  name              = %q\n", env.Seed.Awanio.OrganizationUUID, objectName(i))
			})
		},
		Live: func(env *acctest.Env) []Object {
			var out []Object
			for _, p := range env.Mock.Awanio().Projects() {
				if chaosNamed(p.Name) { // not the seed's project
					out = append(out, Object{ID: p.UUID, Name: p.Name})
				}
			}
			return out
		},
		Delete: func(env *acctest.Env, id string) bool { return env.Mock.Awanio().DeleteProject(id) },
		Create: func(*acctest.Env) mockcloud.Fault {
			f := awanioCreate("/projects")
			f.BodyContains = `"name"` // not POST /projects/{uuid}/members
			return f
		},
	})
}
