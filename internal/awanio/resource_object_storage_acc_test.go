package awanio_test

import (
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
)

const storageAddr = "cloudorder_awanio_object_storage.test"

func storageConfig(providerBlock, group, subdomain, extra string) string {
	return providerBlock + fmt.Sprintf(`
resource "cloudorder_awanio_object_storage" "test" {
  %s
  subdomain_name = %q
%s}
`, group, subdomain, extra)
}

func projectArg(env *acctest.Env) string {
	return fmt.Sprintf("project_uuid = %q", env.Seed.Awanio.ProjectUUID)
}

func TestAccAwanioObjectStorage_basic(t *testing.T) {
	env := acctest.NewEnv(t)
	project := env.Seed.Awanio.ProjectUUID
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config:           storageConfig(env.AwanioProviderConfig(), projectArg(env), "acme-data", ""),
				ConfigPlanChecks: emptyPlanAfterApply,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(storageAddr, tfjsonpath.New("id"), knownvalue.StringExact("projects/"+project)),
					statecheck.ExpectKnownValue(storageAddr, tfjsonpath.New("project_uuid"), knownvalue.StringExact(project)),
					statecheck.ExpectKnownValue(storageAddr, tfjsonpath.New("organization_uuid"), knownvalue.Null()),
					statecheck.ExpectKnownValue(storageAddr, tfjsonpath.New("endpoint"), knownvalue.StringExact("acme-data.storage.awanio.com")),
					statecheck.ExpectKnownValue(storageAddr, tfjsonpath.New("access_key"), knownvalue.StringRegexp(regexp.MustCompile(`^AK`))),
				},
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
			{
				// The keys are shown once, at create: an import cannot have them.
				ResourceName:            storageAddr,
				ImportState:             true,
				ImportStateId:           "projects/" + project,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"access_key", "secret_key"},
			},
		},
		CheckDestroy: func(*terraform.State) error {
			if _, ok := env.Mock.Awanio().ObjectStorage("projects", project); ok {
				return fmt.Errorf("object storage still exists after destroy")
			}
			return nil
		},
	})
}

func TestAccAwanioObjectStorage_organizationAndReplace(t *testing.T) {
	env := acctest.NewEnv(t)
	org := env.Seed.Awanio.OrganizationUUID
	group := fmt.Sprintf("organization_uuid = %q", org)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config:           storageConfig(env.AwanioTokenProviderConfig(), group, "first", ""),
				ConfigPlanChecks: emptyPlanAfterApply,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(storageAddr, tfjsonpath.New("id"), knownvalue.StringExact("organizations/"+org)),
				},
			},
			{
				Config: storageConfig(env.AwanioTokenProviderConfig(), group, "second", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(storageAddr, plancheck.ResourceActionDestroyBeforeCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: func(*terraform.State) error {
					if st, _ := env.Mock.Awanio().ObjectStorage("organizations", org); st.SubdomainName != "second.storage.awanio.com" {
						return fmt.Errorf("the mock holds %q", st.SubdomainName)
					}
					return nil
				},
			},
		},
	})
}

func TestAccAwanioObjectStorage_disappears(t *testing.T) {
	env := acctest.NewEnv(t)
	cfg := storageConfig(env.AwanioProviderConfig(), projectArg(env), "short-lived", "")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: func(*terraform.State) error {
					if !env.Mock.Awanio().DeleteObjectStorage("projects", env.Seed.Awanio.ProjectUUID) {
						return fmt.Errorf("no object storage in the mock")
					}
					return nil
				},
				ExpectNonEmptyPlan: true,
			},
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(storageAddr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

func TestAccAwanioObjectStorage_validation(t *testing.T) {
	env := acctest.NewEnv(t)
	p := env.AwanioProviderConfig()
	both := fmt.Sprintf("project_uuid = %q\n  organization_uuid = %q", env.Seed.Awanio.ProjectUUID, env.Seed.Awanio.OrganizationUUID)
	cases := []struct {
		config string
		want   []string
	}{
		{storageConfig(p, projectArg(env), "Upper_Case", ""), []string{"subdomain_name", "lower-case letters, digits or hyphens"}},
		{storageConfig(p, "project_uuid = \"nope\"", "ok", ""), []string{"project_uuid", "must be a UUID"}},
		{storageConfig(p, both, "ok", ""), []string{"organization_uuid", "project_uuid"}},
		{storageConfig(p, projectArg(env), "ok", "  timeouts {\n    create = \"soon\"\n  }\n"), []string{"create", `"soon"`}},
	}
	steps := make([]resource.TestStep, 0, len(cases))
	for _, tc := range cases {
		steps = append(steps, resource.TestStep{Config: tc.config, PlanOnly: true, ExpectError: acctest.ExpectError(tc.want...)})
	}
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(), Steps: steps})
}

func TestAccAwanioObjectStorage_timeoutAndAPIError(t *testing.T) {
	env := acctest.NewEnv(t)
	env.Mock.InjectFault(mockcloud.Fault{Method: "POST", PathPrefix: "/awanio/v2/projects/" + env.Seed.Awanio.ProjectUUID + "/object-storage", Latency: 3 * time.Second})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config:      storageConfig(env.AwanioProviderConfig(), projectArg(env), "slow", "  timeouts {\n    create = \"1s\"\n  }\n"),
				ExpectError: acctest.ExpectError("Could not create the Awanio object storage", "ran out of time"),
			},
			{
				// Awanio's own message for a project that does not exist.
				Config:      storageConfig(env.AwanioProviderConfig(), `project_uuid = "00000000-0000-4000-8000-000000000000"`, "nowhere", ""),
				ExpectError: acctest.ExpectError("Could not create the Awanio object storage", "PROJECT NOT FOUND"),
			},
		},
	})
}
