package provider

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"strconv"

	"github.com/google/uuid"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
	awanioapi "github.com/cloudorder/terraform-provider-cloudorder/internal/awanio/api"
	hostwayapi "github.com/cloudorder/terraform-provider-cloudorder/internal/hostway/api"
	waldurapi "github.com/cloudorder/terraform-provider-cloudorder/internal/waldur/api"
)

var currencyPattern = regexp.MustCompile(`^[A-Z]{3}$`)

// setting is one configuration value resolved from the block or the
// environment, remembering where it came from for error messages.
type setting struct {
	value string
	env   string
	path  path.Path
}

func (s setting) isSet() bool { return s.value != "" }

// resolve reads an attribute of a block, falling back to an environment
// variable. An unknown value (computed from another resource) cannot
// configure a client, so it is reported at its path.
func resolve(v types.String, p path.Path, env string, diags *diag.Diagnostics) setting {
	s := setting{env: env, path: p}
	switch {
	case v.IsUnknown():
		diags.AddAttributeError(p, "Provider setting not known yet",
			fmt.Sprintf("%s depends on a value that is only known after apply, so the provider cannot be configured during plan. "+
				"Use a value known at plan time, or set %s.", p, env))
	case !v.IsNull():
		s.value = v.ValueString()
	default:
		s.value = os.Getenv(env)
	}
	return s
}

func requireSetting(s setting, what string, diags *diag.Diagnostics) {
	if !s.isSet() {
		diags.AddAttributeError(s.path, "Missing "+what,
			fmt.Sprintf("Set %s in the provider configuration or the environment variable %s.", s.path, s.env))
	}
}

func (p *cloudorderProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// t is what every backend's client is configured with besides its own
	// endpoint and credentials: the same for all three but the rate limit,
	// which each block sets (withRate).
	t := apiclient.Transport{
		UserAgent:  fmt.Sprintf("terraform-provider-cloudorder/%s terraform/%s", p.version, req.TerraformVersion),
		MaxRetries: p.maxRetries(cfg.MaxRetries, &resp.Diagnostics),
		HTTPClient: p.settings.httpClient,
		MinBackoff: p.settings.minBackoff,
		MaxBackoff: p.settings.maxBackoff,
		Poll:       p.pollOptions(),
	}

	data := &Data{}
	data.waldur = configureWaldur(cfg.Waldur, t, &resp.Diagnostics)
	data.awanio = configureAwanio(cfg.Awanio, t, &resp.Diagnostics)
	data.hostway = configureHostway(cfg.Hostway, t, &resp.Diagnostics)
	// The journal and the learned rates share one directory.
	stateDir := p.journalDir()
	attachJournal(data, stateDir)
	attachRateMemory(ctx, data, stateDir)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.ResourceData = data
	resp.DataSourceData = data
	resp.EphemeralResourceData = data
}

func (p *cloudorderProvider) maxRetries(v types.Int64, diags *diag.Diagnostics) int {
	if !v.IsNull() && !v.IsUnknown() {
		return int(v.ValueInt64())
	}
	if env := os.Getenv("CLOUDORDER_MAX_RETRIES"); env != "" {
		n, err := strconv.Atoi(env)
		if err != nil || n < 0 || n > 20 {
			diags.AddError("Invalid CLOUDORDER_MAX_RETRIES", fmt.Sprintf("CLOUDORDER_MAX_RETRIES must be a whole number from 0 to 20, got %q.", env))
			return defaultMaxRetries
		}
		return n
	}
	return defaultMaxRetries
}

// withRate is t with the block's max_requests_per_second, or the
// environment variable env.
func withRate(t apiclient.Transport, v types.Float64, block path.Path, env string, diags *diag.Diagnostics) apiclient.Transport {
	t.MaxRequestsPerSecond = resolveMaxRate(v, block.AtName("max_requests_per_second"), env, diags)
	return t
}

