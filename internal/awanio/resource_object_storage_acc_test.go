package awanio_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest"
)

const storageAddr = "cloudorder_awanio_object_storage.test"

// storageConfig is an object storage owned by group (a whole line such as
// projectArg(env)).
func storageConfig(providerBlock, group, subdomain, extra string) string {
	return testResource(providerBlock, "object_storage", "  "+group+"\n", arg("subdomain_name", subdomain), extra)
}

func TestAccAwanioObjectStorage_basic(t *testing.T) {
	env := acctest.NewEnv(t)
	project := env.Seed.Awanio.ProjectUUID
	id := "projects/" + project
	accCase(t, resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config:           storageConfig(env.AwanioProviderConfig(), projectArg(env), "acme-data", ""),
				ConfigPlanChecks: acctest.EmptyPlanAfterApply,
				ConfigStateChecks: attrs(storageAddr, map[string]knownvalue.Check{
					"id":                knownvalue.StringExact(id),
					"project_uuid":      knownvalue.StringExact(project),
					"organization_uuid": knownvalue.Null(),
					"endpoint":          knownvalue.StringExact("acme-data.storage.awanio.com"),
					"access_key":        knownvalue.StringRegexp(regexp.MustCompile(`^AK`)),
				}),
				Check: func(s *terraform.State) error {
					st, ok := env.Mock.Awanio().ObjectStorage("projects", project)
					if !ok {
						return fmt.Errorf("no object storage in the mock")
					}
					attrs := s.RootModule().Resources[storageAddr].Primary.Attributes
					if attrs["secret_key"] != st.SecretKey || attrs["access_key"] != st.AccessKey {
						return fmt.Errorf("the keys in state are not the ones Awanio issued")
					}
					return nil
				},
			},
			// The keys are shown once, at create: an import cannot have them.
			importStep(storageAddr, literalID(id), "access_key", "secret_key"),
		},
		CheckDestroy: goneAfterDestroy("object storage", &id, findByGroup(env.Mock.Awanio().ObjectStorage)),
	})
}

func TestAccAwanioObjectStorage_organizationAndReplace(t *testing.T) {
	env := acctest.NewEnv(t)
	org := env.Seed.Awanio.OrganizationUUID
	accSteps(t,
		resource.TestStep{
			Config:            storageConfig(env.AwanioTokenProviderConfig(), orgArg(env), "first", ""),
			ConfigPlanChecks:  acctest.EmptyPlanAfterApply,
			ConfigStateChecks: attrs(storageAddr, map[string]knownvalue.Check{"id": knownvalue.StringExact("organizations/" + org)}),
		},
		resource.TestStep{
			Config:           storageConfig(env.AwanioTokenProviderConfig(), orgArg(env), "second", ""),
			ConfigPlanChecks: actionThenEmpty(storageAddr, plancheck.ResourceActionDestroyBeforeCreate),
			Check: func(*terraform.State) error {
				if st, _ := env.Mock.Awanio().ObjectStorage("organizations", org); st.SubdomainName != "second.storage.awanio.com" {
					return fmt.Errorf("the mock holds %q", st.SubdomainName)
				}
				return nil
			},
		},
	)
}

func TestAccAwanioObjectStorage_disappears(t *testing.T) {
	env := acctest.NewEnv(t)
	accSteps(t, disappearsSteps(storageConfig(env.AwanioProviderConfig(), projectArg(env), "short-lived", ""), storageAddr, false, removed("object storage", deleteByGroup(env.Mock.Awanio().DeleteObjectStorage)))...)
}

func TestAccAwanioObjectStorage_validation(t *testing.T) {
	env := acctest.NewEnv(t)
	p := env.AwanioProviderConfig()
	accSteps(t,
		planError(storageConfig(p, projectArg(env), "Upper_Case", ""), "subdomain_name", "lower-case letters, digits or hyphens"),
		planError(storageConfig(p, "project_uuid = \"nope\"", "ok", ""), "project_uuid", "must be a UUID"),
		planError(storageConfig(p, projectArg(env)+"\n  "+orgArg(env), "ok", ""), "organization_uuid", "project_uuid"),
		planError(storageConfig(p, projectArg(env), "ok", timeouts("create", "soon")), "create", `"soon"`),
	)
}

func TestAccAwanioObjectStorage_timeoutAndAPIError(t *testing.T) {
	env := acctest.NewEnv(t)
	slowCreates(env, "/awanio/v2/projects/"+env.Seed.Awanio.ProjectUUID+"/object-storage")
	accSteps(t,
		applyError(storageConfig(env.AwanioProviderConfig(), projectArg(env), "slow", timeouts("create", "1s")),
			"Could not create the Awanio object storage", "ran out of time"),
		// Awanio's own message for a project that does not exist.
		applyError(storageConfig(env.AwanioProviderConfig(), `project_uuid = "00000000-0000-4000-8000-000000000000"`, "nowhere", ""),
			"Could not create the Awanio object storage", "PROJECT NOT FOUND"),
	)
}
