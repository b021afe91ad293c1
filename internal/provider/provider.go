// Package provider wires the cloudorder provider together: its schema, its
// configuration (blocks per backend with environment fallbacks) and the
// registration of every backend's resources and data sources. It holds no
// API logic.
package provider

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/awanio"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/hostway"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/validate"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waiter"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waldur"
)

// defaultMaxRetries is how often the HTTP layer retries a request that
// failed with 429, 502, 503, 504 or a connection error.
const defaultMaxRetries = 5

var (
	_ provider.Provider                       = (*cloudorderProvider)(nil)
	_ provider.ProviderWithEphemeralResources = (*cloudorderProvider)(nil)
)

// Option changes provider internals that have no place in the schema, for
// tests: poll intervals, backoff, the HTTP client.
type Option func(*settings)

type settings struct {
	poll                   waiter.Options
	pollSet                bool // poll replaces defaultPoll
	minBackoff, maxBackoff time.Duration
	httpClient             *http.Client
	// noLearning keeps poll as given, for the upstream-like baseline.
	noLearning bool
	// journalDir, when journalSet, replaces the journal directory that
	// the environment names (journal.go).
	journalDir string
	journalSet bool
}

// WithPollOptions sets how waiters poll asynchronous objects.
func WithPollOptions(o waiter.Options) Option {
	return func(s *settings) { s.poll, s.pollSet = o, true }
}

// WithRetryBackoff bounds the HTTP layer's retry backoff.
func WithRetryBackoff(minWait, maxWait time.Duration) Option {
	return func(s *settings) { s.minBackoff, s.maxBackoff = minWait, maxWait }
}

// WithHTTPClient replaces the HTTP client of every backend.
func WithHTTPClient(c *http.Client) Option { return func(s *settings) { s.httpClient = c } }

// New returns a factory of the provider for providerserver.
func New(version string, opts ...Option) func() provider.Provider {
	return func() provider.Provider {
		p := &cloudorderProvider{version: version, learner: waiter.NewLearner()}
		for _, o := range opts {
			o(&p.settings)
		}
		applyTestOnlyEnv(&p.settings)
		return p
	}
}

type cloudorderProvider struct {
	version  string
	settings settings
	// learner is shared by every backend for the life of the provider
	// process (one terraform command), so waits learn from each other.
	learner *waiter.Learner
}

type providerModel struct {
	Waldur     *waldurBlock  `tfsdk:"waldur"`
	Awanio     *awanioBlock  `tfsdk:"awanio"`
	Hostway    *hostwayBlock `tfsdk:"hostway"`
	MaxRetries types.Int64   `tfsdk:"max_retries"`
}

type waldurBlock struct {
	Endpoint             types.String  `tfsdk:"endpoint"`
	Token                types.String  `tfsdk:"token"`
	MaxRequestsPerSecond types.Float64 `tfsdk:"max_requests_per_second"`
}

type awanioBlock struct {
	Endpoint             types.String  `tfsdk:"endpoint"`
	Token                types.String  `tfsdk:"token"`
	Username             types.String  `tfsdk:"username"`
	Password             types.String  `tfsdk:"password"`
	OrganizationUUID     types.String  `tfsdk:"organization_uuid"`
	ProjectUUID          types.String  `tfsdk:"project_uuid"`
	MaxRequestsPerSecond types.Float64 `tfsdk:"max_requests_per_second"`
}

type hostwayBlock struct {
	Endpoint             types.String  `tfsdk:"endpoint"`
	Username             types.String  `tfsdk:"username"`
	Password             types.String  `tfsdk:"password"`
	AccountNumber        types.String  `tfsdk:"account_number"`
	Currency             types.String  `tfsdk:"currency"`
	Language             types.String  `tfsdk:"language"`
	MaxRequestsPerSecond types.Float64 `tfsdk:"max_requests_per_second"`
}

func (p *cloudorderProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "cloudorder"
	resp.Version = p.version
}

