package provider_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	acctest.CLICleanup()
	os.Exit(code)
}

// generateConfigCase is one resource type for TestAccGenerateConfig.
type generateConfigCase struct {
	// resourceBody returns the arguments of a resource block that creates
	// an object of the type in the test's mock.
	resourceBody func(env *acctest.Env) string
	// importID derives the import ID from the created resource's state;
	// nil means its `id` attribute.
	importID func(attrs map[string]any) string
	// providerConfig returns the provider block; nil means env.ProviderConfig().
	providerConfig func(env *acctest.Env) string
}

// generateConfigCases has an entry for EVERY resource type the provider
// registers (TestAccGenerateConfig fails on a type without one). Add yours
// with arguments that exercise as many optional attributes as the mock
// accepts: each is one more chance for generated config to be invalid.
var generateConfigCases = map[string]generateConfigCase{
	"cloudorder_waldur_order": {
		resourceBody: func(env *acctest.Env) string {
			return fmt.Sprintf(`
  project         = %q
  offering        = %q
  plan            = %q
  request_comment = "imported by a test"
  callback_url    = "https://hooks.example.com/waldur"
  limits          = { cpu = 4, ram = 16 }
  attributes = jsonencode({
    name               = "generated-config"
    kubernetes_version = "1.30"
    node_count         = 3
  })
  approve              = true
  terminate_on_destroy = true
`, env.Seed.ProjectUUID, env.Seed.OfferingUUID, env.Seed.PlanUUID)
		},
	},
	"cloudorder_waldur_resource": {
		resourceBody: func(env *acctest.Env) string {
			return fmt.Sprintf(`
  project  = %q
  offering = %q
  plan     = %q
  limits   = { cpu = 4, ram = 16 }
  attributes = jsonencode({
    name        = "generated-config"
    description = "imported by a test"
  })
  approve = true
`, env.Seed.ProjectUUID, env.Seed.OfferingUUID, env.Seed.PlanUUID)
		},
	},
	"cloudorder_waldur_kubernetes_cluster": {
		resourceBody: func(env *acctest.Env) string {
			return fmt.Sprintf(`
  project            = %q
  offering           = %q
  plan               = %q
  limits             = { cpu = 8 }
  name               = "generated-config"
  description        = "imported by a test"
  kubernetes_version = "1.30"
  worker_count       = 3
  worker_flavor      = "m1.medium"
  ssh_public_key     = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGen test@example"
  install_longhorn   = true
  extra_attributes   = { region = "oslo" }
`, env.Seed.ProjectUUID, env.Seed.OfferingUUID, env.Seed.PlanUUID)
		},
	},
	"cloudorder_awanio_volume": {
		providerConfig: func(env *acctest.Env) string { return env.AwanioProviderConfig() },
		resourceBody: func(env *acctest.Env) string {
			return fmt.Sprintf(`
  project_uuid = %q
  label        = "generated-config"
  pricing_uuid = %q
`, env.Seed.Awanio.ProjectUUID, env.Seed.Awanio.VolumePricingUUID)
		},
		importID: func(attrs map[string]any) string {
			return fmt.Sprintf("projects/%v/%v", attrs["project_uuid"], attrs["id"])
		},
	},
	"cloudorder_hostway_vps": {
		providerConfig: func(env *acctest.Env) string { return env.HostwayProviderConfig() },
		resourceBody: func(env *acctest.Env) string {
			h := env.Seed.Hostway
			var services strings.Builder
			for i, spec := range h.ChildSpecifications {
				fmt.Fprintf(&services, "\n  service {\n    specification = %q\n", spec)
				if i == 0 {
					// One child with its own name: generated config must keep it.
					services.WriteString("    name          = \"generated-config child\"\n")
				}
				services.WriteString("  }\n")
			}
			return fmt.Sprintf(`
  offering     = %q
  display_name = "generated-config"

  server {
    name          = "generated-config"
    specification = %q
    billing_cycle = 1
  }
%s`, h.ProductSpecification+"/"+h.Offering, h.ServerSpecification, services.String())
		},
	},
}

// pendingGenerateConfig lists resource types whose round trip is known to
// fail or has no entry yet, with the reason. Each is a bug or a gap for the
// type's owner to close by removing its line; the subtest is reported as
// skipped with the reason, never as passed.
var pendingGenerateConfig = map[string]string{
	"cloudorder_awanio_volume": "generated config sets both organization_uuid and project_uuid, " +
		"which the schema's ConflictsWith rejects (\"Invalid Attribute Combination\"); Read must keep only the owner the volume belongs to",
	"cloudorder_awanio_organization":        "no generateConfigCases entry yet (landed with the Awanio issue)",
	"cloudorder_awanio_organization_member": "no generateConfigCases entry yet (landed with the Awanio issue)",
	"cloudorder_awanio_project":             "no generateConfigCases entry yet (landed with the Awanio issue)",
	"cloudorder_awanio_vpc":                 "no generateConfigCases entry yet (landed with the Awanio issue)",
}