// configureWaldur builds the Waldur client when the waldur block or its
// environment variables are present; otherwise Waldur stays unconfigured
// and its resources say which block is missing.
func configureWaldur(b *waldurBlock, t apiclient.Transport, diags *diag.Diagnostics) *waldurapi.Client {
	blockGiven := b != nil
	if b == nil {
		b = &waldurBlock{Endpoint: types.StringNull(), Token: types.StringNull()}
	}
	base := path.Root("waldur")
	endpoint := resolve(b.Endpoint, base.AtName("endpoint"), "CLOUDORDER_WALDUR_ENDPOINT", diags)
	token := resolve(b.Token, base.AtName("token"), "CLOUDORDER_WALDUR_TOKEN", diags)
	if !blockGiven && !endpoint.isSet() && !token.isSet() {
		return nil
	}
	t = withRate(t, b.MaxRequestsPerSecond, base, waldurRateEnv, diags)
	requireSetting(endpoint, "Waldur endpoint", diags)
	requireSetting(token, "Waldur token", diags)
	if diags.HasError() {
		return nil
	}
	client, err := waldurapi.NewClient(waldurapi.Config{
		Endpoint:  endpoint.value,
		Token:     token.value,
		Transport: t,
	})
	if err != nil {
		diags.AddAttributeError(endpoint.path, "Invalid Waldur configuration", err.Error())
		return nil
	}
	return client
}

// configureAwanio builds the Awanio client when the awanio block or its
// environment variables are present; it does not call Awanio (see the
// end). Without either, Awanio stays unconfigured and its resources say
// which block is missing.
func configureAwanio(b *awanioBlock, t apiclient.Transport, diags *diag.Diagnostics) *awanioapi.Client {
	blockGiven := b != nil
	if b == nil {
		null := types.StringNull()
		b = &awanioBlock{Endpoint: null, Token: null, Username: null, Password: null, OrganizationUUID: null, ProjectUUID: null}
	}
	base := path.Root("awanio")
	before := diags.ErrorsCount()
	endpoint := resolve(b.Endpoint, base.AtName("endpoint"), "CLOUDORDER_AWANIO_ENDPOINT", diags)
	token := resolve(b.Token, base.AtName("token"), "CLOUDORDER_AWANIO_TOKEN", diags)
	username := resolve(b.Username, base.AtName("username"), "CLOUDORDER_AWANIO_USERNAME", diags)
	password := resolve(b.Password, base.AtName("password"), "CLOUDORDER_AWANIO_PASSWORD", diags)
	org := resolve(b.OrganizationUUID, base.AtName("organization_uuid"), "CLOUDORDER_AWANIO_ORGANIZATION_UUID", diags)
	project := resolve(b.ProjectUUID, base.AtName("project_uuid"), "CLOUDORDER_AWANIO_PROJECT_UUID", diags)
	if !blockGiven && !endpoint.isSet() && !token.isSet() && !username.isSet() && !password.isSet() {
		return nil
	}
	t = withRate(t, b.MaxRequestsPerSecond, base, awanioRateEnv, diags)
	requireSetting(endpoint, "Awanio endpoint", diags)
	if !token.isSet() && !(username.isSet() && password.isSet()) {
		diags.AddAttributeError(base, "Missing Awanio credentials",
			"Set token (CLOUDORDER_AWANIO_TOKEN), or username and password (CLOUDORDER_AWANIO_USERNAME, CLOUDORDER_AWANIO_PASSWORD), in the awanio block.")
	}
	// A token from the block wins over a username and password from the
	// environment (and the other way round), as the block is explicit.
	if token.isSet() && password.isSet() {
		switch {
		case !b.Token.IsNull():
			username.value, password.value = "", ""
		case !b.Password.IsNull():
			token.value = ""
		default:
			diags.AddAttributeError(base, "Conflicting Awanio credentials",
				"Both CLOUDORDER_AWANIO_TOKEN and CLOUDORDER_AWANIO_PASSWORD are set: unset one of them, or set token or password in the awanio block.")
		}
	}
	for _, s := range []setting{org, project} {
		if s.isSet() {
			if _, err := uuid.Parse(s.value); err != nil {
				diags.AddAttributeError(s.path, "Invalid "+s.path.String(),
					fmt.Sprintf("%q (from %s) is not a UUID.", s.value, s.env))
			}
		}
	}
	if diags.ErrorsCount() > before {
		return nil
	}
	client, err := awanioapi.NewClient(awanioapi.Config{
		Endpoint:         endpoint.value,
		Token:            token.value,
		Username:         username.value,
		Password:         password.value,
		OrganizationUUID: org.value,
		ProjectUUID:      project.value,
		Transport:        t,
	})
	if err != nil {
		diags.AddAttributeError(endpoint.path, "Invalid Awanio configuration", err.Error())
		return nil
	}
	// No login here: a configuration that uses no Awanio object must not
	// wait for Awanio, nor fail on its credentials. The first Awanio call
	// logs in, and a wrong password fails that call with Awanio's message.
	return client
}

