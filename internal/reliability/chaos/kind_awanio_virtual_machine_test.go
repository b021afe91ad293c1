package chaos

import (
	"fmt"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
)

const chaosSSHKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBvTestKeyForCloudorderChaosTests chaos@example"

func init() {
	Register(Kind{
		Name: "cloudorder_awanio_virtual_machine",
		Config: func(env *acctest.Env, n int) string {
			a := env.Seed.Awanio
			return awanioResources(env, "cloudorder_awanio_virtual_machine", n, func(i int) string {
				return fmt.Sprintf("  project_uuid       = %q\n  catalogue_uuid     = %q\n  instance_type_uuid = %q\n  title              = %q\n  hostname           = %q\n  ssh_public_key     = %q\n",
					a.ProjectUUID, a.VMCatalogueUUID, a.VMPricingUUID, objectName(i), objectName(i), chaosSSHKey)
			})
		},
		Live: func(env *acctest.Env) []Object {
			var out []Object
			for _, vm := range env.Mock.Awanio().VMs() {
				out = append(out, Object{ID: vm.UUID, Name: vm.Hostname})
			}
			return out
		},
		Delete: func(env *acctest.Env, id string) bool { return env.Mock.Awanio().DeleteVM(id) },
		Create: func(env *acctest.Env) mockcloud.Fault {
			return awanioCreate("/projects/" + env.Seed.Awanio.ProjectUUID + "/vms")
		},
		// The first VM created with the name fails provisioning; later
		// ones (the replacement) succeed, so there is nothing to undo.
		Fail: func(env *acctest.Env, name string) func() {
			env.Mock.Awanio().FailProvisioning(name, "chaos: the hypervisor failed")
			return func() {}
		},
	})
}
