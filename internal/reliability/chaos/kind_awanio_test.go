package chaos

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
	awaniomock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/awanio"
)

// Helpers shared by the Awanio kinds.

// awanioProvider is the awanio block with the demo project (or, for
// organization-level objects, the demo organization) as default owner.
func awanioProvider(env *acctest.Env) string {
	a := env.Seed.Awanio
	return env.AwanioProviderConfig(fmt.Sprintf("organization_uuid = %q", a.OrganizationUUID), fmt.Sprintf("project_uuid = %q", a.ProjectUUID))
}

// awanioResources writes n resources of typ whose bodies body(i) returns.
func awanioResources(env *acctest.Env, typ string, n int, body func(i int) string) string {
	var b strings.Builder
	b.WriteString(awanioProvider(env))
	for i := range n {
		fmt.Fprintf(&b, "\nresource %q %q {\n%s}\n", typ, resourceName(i), body(i))
	}
	return b.String()
}

// awanioCreate matches the POST that creates an object under path (below
// the Awanio mount).
func awanioCreate(path string) mockcloud.Fault {
	return mockcloud.Fault{Method: http.MethodPost, PathPrefix: awaniomock.AwanioPrefix + path}
}

// chaosNamed keeps the objects this suite made, not the seed's.
func chaosNamed(name string) bool { return strings.HasPrefix(name, "chaos-") }