// configureHostway builds the Hostway client when the hostway block or its
// environment variables are present; otherwise Hostway stays unconfigured
// and its resources say which block is missing.
func configureHostway(b *hostwayBlock, t apiclient.Transport, diags *diag.Diagnostics) *hostwayapi.Client {
	blockGiven := b != nil
	if b == nil {
		b = &hostwayBlock{
			Endpoint: types.StringNull(), Username: types.StringNull(), Password: types.StringNull(),
			AccountNumber: types.StringNull(), Currency: types.StringNull(), Language: types.StringNull(),
		}
	}
	base := path.Root("hostway")
	endpoint := resolve(b.Endpoint, base.AtName("endpoint"), "CLOUDORDER_HOSTWAY_ENDPOINT", diags)
	username := resolve(b.Username, base.AtName("username"), "CLOUDORDER_HOSTWAY_USERNAME", diags)
	password := resolve(b.Password, base.AtName("password"), "CLOUDORDER_HOSTWAY_PASSWORD", diags)
	account := resolve(b.AccountNumber, base.AtName("account_number"), "CLOUDORDER_HOSTWAY_ACCOUNT_NUMBER", diags)
	currency := resolve(b.Currency, base.AtName("currency"), "CLOUDORDER_HOSTWAY_CURRENCY", diags)
	language := resolve(b.Language, base.AtName("language"), "CLOUDORDER_HOSTWAY_LANGUAGE", diags)
	if !blockGiven && !endpoint.isSet() && !username.isSet() && !password.isSet() {
		return nil
	}
	t = withRate(t, b.MaxRequestsPerSecond, base, hostwayRateEnv, diags)
	requireSetting(username, "Hostway username", diags)
	requireSetting(password, "Hostway password", diags)
	if !account.isSet() && !(currency.isSet() && language.isSet()) {
		diags.AddAttributeError(base, "Missing Hostway account settings",
			"Set account_number (CLOUDORDER_HOSTWAY_ACCOUNT_NUMBER) to order on an existing account, or currency and language "+
				"(CLOUDORDER_HOSTWAY_CURRENCY, CLOUDORDER_HOSTWAY_LANGUAGE) for a new account with each order.")
	}
	if account.isSet() && (currency.isSet() || language.isSet()) {
		diags.AddAttributeError(base, "Conflicting Hostway account settings",
			"Set either account_number or currency and language, not both (check the CLOUDORDER_HOSTWAY_* environment variables too).")
	}
	if currency.isSet() && !currencyPattern.MatchString(currency.value) {
		diags.AddAttributeError(currency.path, "Invalid Hostway currency",
			fmt.Sprintf("%q is not a three-letter ISO 4217 code such as USD (%s).", currency.value, currency.env))
	}
	if diags.HasError() {
		return nil
	}
	client, err := hostwayapi.NewClient(hostwayapi.Config{
		Endpoint: endpoint.value,
		Username: username.value,
		Password: password.value,
		Account: hostwayapi.AccountSettings{
			AccountNumber: account.value, Currency: currency.value, Language: language.value,
		},
		Transport: t,
	})
	if err != nil {
		diags.AddAttributeError(endpoint.path, "Invalid Hostway configuration", err.Error())
		return nil
	}
	return client
}