func (p *cloudorderProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	sibling := func(name string) path.Expression { return path.MatchRelative().AtParent().AtName(name) }
	resp.Schema = schema.Schema{
		MarkdownDescription: "The cloudorder provider manages cloud objects that are ordered through order-driven APIs: " +
			"[Waldur](https://waldur.com) marketplace orders (as used by WAYSCloud), Awanio and Hostway OrderAPI. " +
			"Each backend has its own optional block; a resource of a backend whose block is missing fails with an error that names the block. " +
			"Every setting can also come from the environment.",
		Attributes: map[string]schema.Attribute{
			"max_retries": schema.Int64Attribute{
				Optional: true,
				MarkdownDescription: fmt.Sprintf("How often a request is retried after a 429, 502, 503 or 504 answer or a connection error, "+
					"with capped exponential backoff that honours `Retry-After`. Default %d; `CLOUDORDER_MAX_RETRIES`.", defaultMaxRetries),
				Validators: []validator.Int64{int64validator.Between(0, 20)},
			},
		},
		Blocks: map[string]schema.Block{
			"waldur": schema.SingleNestedBlock{
				MarkdownDescription: "Waldur marketplace (WAYSCloud runs Waldur). Needed by `cloudorder_waldur_*` resources and data sources.",
				Attributes: map[string]schema.Attribute{
					"endpoint": schema.StringAttribute{
						Optional: true,
						MarkdownDescription: "URL of the Waldur server, with or without `/api/`, for example `https://api.wayscloud.services`. " +
							"`CLOUDORDER_WALDUR_ENDPOINT`.",
						Validators: []validator.String{validate.HTTPURL()},
					},
					"token": schema.StringAttribute{
						Optional:            true,
						Sensitive:           true,
						MarkdownDescription: "API token (sent as `Authorization: Token …`). `CLOUDORDER_WALDUR_TOKEN`.",
						Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
					},
					"max_requests_per_second": maxRateAttribute(waldurRateEnv),
				},
			},
			"awanio": schema.SingleNestedBlock{
				MarkdownDescription: "Awanio cloud. Needed by `cloudorder_awanio_*` resources and data sources. Give either `token` or `username` and `password`: " +
					"with a password the provider logs in on its first Awanio call (a configuration without Awanio objects never contacts Awanio) and logs in again once when Awanio refuses an expired token. " +
					"The JWT is never written to logs or state. The block may be empty when the environment variables are set.",
				Attributes: map[string]schema.Attribute{
					"endpoint": schema.StringAttribute{
						Optional:            true,
						MarkdownDescription: "URL of the Awanio API, for example `https://api.example.awan.io/v2`. `CLOUDORDER_AWANIO_ENDPOINT`.",
						Validators:          []validator.String{validate.HTTPURL()},
					},
					"token": schema.StringAttribute{
						Optional:            true,
						Sensitive:           true,
						MarkdownDescription: "JWT to use instead of logging in. It cannot be renewed by the provider: when it expires, set a new one. `CLOUDORDER_AWANIO_TOKEN`.",
						Validators: []validator.String{
							stringvalidator.LengthAtLeast(1),
							stringvalidator.ConflictsWith(sibling("username"), sibling("password")),
						},
					},
					"username": schema.StringAttribute{
						Optional:            true,
						MarkdownDescription: "User name or e-mail address to log in as (`POST /accounts/login`). `CLOUDORDER_AWANIO_USERNAME`.",
						Validators:          []validator.String{stringvalidator.AlsoRequires(sibling("password"))},
					},
					"password": schema.StringAttribute{
						Optional:            true,
						Sensitive:           true,
						MarkdownDescription: "Password of `username`. `CLOUDORDER_AWANIO_PASSWORD`.",
						Validators:          []validator.String{stringvalidator.AlsoRequires(sibling("username"))},
					},
					"organization_uuid": schema.StringAttribute{
						Optional:            true,
						MarkdownDescription: "Default organization for Awanio objects whose configuration names no organization. `CLOUDORDER_AWANIO_ORGANIZATION_UUID`.",
						Validators:          []validator.String{validate.UUID()},
					},
					"project_uuid": schema.StringAttribute{
						Optional:            true,
						MarkdownDescription: "Default project for Awanio objects whose configuration names no organization or project. `CLOUDORDER_AWANIO_PROJECT_UUID`.",
						Validators:          []validator.String{validate.UUID()},
					},
					"max_requests_per_second": maxRateAttribute(awanioRateEnv),
				},
			},
			"hostway": schema.SingleNestedBlock{
				MarkdownDescription: "Hostway OrderAPI. Needed by `cloudorder_hostway_*` resources and data sources. Account calls use HTTP Basic " +
					"with `username` and `password`; each order is built with the `OwnerId` cookie the API sets for it. " +
					"Give `account_number` to order on an existing account, or `currency` and `language` to create a new account with each order.",
				Attributes: map[string]schema.Attribute{
					"endpoint": schema.StringAttribute{
						Optional:            true,
						MarkdownDescription: "URL of the OrderAPI. Default `https://api.hostway.com`. `CLOUDORDER_HOSTWAY_ENDPOINT`.",
						Validators:          []validator.String{validate.HTTPURL()},
					},
					"username": schema.StringAttribute{
						Optional:            true,
						MarkdownDescription: "User in the form `user@partner`. `CLOUDORDER_HOSTWAY_USERNAME`.",
					},
					"password": schema.StringAttribute{
						Optional:            true,
						Sensitive:           true,
						MarkdownDescription: "Password of `username`. `CLOUDORDER_HOSTWAY_PASSWORD`.",
					},
					"account_number": schema.StringAttribute{
						Optional:            true,
						MarkdownDescription: "Account to order on. `CLOUDORDER_HOSTWAY_ACCOUNT_NUMBER`.",
						Validators: []validator.String{
							stringvalidator.ConflictsWith(sibling("currency"), sibling("language")),
						},
					},
					"currency": schema.StringAttribute{
						Optional:            true,
						MarkdownDescription: "Currency of a new account, for example `USD`. `CLOUDORDER_HOSTWAY_CURRENCY`.",
						Validators: []validator.String{
							stringvalidator.RegexMatches(currencyPattern, "must be a three-letter ISO 4217 code such as USD"),
							stringvalidator.AlsoRequires(sibling("language")),
						},
					},
					"language": schema.StringAttribute{
						Optional:            true,
						MarkdownDescription: "Language of a new account, for example `en`. `CLOUDORDER_HOSTWAY_LANGUAGE`.",
						Validators:          []validator.String{stringvalidator.AlsoRequires(sibling("currency"))},
					},
					"max_requests_per_second": maxRateAttribute(hostwayRateEnv),
				},
			},
		},
	}
}

func (p *cloudorderProvider) Resources(context.Context) []func() resource.Resource {
	all := []func() resource.Resource{
		waldur.NewOrderResource,
		waldur.NewResourceResource,
		waldur.NewKubernetesClusterResource,
		hostway.NewVPSResource,
	}
	return append(all, awanio.Resources()...)
}

func (p *cloudorderProvider) DataSources(context.Context) []func() datasource.DataSource {
	all := []func() datasource.DataSource{
		waldur.NewOrderDataSource,
		waldur.NewOrdersDataSource,
		waldur.NewOrderOfferingDataSource,
		waldur.NewResourceDataSource,
		waldur.NewResourcesDataSource,
		hostway.NewOrderDataSource,
		hostway.NewProductDataSource,
		hostway.NewOfferingsDataSource,
	}
	return append(all, awanio.DataSources()...)
}

// EphemeralResources are values that never land in state, such as a
// Kubernetes kubeconfig (Terraform 1.10+).
func (p *cloudorderProvider) EphemeralResources(context.Context) []func() ephemeral.EphemeralResource {
	return awanio.EphemeralResources()
}