// TestAccGenerateConfig checks, for each resource type, what a user does to
// adopt an object that exists but is not in any state:
//
//  1. an `import {}` block and `terraform plan -generate-config-out=generated.tf`
//     must succeed;
//  2. with generated.tf as configuration, `terraform plan` must validate it
//     and plan only the import (no create, update or replace), and the
//     apply of that plan must succeed;
//  3. a plan afterwards must be empty (exit code 0 with -detailed-exitcode).
//
// Generated config contains every optional attribute with the value read
// from the API, so it fails when Read stores a value that the schema's own
// validators reject (an empty string where at least one character is
// required, say), or one that plan modifiers then want to change.
// It runs terraform and the provider binary (see acctest.CLI) against an
// in-process mock, so the object lives across terraform commands.
func TestAccGenerateConfig(t *testing.T) {
	t.Parallel()
	for _, typ := range registeredTypes(t)[kindResource] {
		t.Run(typ, func(t *testing.T) {
			t.Parallel()
			if reason, ok := pendingGenerateConfig[typ]; ok {
				t.Skipf("KNOWN GAP, see pendingGenerateConfig: %s", reason)
			}
			tc, ok := generateConfigCases[typ]
			if !ok {
				t.Fatalf("add an entry for %s to generateConfigCases in %s", typ, "internal/provider/generate_config_acc_test.go")
			}
			testGenerateConfig(t, typ, tc)
		})
	}
}

func testGenerateConfig(t *testing.T, typ string, tc generateConfigCase) {
	env := acctest.NewEnv(t)
	providerConfig := env.ProviderConfig()
	if tc.providerConfig != nil {
		providerConfig = tc.providerConfig(env)
	}

	// The existing object, created in a working directory whose state is
	// then forgotten.
	create := acctest.NewCLI(t)
	create.WriteFile("main.tf", acctest.RequiredProviders+providerConfig+
		fmt.Sprintf("resource %q \"existing\" {%s}\n", typ, tc.resourceBody(env)))
	create.MustRun("apply", "-auto-approve", "-no-color")
	attrs := create.StateAttributes(typ + ".existing")
	id, _ := attrs["id"].(string)
	if tc.importID != nil {
		id = tc.importID(attrs)
	}
	if id == "" {
		t.Fatalf("no import ID for %s from its state: %v", typ, attrs)
	}

	adopt := acctest.NewCLI(t)
	address := typ + ".adopted"
	adopt.WriteFile("main.tf", acctest.RequiredProviders+providerConfig+
		fmt.Sprintf("import {\n  to = %s\n  id = %q\n}\n", address, id))

	// 1. Generate the config.
	adopt.MustRun("plan", "-no-color", "-generate-config-out=generated.tf")
	generated := adopt.ReadFile("generated.tf")
	t.Logf("generated.tf:\n%s", generated)
	if !strings.Contains(generated, fmt.Sprintf("resource %q \"adopted\"", typ)) {
		t.Fatalf("generated.tf has no resource block for %s:\n%s", address, generated)
	}
	// 2. With the generated file as configuration (validated like any
	// other), the plan imports the object and changes nothing.
	adopt.MustRun("plan", "-no-color", "-out=import.tfplan")
	checkImportOnly(t, adopt.ShowJSON("import.tfplan"), address)
	adopt.MustRun("apply", "-no-color", "-auto-approve", "import.tfplan")
	// 3. Once imported, nothing is left to do.
	code, stdout, stderr := adopt.Run("plan", "-no-color", "-detailed-exitcode")
	if code != 0 {
		t.Fatalf("the generated config does not plan clean after the import (exit %d):\n%s\n%s\ngenerated.tf:\n%s", code, stdout, stderr, generated)
	}
}

// checkImportOnly fails unless the saved plan imports address as a no-op
// and changes nothing else.
func checkImportOnly(t *testing.T, plan map[string]any, address string) {
	t.Helper()
	changes, _ := plan["resource_changes"].([]any)
	found := false
	for _, rc := range changes {
		rc, _ := rc.(map[string]any)
		change, _ := rc["change"].(map[string]any)
		actions := fmt.Sprint(change["actions"])
		if rc["address"] != address {
			if actions != "[no-op]" {
				t.Errorf("the import plan also changes %v: %s", rc["address"], actions)
			}
			continue
		}
		found = true
		if change["importing"] == nil {
			t.Errorf("the plan does not import %s", address)
		}
		if actions != "[no-op]" {
			t.Errorf("the generated config of %s plans %s after the import, want no-op; before: %v after: %v",
				address, actions, change["before"], change["after"])
		}
	}
	if !found {
		t.Errorf("the plan has no change for %s", address)
	}
}
