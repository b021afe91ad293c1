// Package typecases is the reliability suite's catalogue of every
// Terraform type the provider registers: a working configuration for each
// resource type, and the registered type names, so that the secrets,
// bad-input and shared-mock tests cover every type and fail when a new
// type has no case. It is used only by tests.
package typecases

import (
	"context"
	"fmt"
	"sort"
	"strings"

	fwdatasource "github.com/hashicorp/terraform-plugin-framework/datasource"
	fwephemeral "github.com/hashicorp/terraform-plugin-framework/ephemeral"
	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/provider"
)

// Backends.
const (
	Waldur  = "waldur"
	Awanio  = "awanio"
	Hostway = "hostway"
)

// SSHKey is a public key for servers; not a secret.
const SSHKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBvTestKeyForCloudorderAcceptanceTests test@example"

// Params make one case's objects distinct from another's in a shared mock.
type Params struct {
	// Name goes into names, labels and hostnames; lower case letters,
	// digits and dashes.
	Name string
	// AwanioOrganization and AwanioProject own the Awanio objects. Object
	// storage and Kubernetes clusters are one per project, so cases that
	// share a mock need a project each.
	AwanioOrganization, AwanioProject string
}

// DefaultParams are the demo seed's organization and project.
func DefaultParams(env *acctest.Env, name string) Params {
	return Params{Name: name, AwanioOrganization: env.Seed.Awanio.OrganizationUUID, AwanioProject: env.Seed.Awanio.ProjectUUID}
}

// Case is one resource type: which backend it needs and the resource
// block that creates one object of it, at address <type>.test. Needs
// lists the types whose <type>.test it refers to (ConfigFor adds them).
// The blocks carry no provider block and no credentials.
type Case struct {
	Backend string
	Config  func(env *acctest.Env, p Params) string
	Needs   []string
}

// ConfigFor is the configuration of typ's case with the cases it needs.
func ConfigFor(env *acctest.Env, typ string, p Params) string {
	tc := Resources[typ]
	var b strings.Builder
	for _, need := range tc.Needs {
		b.WriteString(ConfigFor(env, need, p))
	}
	b.WriteString(tc.Config(env, p))
	return b.String()
}

