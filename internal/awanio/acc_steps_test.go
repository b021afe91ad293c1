package awanio_test

// The building blocks of the Awanio acceptance tests: how a test runs, the
// steps every resource has (import, out-of-band delete, bad input), the
// checks they share and the configuration builders.

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
)

// ---- running a test ----

// accCase runs tc in parallel with the provider under test (unless tc
// brings its own providers).
func accCase(t *testing.T, tc resource.TestCase) {
	t.Helper()
	if tc.ProtoV6ProviderFactories == nil {
		tc.ProtoV6ProviderFactories = acctest.ProtoV6ProviderFactories()
	}
	resource.ParallelTest(t, tc)
}

// accSteps runs steps in parallel with the provider under test.
func accSteps(t *testing.T, steps ...resource.TestStep) {
	t.Helper()
	accCase(t, resource.TestCase{Steps: steps})
}

// writeOnly is the Terraform version write-only arguments need.
var writeOnly = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)}

// ---- steps ----

// planError is a configuration that plan must refuse with an error holding
// want (in order); nothing is applied.
func planError(config string, want ...string) resource.TestStep {
	return resource.TestStep{Config: config, PlanOnly: true, ExpectError: acctest.ExpectError(want...)}
}

// applyError is a configuration whose apply (or plan) fails with an error
// holding want (in order).
func applyError(config string, want ...string) resource.TestStep {
	return resource.TestStep{Config: config, ExpectError: acctest.ExpectError(want...)}
}

// importStep imports addr with the id from id (nil: the id in state) and
// compares it with the state; ignore names the arguments Awanio does not
// return.
func importStep(addr string, id resource.ImportStateIdFunc, ignore ...string) resource.TestStep {
	return resource.TestStep{
		ResourceName:            addr,
		ImportState:             true,
		ImportStateIdFunc:       id,
		ImportStateVerify:       true,
		ImportStateVerifyIgnore: ignore,
	}
}

// literalID is an import id written out.
func literalID(id string) resource.ImportStateIdFunc {
	return func(*terraform.State) (string, error) { return id, nil }
}

// prefixedID is the id of addr in state behind prefix (the owner path).
func prefixedID(addr, prefix string) resource.ImportStateIdFunc {
	return func(s *terraform.State) (string, error) {
		id, err := stateID(s, addr)
		return prefix + id, err
	}
}

// groupImportID is <group-type>/<group-uuid>/<uuid> of addr, whose owner is
// its organization_uuid or else its project_uuid.
func groupImportID(addr string) resource.ImportStateIdFunc {
	return func(s *terraform.State) (string, error) {
		rs, ok := s.RootModule().Resources[addr]
		if !ok {
			return "", fmt.Errorf("%s not in state", addr)
		}
		a := rs.Primary.Attributes
		if a["organization_uuid"] != "" {
			return "organizations/" + a["organization_uuid"] + "/" + rs.Primary.ID, nil
		}
		return "projects/" + a["project_uuid"] + "/" + rs.Primary.ID, nil
	}
}

// disappearsSteps applies config, deletes addr's object in the mock behind
// Terraform's back (remove gets its id in state), expects the refresh to
// find it gone (a non-empty plan), and applies again: a create, with
// nothing left to do after. With newID the object created again must have
// another id than the deleted one.
func disappearsSteps(config, addr string, newID bool, remove func(id string) error) []resource.TestStep {
	var first string
	again := resource.TestStep{Config: config, ConfigPlanChecks: actionThenEmpty(addr, plancheck.ResourceActionCreate)}
	if newID {
		again.Check = func(s *terraform.State) error {
			if id, _ := stateID(s, addr); id == first {
				return fmt.Errorf("the deleted object %s is still in state", id)
			}
			return nil
		}
	}
	return []resource.TestStep{
		{
			Config: config,
			Check: func(s *terraform.State) error {
				var err error
				if first, err = stateID(s, addr); err != nil {
					return err
				}
				return remove(first)
			},
			// The refresh after apply finds it gone: plan to create it again.
			ExpectNonEmptyPlan: true,
		},
		again,
	}
}

// removed adapts a mock delete that reports whether the object was there.
func removed(what string, del func(id string) bool) func(string) error {
	return func(id string) error {
		if !del(id) {
			return fmt.Errorf("%s %s not in the mock", what, id)
		}
		return nil
	}
}

// ---- checks ----

// actionThenEmpty: the plan does action to addr, and after apply and
// refresh there is nothing left to do.
func actionThenEmpty(addr string, action plancheck.ResourceActionType) resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{
		PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, action)},
		PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
	}
}

// actionOnly: the plan does action to addr (nothing checked after apply).
func actionOnly(addr string, action plancheck.ResourceActionType) resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, action)}}
}

// attrs checks top-level attributes of addr in the state, in name order.
func attrs(addr string, want map[string]knownvalue.Check) []statecheck.StateCheck {
	checks := make([]statecheck.StateCheck, 0, len(want))
	for _, name := range slices.Sorted(maps.Keys(want)) {
		checks = append(checks, statecheck.ExpectKnownValue(addr, tfjsonpath.New(name), want[name]))
	}
	return checks
}

