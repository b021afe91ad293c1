package awanio_test

import (
	"fmt"
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

const volumeAddr = "cloudorder_awanio_volume.test"

func volumeConfig(provider, label, body string) string {
	return provider + fmt.Sprintf(`
resource "cloudorder_awanio_volume" "test" {
  label = %q
%s}
`, label, body)
}

func pricing(uuid string) string { return fmt.Sprintf("  pricing_uuid = %q\n", uuid) }

func TestAccAwanioVolume_basicResizeAndRename(t *testing.T) {
	env := acctest.NewEnv(t)
	small, large := env.Seed.Awanio.VolumePricingUUID, env.Seed.Awanio.LargeVolumePricingUUID
	org := env.Seed.Awanio.OrganizationUUID
	var id string
	inPlace := func(label, price string, size int) resource.TestStep {
		return resource.TestStep{
			Config: volumeConfig(withDefaultOrg(env), label, pricing(price)),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(volumeAddr, plancheck.ResourceActionUpdate)},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(volumeAddr, tfjsonpath.New("size_gb"), knownvalue.Int64Exact(int64(size))),
				statecheck.ExpectKnownValue(volumeAddr, tfjsonpath.New("label"), knownvalue.StringExact(label)),
			},
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
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config:           volumeConfig(withDefaultOrg(env), "data", pricing(small)),
				ConfigPlanChecks: emptyPlanAfterApply,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(volumeAddr, tfjsonpath.New("organization_uuid"), knownvalue.StringExact(org)),
					statecheck.ExpectKnownValue(volumeAddr, tfjsonpath.New("project_uuid"), knownvalue.Null()),
					statecheck.ExpectKnownValue(volumeAddr, tfjsonpath.New("size_gb"), knownvalue.Int64Exact(10)),
					statecheck.ExpectKnownValue(volumeAddr, tfjsonpath.New("volume_type"), knownvalue.StringExact("external")),
					statecheck.ExpectKnownValue(volumeAddr, tfjsonpath.New("is_used"), knownvalue.Bool(false)),
				},
				Check: func(s *terraform.State) (err error) {
					id, err = stateID(s, volumeAddr)
					return err
				},
			},
			{
				ResourceName: volumeAddr,
				ImportState:  true,
				ImportStateIdFunc: func(s *terraform.State) (string, error) {
					id, err := stateID(s, volumeAddr)
					return "organizations/" + org + "/" + id, err
				},
				ImportStateVerify: true,
			},
			inPlace("data-renamed", small, 10),
			inPlace("data-renamed", large, 20),
			{
				// Volumes only grow: Awanio's refusal is shown as it is.
				Config:      volumeConfig(withDefaultOrg(env), "data-renamed", pricing(small)),
				ExpectError: acctest.ExpectError("Could not resize the Awanio volume", "A VOLUME CAN ONLY GROW"),
			},
		},
	})
}

func TestAccAwanioVolume_cloneInProject(t *testing.T) {
	env := acctest.NewEnv(t)
	project := env.Seed.Awanio.ProjectUUID
	cfg := env.AwanioProviderConfig(fmt.Sprintf("project_uuid = %q", project)) + fmt.Sprintf(`
resource "cloudorder_awanio_volume" "source" {
  label        = "source"
  pricing_uuid = %q
}

resource "cloudorder_awanio_volume" "test" {
  label              = "clone"
  source_volume_uuid = cloudorder_awanio_volume.source.id
}
`, env.Seed.Awanio.VolumePricingUUID)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config:           cfg,
				ConfigPlanChecks: emptyPlanAfterApply,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(volumeAddr, tfjsonpath.New("project_uuid"), knownvalue.StringExact(project)),
					statecheck.ExpectKnownValue(volumeAddr, tfjsonpath.New("organization_uuid"), knownvalue.Null()),
					statecheck.ExpectKnownValue(volumeAddr, tfjsonpath.New("pricing_uuid"), knownvalue.StringExact(env.Seed.Awanio.VolumePricingUUID)),
					statecheck.ExpectKnownValue(volumeAddr, tfjsonpath.New("size_gb"), knownvalue.Int64Exact(10)),
				},
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
			{
				ResourceName: volumeAddr,
				ImportState:  true,
				ImportStateIdFunc: func(s *terraform.State) (string, error) {
					id, err := stateID(s, volumeAddr)
					return "projects/" + project + "/" + id, err
				},
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"source_volume_uuid"}, // Awanio does not return it
			},
		},
	})
}

