package badinput

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/reliability/typecases"
)

// badConfig is an invalid block of one type and the fragments its error
// must contain, in order; the first is always the argument's name.
type badConfig struct {
	what  string
	block string
	want  []string
}

const (
	notUUID    = "not-a-uuid"
	goodUUID   = "0b7c1d2e-3f40-4a51-8b62-7c83d94ea5f6"
	goodHex    = "5c3a1e9f7d5b4c2a8e6f0d2b4a6c8e0f"
	waldurRefs = `
  project  = "` + goodHex + `"
  offering = "` + goodHex + `"
`
)

func res(typ, body string) string  { return fmt.Sprintf("resource %q \"bad\" {\n%s}\n", typ, body) }
func data(typ, body string) string { return fmt.Sprintf("data %q \"bad\" {\n%s}\n", typ, body) }

// badConfigs has invalid configurations for every resource, data source
// and ephemeral resource type; TestAccBadConfigFailsAtPlan fails for a
// type without any. Each must fail at `terraform plan`, before any API
// call, with a message that names the argument.
var badConfigs = map[string][]badConfig{
	"cloudorder_waldur_order": {
		{"bad project UUID", res("cloudorder_waldur_order", `  project = "`+notUUID+`"
  offering = "`+goodHex+`"
`), []string{"project", "UUID"}},
		{"unknown order type", res("cloudorder_waldur_order", waldurRefs+`  type = "Destroy"
`), []string{"type", "Create"}},
		{"negative limit", res("cloudorder_waldur_order", waldurRefs+`  limits = { cpu = -1 }
`), []string{"limits", "at least 0"}},
		{"malformed JSON attributes", res("cloudorder_waldur_order", waldurRefs+`  attributes = "{\"name\": "
`), []string{"attributes", "JSON"}},
		{"JSON attributes that are not an object", res("cloudorder_waldur_order", waldurRefs+`  attributes = jsonencode([1, 2])
`), []string{"attributes", "JSON object"}},
		{"bad start date", res("cloudorder_waldur_order", waldurRefs+`  start_date = "31/12/2026"
`), []string{"start_date", "YYYY-MM-DD"}},
	},
	"cloudorder_waldur_resource": {
		{"bad plan", res("cloudorder_waldur_resource", waldurRefs+`  attributes = jsonencode({ name = "r" })
  plan = "`+notUUID+`"
`), []string{"plan", "UUID"}},
		{"negative limit", res("cloudorder_waldur_resource", waldurRefs+`  attributes = jsonencode({ name = "r" })
  limits = { cpu = -2 }
`), []string{"limits", "at least 0"}},
	},
	"cloudorder_waldur_kubernetes_cluster": {
		{"bad offering", res("cloudorder_waldur_kubernetes_cluster", `  project  = "`+goodHex+`"
  offering = "`+notUUID+`"
  plan     = "`+goodHex+`"
  name     = "kube"
`), []string{"offering", "UUID"}},
	},
	"cloudorder_waldur_resource_data": {
		{"bad project", data("cloudorder_waldur_resource", `  name    = "x"
  project = "`+notUUID+`"
`), []string{"project", "UUID"}},
	},
	"cloudorder_waldur_resources": {
		{"unknown state", data("cloudorder_waldur_resources", `  states = ["Exploded"]
`), []string{"states", "one of"}},
		{"bad customer UUID", data("cloudorder_waldur_resources", `  customer_uuid = "`+notUUID+`"
`), []string{"customer_uuid", "UUID"}},
	},
	"cloudorder_hostway_vps": {
		{"bad offering", res("cloudorder_hostway_vps", `  offering = "no offering here"
  server {
    name          = "x"
    specification = "core.vps.virtuozzo.server.u100"
  }
`), []string{"offering", "offering"}},
		{"billing cycle out of range", res("cloudorder_hostway_vps", `  offering = "core.plan.vps.virtuozzo.u101/USD-1"
  server {
    name          = "x"
    specification = "core.vps.virtuozzo.server.u100"
    billing_cycle = 0
  }
`), []string{"billing_cycle", "between 1 and 120"}},
		{"child service where the server goes", res("cloudorder_hostway_vps", `  offering = "core.plan.vps.virtuozzo.u101/USD-1"
  server {
    name          = "x"
    specification = "core.vps.virtuozzo.ip"
  }
`), []string{"specification"}},
	},
	"cloudorder_awanio_organization": {
		{"blank name", res("cloudorder_awanio_organization", `  name = " acme "
`), []string{"name", "white space"}},
	},
	"cloudorder_awanio_organization_member": {
		{"bad user UUID", res("cloudorder_awanio_organization_member", `  organization_uuid = "`+goodUUID+`"
  user_uuid = "`+notUUID+`"
`), []string{"user_uuid", "UUID"}},
		{"unknown user level", res("cloudorder_awanio_organization_member", `  organization_uuid = "`+goodUUID+`"
  user_uuid  = "`+goodUUID+`"
  user_level = 7
`), []string{"user_level", "one of"}},
	},
	"cloudorder_awanio_project": {
		{"bad organization UUID", res("cloudorder_awanio_project", `  name = "p"
  organization_uuid = "`+notUUID+`"
`), []string{"organization_uuid", "UUID"}},
	},
	"cloudorder_awanio_vpc": {
		{"negative size", res("cloudorder_awanio_vpc", `  label = "v"
  size  = -4
`), []string{"size", "between 16 and 28"}},
	},
	"cloudorder_awanio_volume": {
		{"bad pricing UUID", res("cloudorder_awanio_volume", `  label = "v"
  pricing_uuid = "`+notUUID+`"
`), []string{"pricing_uuid", "UUID"}},
		{"bad source volume UUID", res("cloudorder_awanio_volume", `  label = "v"
  source_volume_uuid = "`+notUUID+`"
`), []string{"source_volume_uuid", "UUID"}},
	},
	"cloudorder_awanio_object_storage": {
		{"conflicting owners", res("cloudorder_awanio_object_storage", `  organization_uuid = "`+goodUUID+`"
  project_uuid      = "`+goodUUID+`"
  subdomain_name    = "files"
`), []string{"project_uuid"}},
		{"bad subdomain", res("cloudorder_awanio_object_storage", `  subdomain_name = "Not_A_Label"
`), []string{"subdomain_name", "lower-case"}},
	},
	"cloudorder_awanio_bucket": {
		{"unknown policy", res("cloudorder_awanio_bucket", `  name   = "photos"
  policy = "everyone"
`), []string{"policy", "one of"}},
		{"bad bucket name", res("cloudorder_awanio_bucket", `  name = "A"
`), []string{"name", "3 to 63"}},
	},
	"cloudorder_awanio_kubernetes_cluster": {
		{"bad version UUID", res("cloudorder_awanio_kubernetes_cluster", `  name         = "k"
  version_uuid = "1.27"
  pricing_uuid = "`+goodUUID+`"
`), []string{"version_uuid", "UUID"}},
		{"conflicting owners", res("cloudorder_awanio_kubernetes_cluster", `  name              = "k"
  organization_uuid = "`+goodUUID+`"
  project_uuid      = "`+goodUUID+`"
  version_uuid      = "`+goodUUID+`"
  pricing_uuid      = "`+goodUUID+`"
`), []string{"project_uuid"}},
	},
	"cloudorder_awanio_virtual_machine": {
		{"bad hostname", res("cloudorder_awanio_virtual_machine", `  catalogue_uuid     = "`+goodUUID+`"
  instance_type_uuid = "`+goodUUID+`"
  title              = "t"
  hostname           = "Web_1"
  ssh_public_key     = "`+typecases.SSHKey+`"
`), []string{"hostname", "DNS label"}},
		{"password version without password", res("cloudorder_awanio_virtual_machine", `  catalogue_uuid      = "`+goodUUID+`"
  instance_type_uuid  = "`+goodUUID+`"
  title               = "t"
  hostname            = "web"
  password_wo_version = 1
`), []string{"password_wo"}},
		{"not an SSH key", res("cloudorder_awanio_virtual_machine", `  catalogue_uuid     = "`+goodUUID+`"
  instance_type_uuid = "`+goodUUID+`"
  title              = "t"
  hostname           = "web"
  ssh_public_key     = "hunter2"
`), []string{"ssh_public_key", "OpenSSH"}},
	},
	"cloudorder_awanio_baremetal": {
		{"unknown billing period", res("cloudorder_awanio_baremetal", `  catalogue_uuid = "`+goodUUID+`"
  machine_name   = "m"
  billing_period = "weekly"
  title          = "t"
  hostname       = "metal"
`), []string{"billing_period", "one of"}},
	},
	"cloudorder_waldur_order_data": {
		{"bad UUID", data("cloudorder_waldur_order", `  uuid = "`+notUUID+`"
`), []string{"uuid", "UUID"}},
	},
	"cloudorder_waldur_orders": {
		{"bad project", data("cloudorder_waldur_orders", `  project = "`+notUUID+`"
`), []string{"project", "UUID"}},
		{"bad resource UUID", data("cloudorder_waldur_orders", `  resource_uuid = "`+notUUID+`"
`), []string{"resource_uuid", "UUID"}},
	},
	"cloudorder_waldur_order_offering": {
		{"bad order UUID", data("cloudorder_waldur_order_offering", `  order_uuid = "`+notUUID+`"
`), []string{"order_uuid", "UUID"}},
	},
	"cloudorder_hostway_order": {
		{"empty id", data("cloudorder_hostway_order", `  id = ""
`), []string{"id", "at least 1"}},
	},
	"cloudorder_hostway_product": {
		{"two ways to find it", data("cloudorder_hostway_product", `  product_id = "p1"
  partner_id = "tf-1"
`), []string{"partner_id"}},
		{"no way to find it", data("cloudorder_hostway_product", `  account_number = "acct1"
`), []string{"product_id"}},
	},
	"cloudorder_hostway_offerings": {
		{"bad product specification", data("cloudorder_hostway_offerings", `  product_specification = "not a code"
`), []string{"product_specification", "product specification"}},
	},
	"cloudorder_awanio_organizations": {
		{"unknown argument", data("cloudorder_awanio_organizations", `  slug = "acme"
`), []string{"slug", "not expected"}},
	},
	"cloudorder_awanio_projects": {
		{"bad organization UUID", data("cloudorder_awanio_projects", `  organization_uuid = "`+notUUID+`"
`), []string{"organization_uuid", "UUID"}},
	},
	"cloudorder_awanio_volumes": {
		{"bad project UUID", data("cloudorder_awanio_volumes", `  project_uuid = "`+notUUID+`"
`), []string{"project_uuid", "UUID"}},
	},
	"cloudorder_awanio_vpcs": {
		{"bad organization UUID", data("cloudorder_awanio_vpcs", `  organization_uuid = "`+notUUID+`"
`), []string{"organization_uuid", "UUID"}},
	},
	"cloudorder_awanio_invoices": {
		{"bad organization UUID", data("cloudorder_awanio_invoices", `  organization_uuid = "`+notUUID+`"
`), []string{"organization_uuid", "UUID"}},
	},
	"cloudorder_awanio_catalogues": {
		{"wrong type", data("cloudorder_awanio_catalogues", `  name = ["ubuntu"]
`), []string{"name", "string required"}},
	},
	"cloudorder_awanio_pricing": {
		{"unknown suitable_for", data("cloudorder_awanio_pricing", `  suitable_for = "gpu"
`), []string{"suitable_for", "one of"}},
	},
	"cloudorder_awanio_kubernetes_versions": {
		{"unknown argument", data("cloudorder_awanio_kubernetes_versions", `  version = "1.27"
`), []string{"version", "not expected"}},
	},
	"cloudorder_awanio_virtual_machines": {
		{"conflicting owners", data("cloudorder_awanio_virtual_machines", `  organization_uuid = "`+goodUUID+`"
  project_uuid      = "`+goodUUID+`"
`), []string{"project_uuid"}},
	},
	"cloudorder_awanio_baremetal_machines": {
		{"bad project UUID", data("cloudorder_awanio_baremetal_machines", `  project_uuid = "`+notUUID+`"
`), []string{"project_uuid", "UUID"}},
	},
	"cloudorder_awanio_kubernetes_kubeconfig": {
		{"bad project UUID", fmt.Sprintf("ephemeral %q \"bad\" {\n  project_uuid = %q\n}\n", "cloudorder_awanio_kubernetes_kubeconfig", notUUID),
			[]string{"project_uuid", "UUID"}},
	},
}

