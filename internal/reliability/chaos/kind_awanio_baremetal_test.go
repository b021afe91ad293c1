package chaos

import (
	"fmt"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
	awaniomock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/awanio"
)

// A server takes a whole machine, so each server gets a machine of its
// own, added to the mock like the seed's.
func chaosMachine(i int) string { return fmt.Sprintf("chaos-machine-%d", i) }

func init() {
	Register(Kind{
		Name: "cloudorder_awanio_baremetal",
		Config: func(env *acctest.Env, n int) string {
			a := env.Seed.Awanio
			for i := range n {
				env.Mock.Awanio().AddMachine(awaniomock.AwanioMachine{Name: chaosMachine(i), PricingUUID: a.BaremetalPricingUUID, Zone: "asia/jakarta", Available: true})
			}
			return awanioResources(env, "cloudorder_awanio_baremetal", n, func(i int) string {
				return fmt.Sprintf("  organization_uuid = %q\n  catalogue_uuid    = %q\n  machine_name      = %q\n  billing_period    = \"price_per_month\"\n  title             = %q\n  hostname          = %q\n  ssh_public_key    = %q\n",
					a.OrganizationUUID, a.BaremetalCatalogueUUID, chaosMachine(i), objectName(i), objectName(i), chaosSSHKey)
			})
		},
		Live: func(env *acctest.Env) []Object {
			var out []Object
			for _, b := range env.Mock.Awanio().Baremetals() {
				out = append(out, Object{ID: b.UUID, Name: b.Hostname})
			}
			return out
		},
		Delete: func(env *acctest.Env, id string) bool { return env.Mock.Awanio().DeleteBaremetal(id) },
		Create: func(env *acctest.Env) mockcloud.Fault {
			return awanioCreate("/organizations/" + env.Seed.Awanio.OrganizationUUID + "/baremetals")
		},
		// The first server created with the name fails its deployment;
		// the replacement succeeds, so there is nothing to undo.
		Fail: func(env *acctest.Env, name string) func() {
			env.Mock.Awanio().FailProvisioning(name, "chaos: the deployment failed")
			return func() {}
		},
	})
}
