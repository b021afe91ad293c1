package chaos

import (
	"fmt"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
)

func init() {
	Register(Kind{
		Name: "cloudorder_awanio_organization",
		Config: func(env *acctest.Env, n int) string {
			return awanioResources(env, "cloudorder_awanio_organization", n, func(i int) string {
				return fmt.Sprintf("  name = %q\n", objectName(i))
			})
		},
		Live: func(env *acctest.Env) []Object {
			var out []Object
			for _, o := range env.Mock.Awanio().Organizations() {
				if chaosNamed(o.Name) { // not the seed's organizations
					out = append(out, Object{ID: o.UUID, Name: o.Name})
				}
			}
			return out
		},
		Delete: func(env *acctest.Env, id string) bool { return env.Mock.Awanio().DeleteOrganization(id) },
		Create: func(*acctest.Env) mockcloud.Fault {
			f := awanioCreate("/organizations")
			f.BodyContains = `"name"` // not POST /organizations/{uuid}/members
			return f
		},
	})
}