// caseKey is the badConfigs key of a type: data sources whose name is
// also a resource's get a _data suffix.
func caseKey(kind typecases.Kind, typ string, resources map[string]bool) string {
	if kind != typecases.KindResource && resources[typ] {
		return typ + "_data"
	}
	return typ
}

// TestAccBadConfigFailsAtPlan plans every bad configuration of every
// type against a mock and expects an error naming the argument. The
// configurations are valid HCL, so the failure comes from the provider's
// schema and validators; no object is created (each type's mock must
// still be untouched afterwards).
func TestAccBadConfigFailsAtPlan(t *testing.T) {
	t.Parallel()
	reg := typecases.Registered()
	resources := map[string]bool{}
	for _, typ := range reg[typecases.KindResource] {
		resources[typ] = true
	}
	total := 0
	for _, kind := range []typecases.Kind{typecases.KindResource, typecases.KindDataSource, typecases.KindEphemeral} {
		for _, typ := range reg[kind] {
			key := caseKey(kind, typ, resources)
			cases := badConfigs[key]
			total += len(cases)
			t.Run(string(kind)+"/"+typ, func(t *testing.T) {
				if len(cases) == 0 {
					t.Fatalf("add invalid configurations for %s %s to badConfigs (key %q) in %s", kind, typ, key, "internal/reliability/badinput/config_acc_test.go")
				}
				env := acctest.NewEnv(t)
				steps := make([]resource.TestStep, 0, len(cases))
				for _, bc := range cases {
					steps = append(steps, resource.TestStep{
						Config:      typecases.ProviderConfig(env) + bc.block,
						PlanOnly:    true,
						ExpectError: acctest.ExpectError(append([]string{}, bc.want...)...),
					})
				}
				versionCheck := tfversion.SkipBelow(tfversion.Version1_10_0)
				if kind == typecases.KindEphemeral {
					versionCheck = acctest.EphemeralResources() // OpenTofu 1.10 has none
				}
				before := env.Mock.Counters()
				resource.ParallelTest(t, resource.TestCase{
					TerraformVersionChecks:   []tfversion.TerraformVersionCheck{versionCheck},
					ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
					Steps:                    steps,
				})
				for route, n := range env.Mock.Counters() {
					if n != before[route] && !isConfigureCall(route) {
						t.Errorf("a bad configuration reached the API: %s (%d calls)", route, n-before[route])
					}
				}
			})
		}
	}
	t.Logf("%d invalid configurations over %d types", total, len(reg[typecases.KindResource])+len(reg[typecases.KindDataSource])+len(reg[typecases.KindEphemeral]))
}

