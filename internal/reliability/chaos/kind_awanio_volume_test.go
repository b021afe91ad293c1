package chaos

import (
	"fmt"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
)

func init() {
	Register(Kind{
		Name: "cloudorder_awanio_volume",
		Config: func(env *acctest.Env, n int) string {
			a := env.Seed.Awanio
			return awanioResources(env, "cloudorder_awanio_volume", n, func(i int) string {
				return fmt.Sprintf("  project_uuid = %q\n  label        = %q\n  pricing_uuid = %q\n", a.ProjectUUID, objectName(i), a.VolumePricingUUID)
			})
		},
		Live: func(env *acctest.Env) []Object {
			var out []Object
			for _, v := range env.Mock.Awanio().Volumes() {
				out = append(out, Object{ID: v.UUID, Name: v.Label})
			}
			return out
		},
		Delete: func(env *acctest.Env, id string) bool { return env.Mock.Awanio().DeleteVolume(id) },
		Create: func(env *acctest.Env) mockcloud.Fault {
			return awanioCreate("/projects/" + env.Seed.Awanio.ProjectUUID + "/volumes")
		},
	})
}