var dashedUUID = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// stateID returns the id of addr in s.
func stateID(s *terraform.State, addr string) (string, error) {
	rs, ok := s.RootModule().Resources[addr]
	if !ok {
		return "", fmt.Errorf("%s not in state", addr)
	}
	return rs.Primary.ID, nil
}

// recordID is a check that keeps the id of addr in *id.
func recordID(id *string, addr string) resource.TestCheckFunc {
	return func(s *terraform.State) (err error) {
		*id, err = stateID(s, addr)
		return err
	}
}

// sameID checks that addr still has the id in *id: changed in place, not
// replaced.
func sameID(id *string, addr string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		now, err := stateID(s, addr)
		if err == nil && now != *id {
			err = fmt.Errorf("%s was replaced (%s → %s)", addr, *id, now)
		}
		return err
	}
}

// otherID checks that addr has another id than *id: it was replaced.
func otherID(id *string, addr string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		if now, _ := stateID(s, addr); now == *id {
			return fmt.Errorf("%s %s was not replaced", addr, now)
		}
		return nil
	}
}

// goneAfterDestroy is a CheckDestroy: the mock no longer has the object
// *id (what names it in the error).
func goneAfterDestroy[T any](what string, id *string, get func(string) (T, bool)) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if _, ok := get(*id); ok {
			return fmt.Errorf("%s %s still exists after destroy", what, *id)
		}
		return nil
	}
}

// findByGroup and deleteByGroup adapt a mock call on (group type, uuid) to
// one on the id of a one-per-group object: "<group-type>/<uuid>".
func findByGroup[T any](find func(groupType, uuid string) (T, bool)) func(id string) (T, bool) {
	return func(id string) (T, bool) {
		group, uuid, _ := strings.Cut(id, "/")
		return find(group, uuid)
	}
}

func deleteByGroup(del func(groupType, uuid string) bool) func(id string) bool {
	return func(id string) bool {
		group, uuid, _ := strings.Cut(id, "/")
		return del(group, uuid)
	}
}

// ---- mock seeding and faults ----

// slowCreates makes the mock answer POSTs under path only after 3s, longer
// than the 1s create timeout the timeout tests set.
func slowCreates(env *acctest.Env, path string) {
	env.Mock.InjectFault(mockcloud.Fault{Method: "POST", PathPrefix: path, Latency: 3 * time.Second})
}

// lostCreateAnswer applies config while the mock drops the answer to the
// first POST under path after acting on it; the apply must still succeed
// with nothing left to do, and check tells that no second object was made.
func lostCreateAnswer(t *testing.T, env *acctest.Env, path, config string, check resource.TestCheckFunc) {
	t.Helper()
	env.Mock.InjectFault(mockcloud.Fault{Method: "POST", PathPrefix: path, DropAfterProcessing: true})
	accSteps(t, resource.TestStep{Config: config, ConfigPlanChecks: acctest.EmptyPlanAfterApply, Check: check})
}

// ---- configuration ----

const testSSHKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBvTestKeyForCloudorderAcceptanceTests test@example"

// withDefaultOrg is the provider block with the demo organization as default.
func withDefaultOrg(env *acctest.Env) string {
	return env.AwanioProviderConfig(orgArg(env))
}

// withDefaultProject is the provider block with the demo project as default.
func withDefaultProject(env *acctest.Env) string {
	return env.AwanioProviderConfig(projectArg(env))
}

// orgArg and projectArg name the demo organization or project (in a
// provider's awanio block or as the owner of an object storage).
func orgArg(env *acctest.Env) string {
	return fmt.Sprintf("organization_uuid = %q", env.Seed.Awanio.OrganizationUUID)
}

func projectArg(env *acctest.Env) string {
	return fmt.Sprintf("project_uuid = %q", env.Seed.Awanio.ProjectUUID)
}

// arg is one line `name = value` of a block: strings quoted, other values
// as Go prints them.
func arg(name string, value any) string {
	if s, ok := value.(string); ok {
		return fmt.Sprintf("  %s = %q\n", name, s)
	}
	return fmt.Sprintf("  %s = %v\n", name, value)
}

// sshKey is the test key as an argument.
var sshKey = arg("ssh_public_key", testSSHKey)

// timeouts is a timeouts block with one operation.
func timeouts(operation, d string) string {
	return fmt.Sprintf("  timeouts {\n    %s = %q\n  }\n", operation, d)
}

// block is `<what> "cloudorder_awanio_<kind>" "<name>"` holding lines.
func block(what, kind, name string, lines ...string) string {
	return fmt.Sprintf("\n%s \"cloudorder_awanio_%s\" %q {\n%s}\n", what, kind, name, strings.Join(lines, ""))
}

// testResource is the provider block and resource <kind>.test holding lines.
func testResource(provider, kind string, lines ...string) string {
	return provider + block("resource", kind, "test", lines...)
}
