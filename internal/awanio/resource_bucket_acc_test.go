package awanio_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest"
)

const bucketAddr = "cloudorder_awanio_bucket.test"

// bucketConfig is an object storage in the demo project and one bucket.
func bucketConfig(env *acctest.Env, name, extra string) string {
	return storageConfig(env.AwanioProviderConfig(), projectArg(env), "buckets", "") + fmt.Sprintf(`
resource "cloudorder_awanio_bucket" "test" {
  project_uuid = cloudorder_awanio_object_storage.test.project_uuid
  name         = %q
%s}
`, name, extra)
}

func bucketPolicy(env *acctest.Env, name string) string {
	st, _ := env.Mock.Awanio().ObjectStorage("projects", env.Seed.Awanio.ProjectUUID)
	if b := st.Buckets[name]; b != nil {
		return b.Policy
	}
	return "<no bucket>"
}

func TestAccAwanioBucket_basicAndPolicyInPlace(t *testing.T) {
	env := acctest.NewEnv(t)
	id := "projects/" + env.Seed.Awanio.ProjectUUID + "/photos"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config:           bucketConfig(env, "photos", ""),
				ConfigPlanChecks: emptyPlanAfterApply,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(bucketAddr, tfjsonpath.New("id"), knownvalue.StringExact(id)),
					statecheck.ExpectKnownValue(bucketAddr, tfjsonpath.New("policy"), knownvalue.StringExact("none")),
					statecheck.ExpectKnownValue(bucketAddr, tfjsonpath.New("force_destroy"), knownvalue.Bool(false)),
				},
			},
			{
				ResourceName:            bucketAddr,
				ImportState:             true,
				ImportStateId:           id,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"force_destroy"},
			},
			{
				Config: bucketConfig(env, "photos", "  policy = \"download\"\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(bucketAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: func(*terraform.State) error {
					if p := bucketPolicy(env, "photos"); p != "download" {
						return fmt.Errorf("policy in the mock is %q, want download", p)
					}
					return nil
				},
			},
			{
				Config: bucketConfig(env, "videos", "  policy = \"public\"\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(bucketAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: func(*terraform.State) error {
					if p := bucketPolicy(env, "videos"); p != "public" {
						return fmt.Errorf("policy of the new bucket is %q, want public", p)
					}
					return nil
				},
			},
		},
	})
}

// Deleting a bucket with objects fails with Awanio's error unless
// force_destroy empties it first.
func TestAccAwanioBucket_forceDestroy(t *testing.T) {
	env := acctest.NewEnv(t)
	project := env.Seed.Awanio.ProjectUUID
	put := func(*terraform.State) error {
		for _, o := range []string{"a.txt", "b.txt", "dir/c.txt"} {
			if err := env.Mock.Awanio().PutBucketObject("projects", project, "full", o, 10); err != nil {
				return err
			}
		}
		return nil
	}
	storageOnly := storageConfig(env.AwanioProviderConfig(), projectArg(env), "buckets", "")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: bucketConfig(env, "full", ""), Check: put},
			{
				Config:      storageOnly,
				ExpectError: acctest.ExpectError("Could not delete the Awanio bucket", "IS NOT EMPTY"),
			},
			{
				// Setting force_destroy is an in-place change of state only.
				Config: bucketConfig(env, "full", "  force_destroy = true\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(bucketAddr, plancheck.ResourceActionUpdate)},
				},
			},
			{
				Config: storageOnly,
				Check: func(*terraform.State) error {
					if st, _ := env.Mock.Awanio().ObjectStorage("projects", project); st.Buckets["full"] != nil {
						return fmt.Errorf("bucket still exists")
					}
					return nil
				},
			},
		},
	})
}

func TestAccAwanioBucket_disappears(t *testing.T) {
	env := acctest.NewEnv(t)
	cfg := bucketConfig(env, "ephemera", "")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: func(*terraform.State) error {
					if !env.Mock.Awanio().DeleteBucket("projects", env.Seed.Awanio.ProjectUUID, "ephemera") {
						return fmt.Errorf("no bucket in the mock")
					}
					return nil
				},
				ExpectNonEmptyPlan: true,
			},
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(bucketAddr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

func TestAccAwanioBucket_validation(t *testing.T) {
	env := acctest.NewEnv(t)
	cases := []struct {
		config string
		want   []string
	}{
		{bucketConfig(env, "No_Caps", ""), []string{"name", "must be 3 to 63 lower-case letters"}},
		{bucketConfig(env, "ab", ""), []string{"name", "must be 3 to 63"}},
		{bucketConfig(env, "okay", "  policy = \"private\"\n"), []string{"policy", "none", "download", "upload", "public"}},
		{bucketConfig(env, "okay", "  timeouts {\n    delete = \"later\"\n  }\n"), []string{"delete", `"later"`}},
	}
	steps := make([]resource.TestStep, 0, len(cases))
	for _, tc := range cases {
		steps = append(steps, resource.TestStep{Config: tc.config, PlanOnly: true, ExpectError: acctest.ExpectError(tc.want...)})
	}
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(), Steps: steps})
}
