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

const volumeAddr = "cloudorder_awanio_volume.test"

func volumeConfig(provider, label, body string) string {
	return testResource(provider, "volume", arg("label", label), body)
}

func pricing(uuid string) string { return arg("pricing_uuid", uuid) }

// sourceAndClone is the provider block, volume "source" and volume "test"
// cloned from it with the given lines.
func sourceAndClone(provider, sourcePricing string, clone ...string) string {
	return provider + block("resource", "volume", "source", arg("label", "source"), pricing(sourcePricing)) +
		block("resource", "volume", "test", append(clone, "  source_volume_uuid = cloudorder_awanio_volume.source.id\n")...)
}

func TestAccAwanioVolume_basicResizeAndRename(t *testing.T) {
	env := acctest.NewEnv(t)
	small, large := env.Seed.Awanio.VolumePricingUUID, env.Seed.Awanio.LargeVolumePricingUUID
	org := env.Seed.Awanio.OrganizationUUID
	var id string
	inPlace := func(label, price string, size int) resource.TestStep {
		return resource.TestStep{
			Config:           volumeConfig(withDefaultOrg(env), label, pricing(price)),
			ConfigPlanChecks: actionThenEmpty(volumeAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: attrs(volumeAddr, map[string]knownvalue.Check{
				"size_gb": knownvalue.Int64Exact(int64(size)),
				"label":   knownvalue.StringExact(label),
			}),
			Check: func(s *terraform.State) error {
				now, _ := stateID(s, volumeAddr)
				v, ok := env.Mock.Awanio().Volume(id)
				if now != id || !ok || v.SizeGB != size || v.Label != label {
					return fmt.Errorf("volume %s (was %s) in the mock: %+v", now, id, v)
				}
				return nil
			},
		}
	}
	accSteps(t,
		resource.TestStep{
			Config:           volumeConfig(withDefaultOrg(env), "data", pricing(small)),
			ConfigPlanChecks: acctest.EmptyPlanAfterApply,
			ConfigStateChecks: attrs(volumeAddr, map[string]knownvalue.Check{
				"organization_uuid": knownvalue.StringExact(org),
				"project_uuid":      knownvalue.Null(),
				"size_gb":           knownvalue.Int64Exact(10),
				"volume_type":       knownvalue.StringExact("external"),
				"is_used":           knownvalue.Bool(false),
			}),
			Check: recordID(&id, volumeAddr),
		},
		importStep(volumeAddr, prefixedID(volumeAddr, "organizations/"+org+"/")),
		inPlace("data-renamed", small, 10),
		inPlace("data-renamed", large, 20),
		// Volumes only grow: Awanio's refusal is shown as it is.
		applyError(volumeConfig(withDefaultOrg(env), "data-renamed", pricing(small)),
			"Could not resize the Awanio volume", "A VOLUME CAN ONLY GROW"),
	)
}

func TestAccAwanioVolume_cloneInProject(t *testing.T) {
	env := acctest.NewEnv(t)
	project := env.Seed.Awanio.ProjectUUID
	accSteps(t,
		resource.TestStep{
			Config:           sourceAndClone(withDefaultProject(env), env.Seed.Awanio.VolumePricingUUID, arg("label", "clone")),
			ConfigPlanChecks: acctest.EmptyPlanAfterApply,
			ConfigStateChecks: attrs(volumeAddr, map[string]knownvalue.Check{
				"project_uuid":      knownvalue.StringExact(project),
				"organization_uuid": knownvalue.Null(),
				"pricing_uuid":      knownvalue.StringExact(env.Seed.Awanio.VolumePricingUUID),
				"size_gb":           knownvalue.Int64Exact(10),
			}),
			Check: func(s *terraform.State) error {
				id, _ := stateID(s, volumeAddr)
				srcID, _ := stateID(s, "cloudorder_awanio_volume.source")
				v, ok := env.Mock.Awanio().Volume(id)
				if !ok || v.SourceVolumeUUID != srcID || v.ProjectUUID != project {
					return fmt.Errorf("clone in the mock: %+v", v)
				}
				return nil
			},
		},
		importStep(volumeAddr, prefixedID(volumeAddr, "projects/"+project+"/"),
			"source_volume_uuid"), // Awanio does not return it
	)
}

func TestAccAwanioVolume_cloneWithLargerPricing(t *testing.T) {
	env := acctest.NewEnv(t)
	accSteps(t, resource.TestStep{
		Config: sourceAndClone(withDefaultOrg(env), env.Seed.Awanio.VolumePricingUUID,
			arg("label", "bigger-clone"), pricing(env.Seed.Awanio.LargeVolumePricingUUID)),
		ConfigPlanChecks:  acctest.EmptyPlanAfterApply,
		ConfigStateChecks: attrs(volumeAddr, map[string]knownvalue.Check{"size_gb": knownvalue.Int64Exact(20)}),
	})
}

func TestAccAwanioVolume_disappears(t *testing.T) {
	env := acctest.NewEnv(t)
	accSteps(t, disappearsSteps(volumeConfig(withDefaultOrg(env), "gone", pricing(env.Seed.Awanio.VolumePricingUUID)), volumeAddr, false,
		removed("volume", env.Mock.Awanio().DeleteVolume))...)
}

func TestAccAwanioVolume_validation(t *testing.T) {
	env := acctest.NewEnv(t)
	p := withDefaultOrg(env)
	price := pricing(env.Seed.Awanio.VolumePricingUUID)
	accSteps(t,
		planError(volumeConfig(p, "x", ""), "pricing_uuid", "source_volume_uuid"),
		planError(volumeConfig(p, "x", price+arg("organization_uuid", env.Seed.Awanio.OrganizationUUID)+arg("project_uuid", env.Seed.Awanio.ProjectUUID)),
			"Invalid Attribute Combination", "organization_uuid", "project_uuid"),
		planError(volumeConfig(p, "x", pricing("10GB")), "pricing_uuid", "is not a UUID"),
		// The hint names the provider-level project_uuid too (issue 16).
		planError(volumeConfig(env.AwanioProviderConfig(), "x", price),
			"Missing organization_uuid", "organization_uuid or project_uuid", "default project_uuid or organization_uuid", "CLOUDORDER_AWANIO_PROJECT_UUID"),
		// A pricing for VMs is refused by Awanio with its message.
		applyError(volumeConfig(p, "x", pricing(env.Seed.Awanio.VMPricingUUID)),
			"Could not create the Awanio volume", "IS FOR VM, NOT FOR VOLUMES"),
	)
	if n := len(env.Mock.Awanio().Volumes()); n != 0 {
		t.Fatalf("invalid configurations made %d volumes", n)
	}
}

func TestAccAwanioVolume_timeout(t *testing.T) {
	env := acctest.NewEnv(t)
	slowCreates(env, "/awanio/v2/organizations/")
	accSteps(t, applyError(volumeConfig(withDefaultOrg(env), "slow", pricing(env.Seed.Awanio.VolumePricingUUID)+timeouts("create", "1s")),
		"Could not create the Awanio volume", "ran out of time"))
}