// Resources has a case for every resource type; Missing reports types
// without one.
var Resources = map[string]Case{
	"cloudorder_waldur_order": {Waldur, func(env *acctest.Env, p Params) string {
		return fmt.Sprintf(`
resource "cloudorder_waldur_order" "test" {
  project    = %q
  offering   = %q
  plan       = %q
  attributes = jsonencode({ name = %q, node_count = 3 })
  limits     = { cpu = 4 }
}
`, env.Seed.ProjectUUID, env.Seed.OfferingUUID, env.Seed.PlanUUID, p.Name)
	}, nil},
	"cloudorder_waldur_resource": {Waldur, func(env *acctest.Env, p Params) string {
		return fmt.Sprintf(`
resource "cloudorder_waldur_resource" "test" {
  project    = %q
  offering   = %q
  plan       = %q
  attributes = jsonencode({ name = %q })
  limits     = { cpu = 2 }
}
`, env.Seed.ProjectUUID, env.Seed.OfferingUUID, env.Seed.PlanUUID, p.Name)
	}, nil},
	"cloudorder_waldur_kubernetes_cluster": {Waldur, func(env *acctest.Env, p Params) string {
		return fmt.Sprintf(`
resource "cloudorder_waldur_kubernetes_cluster" "test" {
  project  = %q
  offering = %q
  plan     = %q
  name     = %q
}
`, env.Seed.ProjectUUID, env.Seed.OfferingUUID, env.Seed.PlanUUID, p.Name)
	}, nil},
	"cloudorder_hostway_vps": {Hostway, func(env *acctest.Env, p Params) string {
		h := env.Seed.Hostway
		return fmt.Sprintf(`
resource "cloudorder_hostway_vps" "test" {
  offering     = %q
  display_name = %q

  server {
    name          = %q
    specification = %q
  }

  service {
    specification = %q
  }
}
`, h.ProductSpecification+"/"+h.Offering, p.Name, p.Name, h.ServerSpecification, h.ChildSpecifications[0])
	}, nil},
	"cloudorder_awanio_organization": {Awanio, func(_ *acctest.Env, p Params) string {
		return fmt.Sprintf(`
resource "cloudorder_awanio_organization" "test" {
  name = %q
}
`, p.Name)
	}, nil},
	"cloudorder_awanio_organization_member": {Awanio, func(env *acctest.Env, p Params) string {
		return fmt.Sprintf(`
resource "cloudorder_awanio_organization_member" "test" {
  organization_uuid = %q
  user_uuid         = %q
}
`, p.AwanioOrganization, env.Seed.Awanio.ColleagueUUID)
	}, nil},
	"cloudorder_awanio_project": {Awanio, func(_ *acctest.Env, p Params) string {
		return fmt.Sprintf(`
resource "cloudorder_awanio_project" "test" {
  name              = %q
  organization_uuid = %q
}
`, p.Name, p.AwanioOrganization)
	}, nil},
	"cloudorder_awanio_vpc": {Awanio, func(_ *acctest.Env, p Params) string {
		return fmt.Sprintf(`
resource "cloudorder_awanio_vpc" "test" {
  label             = %q
  size              = 20
  organization_uuid = %q
}
`, p.Name, p.AwanioOrganization)
	}, nil},
	"cloudorder_awanio_volume": {Awanio, func(env *acctest.Env, p Params) string {
		return fmt.Sprintf(`
resource "cloudorder_awanio_volume" "test" {
  label        = %q
  project_uuid = %q
  pricing_uuid = %q
}
`, p.Name, p.AwanioProject, env.Seed.Awanio.VolumePricingUUID)
	}, nil},
	"cloudorder_awanio_object_storage": {Awanio, func(_ *acctest.Env, p Params) string {
		return fmt.Sprintf(`
resource "cloudorder_awanio_object_storage" "test" {
  project_uuid   = %q
  subdomain_name = %q
}
`, p.AwanioProject, p.Name)
	}, nil},
	"cloudorder_awanio_bucket": {Awanio, func(_ *acctest.Env, p Params) string {
		return fmt.Sprintf(`
resource "cloudorder_awanio_bucket" "test" {
  project_uuid = cloudorder_awanio_object_storage.test.project_uuid
  name         = %q
}
`, p.Name)
	}, []string{"cloudorder_awanio_object_storage"}},
	"cloudorder_awanio_kubernetes_cluster": {Awanio, func(env *acctest.Env, p Params) string {
		a := env.Seed.Awanio
		return fmt.Sprintf(`
resource "cloudorder_awanio_kubernetes_cluster" "test" {
  project_uuid    = %q
  name            = %q
  version_uuid    = %q
  pricing_uuid    = %q
  pv_pricing_uuid = %q
}
`, p.AwanioProject, p.Name, a.KubernetesVersionUUID, a.PodsPricingUUID, a.VolumePricingUUID)
	}, nil},
	"cloudorder_awanio_virtual_machine": {Awanio, func(env *acctest.Env, p Params) string {
		a := env.Seed.Awanio
		return fmt.Sprintf(`
resource "cloudorder_awanio_virtual_machine" "test" {
  project_uuid       = %q
  catalogue_uuid     = %q
  instance_type_uuid = %q
  title              = %q
  hostname           = %q
  ssh_public_key     = %q
}
`, p.AwanioProject, a.VMCatalogueUUID, a.VMPricingUUID, p.Name, p.Name, SSHKey)
	}, nil},
	"cloudorder_awanio_baremetal": {Awanio, func(env *acctest.Env, p Params) string {
		a := env.Seed.Awanio
		return fmt.Sprintf(`
resource "cloudorder_awanio_baremetal" "test" {
  organization_uuid = %q
  catalogue_uuid    = %q
  machine_name      = %q
  billing_period    = "price_per_month"
  title             = %q
  hostname          = %q
  ssh_public_key    = %q
}
`, p.AwanioOrganization, a.BaremetalCatalogueUUID, a.MachineName, p.Name, p.Name, SSHKey)
	}, nil},
}

