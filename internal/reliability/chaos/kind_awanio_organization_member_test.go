package chaos

import (
	"fmt"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
	awaniomock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/awanio"
)

// Each membership adds a user of its own, added to the mock with a fixed
// UUID and objectName(i) as username, to the demo organization.
func chaosMemberUser(i int) string { return fmt.Sprintf("3e3be700-0000-4000-8000-%012d", i) }

func init() {
	Register(Kind{
		Name: "cloudorder_awanio_organization_member",
		Config: func(env *acctest.Env, n int) string {
			for i := range n {
				env.Mock.Awanio().AddUser(awaniomock.AwanioUserSpec{
					UUID: chaosMemberUser(i), Username: objectName(i), Name: objectName(i), Email: objectName(i) + "@example.com",
				})
			}
			return awanioResources(env, "cloudorder_awanio_organization_member", n, func(i int) string {
				return fmt.Sprintf("  organization_uuid = %q\n  user_uuid         = %q\n", env.Seed.Awanio.OrganizationUUID, chaosMemberUser(i))
			})
		},
		Live: func(env *acctest.Env) []Object {
			org := env.Seed.Awanio.OrganizationUUID
			o, ok := env.Mock.Awanio().Organization(org)
			if !ok {
				return nil
			}
			var out []Object
			for user := range o.Members {
				if u, ok := env.Mock.Awanio().User(user); ok && chaosNamed(u.Username) { // not the seed's members
					out = append(out, Object{ID: org + "/" + u.UUID, Name: u.Username})
				}
			}
			return out
		},
		// The id is "{organization}/{user}".
		Delete: func(env *acctest.Env, id string) bool {
			org := env.Seed.Awanio.OrganizationUUID
			for i := range 10 {
				if canonicalID(org+"/"+chaosMemberUser(i)) == canonicalID(id) {
					return env.Mock.Awanio().RemoveOrganizationMember(org, chaosMemberUser(i))
				}
			}
			return false
		},
		Create: func(env *acctest.Env) mockcloud.Fault {
			return awanioCreate("/organizations/" + env.Seed.Awanio.OrganizationUUID + "/members")
		},
		ReusesID: true,
	})
}
