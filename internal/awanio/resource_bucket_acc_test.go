package awanio_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest"
)

const bucketAddr = "cloudorder_awanio_bucket.test"

// bucketConfig is an object storage in the demo project and one bucket.
func bucketConfig(env *acctest.Env, name, extra string) string {
	return storageConfig(env.AwanioProviderConfig(), projectArg(env), "buckets", "") + block("resource", "bucket", "test",
		"  project_uuid = cloudorder_awanio_object_storage.test.project_uuid\n", arg("name", name), extra)
}

// bucketPolicy checks the policy of bucket name in the mock.
func bucketPolicy(env *acctest.Env, name, want string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		st, _ := env.Mock.Awanio().ObjectStorage("projects", env.Seed.Awanio.ProjectUUID)
		if b := st.Buckets[name]; b == nil || b.Policy != want {
			return fmt.Errorf("bucket %s in the mock: %+v, want policy %s", name, b, want)
		}
		return nil
	}
}

func TestAccAwanioBucket_basicAndPolicyInPlace(t *testing.T) {
	env := acctest.NewEnv(t)
	id := "projects/" + env.Seed.Awanio.ProjectUUID + "/photos"
	accSteps(t,
		resource.TestStep{
			Config:           bucketConfig(env, "photos", ""),
			ConfigPlanChecks: acctest.EmptyPlanAfterApply,
			ConfigStateChecks: attrs(bucketAddr, map[string]knownvalue.Check{
				"id":            knownvalue.StringExact(id),
				"policy":        knownvalue.StringExact("none"),
				"force_destroy": knownvalue.Bool(false),
			}),
		},
		importStep(bucketAddr, literalID(id), "force_destroy"),
		resource.TestStep{
			Config:           bucketConfig(env, "photos", arg("policy", "download")),
			ConfigPlanChecks: actionThenEmpty(bucketAddr, plancheck.ResourceActionUpdate),
			Check:            bucketPolicy(env, "photos", "download"),
		},
		resource.TestStep{
			Config:           bucketConfig(env, "videos", arg("policy", "public")),
			ConfigPlanChecks: actionOnly(bucketAddr, plancheck.ResourceActionDestroyBeforeCreate),
			Check:            bucketPolicy(env, "videos", "public"),
		},
	)
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
	accSteps(t,
		resource.TestStep{Config: bucketConfig(env, "full", ""), Check: put},
		applyError(storageOnly, "Could not delete the Awanio bucket", "IS NOT EMPTY"),
		resource.TestStep{
			// Setting force_destroy is an in-place change of state only.
			Config:           bucketConfig(env, "full", arg("force_destroy", true)),
			ConfigPlanChecks: actionOnly(bucketAddr, plancheck.ResourceActionUpdate),
		},
		resource.TestStep{
			Config: storageOnly,
			Check: func(*terraform.State) error {
				if st, _ := env.Mock.Awanio().ObjectStorage("projects", project); st.Buckets["full"] != nil {
					return fmt.Errorf("bucket still exists")
				}
				return nil
			},
		},
	)
}

func TestAccAwanioBucket_disappears(t *testing.T) {
	env := acctest.NewEnv(t)
	accSteps(t, disappearsSteps(bucketConfig(env, "ephemera", ""), bucketAddr, false, func(string) error {
		if !env.Mock.Awanio().DeleteBucket("projects", env.Seed.Awanio.ProjectUUID, "ephemera") {
			return fmt.Errorf("no bucket in the mock")
		}
		return nil
	})...)
}

func TestAccAwanioBucket_validation(t *testing.T) {
	env := acctest.NewEnv(t)
	accSteps(t,
		planError(bucketConfig(env, "No_Caps", ""), "name", "must be 3 to 63 lower-case letters"),
		planError(bucketConfig(env, "ab", ""), "name", "must be 3 to 63"),
		planError(bucketConfig(env, "okay", arg("policy", "private")), "policy", "none", "download", "upload", "public"),
		planError(bucketConfig(env, "okay", timeouts("delete", "later")), "delete", `"later"`),
	)
}