// Kind is a kind of Terraform type.
type Kind string

// Kinds of types.
const (
	KindResource   Kind = "resource"
	KindDataSource Kind = "data"
	KindEphemeral  Kind = "ephemeral"
)

// Registered lists the type names the provider serves, by kind, sorted.
func Registered() map[Kind][]string {
	ctx := context.Background()
	p := provider.New("test")()
	var meta fwprovider.MetadataResponse
	p.Metadata(ctx, fwprovider.MetadataRequest{}, &meta)
	out := map[Kind][]string{}
	for _, f := range p.Resources(ctx) {
		var r fwresource.MetadataResponse
		f().Metadata(ctx, fwresource.MetadataRequest{ProviderTypeName: meta.TypeName}, &r)
		out[KindResource] = append(out[KindResource], r.TypeName)
	}
	for _, f := range p.DataSources(ctx) {
		var r fwdatasource.MetadataResponse
		f().Metadata(ctx, fwdatasource.MetadataRequest{ProviderTypeName: meta.TypeName}, &r)
		out[KindDataSource] = append(out[KindDataSource], r.TypeName)
	}
	if pe, ok := p.(fwprovider.ProviderWithEphemeralResources); ok {
		for _, f := range pe.EphemeralResources(ctx) {
			var r fwephemeral.MetadataResponse
			f().Metadata(ctx, fwephemeral.MetadataRequest{ProviderTypeName: meta.TypeName}, &r)
			out[KindEphemeral] = append(out[KindEphemeral], r.TypeName)
		}
	}
	for k := range out {
		sort.Strings(out[k])
	}
	return out
}

// ProviderConfig is a provider block with all three backends of env's
// mock, credentials included. Tests about secrets must not use it: they
// pass credentials through the environment (see CredentialsEnv), since
// plugin-testing logs the configuration it runs.
func ProviderConfig(env *acctest.Env) string {
	h, a := env.Seed.Hostway, env.Seed.Awanio
	return fmt.Sprintf(`
provider "cloudorder" {
  waldur {
    endpoint = %q
    token    = %q
  }
  awanio {
    endpoint = %q
    username = %q
    password = %q
  }
  hostway {
    endpoint       = %q
    username       = %q
    password       = %q
    account_number = %q
  }
}
`, env.URL, env.Seed.Token, env.AwanioEndpoint(), a.Username, a.Password, env.HostwayEndpoint(), h.Username, h.Password, h.AccountNumber)
}

// CredentialsEnv is the environment that configures all three backends of
// env's mock, for a configuration whose provider block is empty.
func CredentialsEnv(env *acctest.Env) map[string]string {
	h, a := env.Seed.Hostway, env.Seed.Awanio
	return map[string]string{
		"CLOUDORDER_WALDUR_ENDPOINT":        env.URL,
		"CLOUDORDER_WALDUR_TOKEN":           env.Seed.Token,
		"CLOUDORDER_AWANIO_ENDPOINT":        env.AwanioEndpoint(),
		"CLOUDORDER_AWANIO_USERNAME":        a.Username,
		"CLOUDORDER_AWANIO_PASSWORD":        a.Password,
		"CLOUDORDER_HOSTWAY_ENDPOINT":       env.HostwayEndpoint(),
		"CLOUDORDER_HOSTWAY_USERNAME":       h.Username,
		"CLOUDORDER_HOSTWAY_PASSWORD":       h.Password,
		"CLOUDORDER_HOSTWAY_ACCOUNT_NUMBER": h.AccountNumber,
	}
}
