package chaos

import (
	"fmt"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
)

func init() {
	Register(Kind{
		Name: "cloudorder_awanio_vpc",
		Config: func(env *acctest.Env, n int) string {
			return awanioResources(env, "cloudorder_awanio_vpc", n, func(i int) string {
				return fmt.Sprintf("  organization_uuid = %q\n  label             = %q\n  size              = 24\n", env.Seed.Awanio.OrganizationUUID, objectName(i))
			})
		},
		Live: func(env *acctest.Env) []Object {
			var out []Object
			for _, v := range env.Mock.Awanio().VPCs() {
				out = append(out, Object{ID: v.UUID, Name: v.Label})
			}
			return out
		},
		Delete: func(env *acctest.Env, id string) bool { return env.Mock.Awanio().DeleteVPC(id) },
		Create: func(env *acctest.Env) mockcloud.Fault {
			return awanioCreate("/organizations/" + env.Seed.Awanio.OrganizationUUID + "/vpcs")
		},
	})
}