// isConfigureCall: configuring the provider logs in to Awanio, whatever
// the configuration; that is the only call a bad configuration may cause.
func isConfigureCall(route string) bool {
	return strings.Contains(route, "/accounts/login")
}

// TestAccMissingBackendBlock uses each backend's types with a provider
// block that configures only the other backends: the error must name the
// missing block and its environment variables.
func TestAccMissingBackendBlock(t *testing.T) {
	t.Parallel()
	env := acctest.NewEnv(t)
	for _, tc := range []struct {
		backend, provider, block string
		want                     []string
	}{
		{typecases.Waldur, env.AwanioProviderConfig(), typecases.Resources["cloudorder_waldur_order"].Config(env, typecases.DefaultParams(env, "x")),
			[]string{"Waldur is not configured", `"waldur" block`}},
		{typecases.Awanio, env.ProviderConfig(), typecases.Resources["cloudorder_awanio_organization"].Config(env, typecases.DefaultParams(env, "x")),
			[]string{"Awanio is not configured", `"awanio" block`, "CLOUDORDER_AWANIO_ENDPOINT"}},
		{typecases.Hostway, env.ProviderConfig(), typecases.Resources["cloudorder_hostway_vps"].Config(env, typecases.DefaultParams(env, "x")),
			[]string{"Hostway is not configured", `"hostway" block`}},
	} {
		t.Run(tc.backend, func(t *testing.T) {
			for _, k := range []string{"WALDUR", "AWANIO", "HOSTWAY"} {
				for _, v := range []string{"ENDPOINT", "TOKEN", "USERNAME", "PASSWORD"} {
					if _, set := lookupEnv("CLOUDORDER_" + k + "_" + v); set {
						t.Skipf("CLOUDORDER_%s_%s is set in the environment, which configures the backend", k, v)
					}
				}
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
				Steps: []resource.TestStep{{
					Config:      tc.provider + tc.block,
					PlanOnly:    true,
					ExpectError: acctest.ExpectError(tc.want...),
				}},
			})
		})
	}
}

func lookupEnv(name string) (string, bool) { return os.LookupEnv(name) }