func TestAccAwanioVolume_cloneWithLargerPricing(t *testing.T) {
	env := acctest.NewEnv(t)
	cfg := withDefaultOrg(env) + fmt.Sprintf(`
resource "cloudorder_awanio_volume" "source" {
  label        = "source"
  pricing_uuid = %q
}

resource "cloudorder_awanio_volume" "test" {
  label              = "bigger-clone"
  source_volume_uuid = cloudorder_awanio_volume.source.id
  pricing_uuid       = %q
}
`, env.Seed.Awanio.VolumePricingUUID, env.Seed.Awanio.LargeVolumePricingUUID)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config:           cfg,
			ConfigPlanChecks: emptyPlanAfterApply,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(volumeAddr, tfjsonpath.New("size_gb"), knownvalue.Int64Exact(20)),
			},
		}},
	})
}

func TestAccAwanioVolume_disappears(t *testing.T) {
	env := acctest.NewEnv(t)
	cfg := volumeConfig(withDefaultOrg(env), "gone", pricing(env.Seed.Awanio.VolumePricingUUID))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: func(s *terraform.State) error {
					id, _ := stateID(s, volumeAddr)
					if !env.Mock.Awanio().DeleteVolume(id) {
						return fmt.Errorf("volume %s not in the mock", id)
					}
					return nil
				},
				ExpectNonEmptyPlan: true,
			},
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(volumeAddr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

func TestAccAwanioVolume_validation(t *testing.T) {
	env := acctest.NewEnv(t)
	p := withDefaultOrg(env)
	price := pricing(env.Seed.Awanio.VolumePricingUUID)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: volumeConfig(p, "x", ""), PlanOnly: true, ExpectError: acctest.ExpectError("pricing_uuid", "source_volume_uuid")},
			{
				Config:   volumeConfig(p, "x", price+fmt.Sprintf("  organization_uuid = %q\n  project_uuid = %q\n", env.Seed.Awanio.OrganizationUUID, env.Seed.Awanio.ProjectUUID)),
				PlanOnly: true, ExpectError: acctest.ExpectError("Invalid Attribute Combination", "organization_uuid", "project_uuid"),
			},
			{Config: volumeConfig(p, "x", pricing("10GB")), PlanOnly: true, ExpectError: acctest.ExpectError("pricing_uuid", "is not a UUID")},
			{Config: volumeConfig(env.AwanioProviderConfig(), "x", price), PlanOnly: true,
				// The hint names the provider-level project_uuid too (issue 16).
				ExpectError: acctest.ExpectError("Missing organization_uuid", "organization_uuid or project_uuid", "default project_uuid or organization_uuid", "CLOUDORDER_AWANIO_PROJECT_UUID")},
			{
				// A pricing for VMs is refused by Awanio with its message.
				Config:      volumeConfig(p, "x", pricing(env.Seed.Awanio.VMPricingUUID)),
				ExpectError: acctest.ExpectError("Could not create the Awanio volume", "IS FOR VM, NOT FOR VOLUMES"),
			},
		},
	})
	if n := len(env.Mock.Awanio().Volumes()); n != 0 {
		t.Fatalf("invalid configurations made %d volumes", n)
	}
}

func TestAccAwanioVolume_timeout(t *testing.T) {
	env := acctest.NewEnv(t)
	env.Mock.InjectFault(mockcloud.Fault{Method: "POST", PathPrefix: "/awanio/v2/organizations/", Latency: 3 * time.Second})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config:      volumeConfig(withDefaultOrg(env), "slow", pricing(env.Seed.Awanio.VolumePricingUUID)+"  timeouts {\n    create = \"1s\"\n  }\n"),
			ExpectError: acctest.ExpectError("Could not create the Awanio volume", "ran out of time"),
		}},
	})
}
