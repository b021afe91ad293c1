// Package acctest holds what acceptance tests share: provider factories
// with fast polling, and a fresh mock cloud per test so that tests are
// independent and may run in parallel.
package acctest

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest/testutil"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/journal"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
	awaniomock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/awanio"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/cloud"
	hostwaymock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/hostway"
	waldurmock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/waldur"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/provider"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/waiter"
)

// ExecutingDelay is how long the test mock keeps an order executing, so
// that every test exercises the waiter with a few polls.
const ExecutingDelay = 150 * time.Millisecond

// AwanioDelay is how long the test mock takes to provision (or delete)
// an asynchronous Awanio object, for the same reason.
const AwanioDelay = 150 * time.Millisecond

// HostwayDelays keep Hostway products and services in each status that
// moves on by itself for a moment, so that every test polls a few times.
var HostwayDelays = hostwaymock.HostwayDelays{Pending: 50 * time.Millisecond, Provisioning: 100 * time.Millisecond, Closing: 50 * time.Millisecond}

// FastPoll makes waiters poll every few milliseconds instead of seconds.
var FastPoll = waiter.Options{MinInterval: 20 * time.Millisecond, MaxInterval: 200 * time.Millisecond, Multiplier: 2, Jitter: 0.1}

// ProtoV6ProviderFactories returns the provider under test, served in
// process, with fast polling and short retry backoff.
func ProtoV6ProviderFactories() map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){
		"cloudorder": func() (tfprotov6.ProviderServer, error) {
			s, err := providerserver.NewProtocol6WithError(provider.New("test",
				provider.WithPollOptions(FastPoll),
				provider.WithRetryBackoff(10*time.Millisecond, 100*time.Millisecond),
				// Served in the test process, whose working directory is
				// the package's: no journal there (the chaos suite runs
				// the provider binary in terraform's directory with it).
				provider.WithJournalDir(journal.Off),
			)())()
			// As the provider binary serves it (provider.Serve).
			return provider.ReleaseContexts(s), err
		},
	}
}

// Env is one test's mock cloud, seeded with the demo data.
type Env struct {
	Mock *cloud.Server
	URL  string
	Seed cloud.DemoSeed
}

// NewEnv starts a fresh mock for the test and stops it when the test ends.
func NewEnv(t *testing.T, opts ...mockcloud.Option) *Env {
	t.Helper()
	all := append([]mockcloud.Option{
		waldurmock.WithWaldurDelays(waldurmock.WaldurDelays{Executing: ExecutingDelay}),
		awaniomock.WithAwanioDelays(awaniomock.AwanioDelays{Provision: AwanioDelay, Delete: AwanioDelay}),
		hostwaymock.WithHostwayDelays(HostwayDelays),
	}, opts...)
	mock := testutil.NewMock(t, all...)
	return &Env{Mock: mock.Server, URL: mock.URL, Seed: mock.Seed}
}

// ProviderConfig is a provider block pointing at this test's mock.
func (e *Env) ProviderConfig() string { return WaldurProviderConfig(e.URL, e.Seed.Token) }

// WaldurProviderConfig is a provider block with only a waldur block.
func WaldurProviderConfig(endpoint, token string) string {
	return fmt.Sprintf(`
provider "cloudorder" {
  waldur {
    endpoint = %q
    token    = %q
  }
}
`, endpoint, token)
}

// AwanioEndpoint is the Awanio API of this test's mock.
func (e *Env) AwanioEndpoint() string { return e.URL + awaniomock.AwanioPrefix }

// AwanioProviderConfig is a provider block with only an awanio block that
// logs in as the demo user with username and password. extra lines (e.g.
// `organization_uuid = "..."`) go into the awanio block.
func (e *Env) AwanioProviderConfig(extra ...string) string {
	return AwanioPasswordProviderConfig(e.AwanioEndpoint(), e.Seed.Awanio.Username, e.Seed.Awanio.Password, extra...)
}

// AwanioTokenProviderConfig is like AwanioProviderConfig but authenticates
// with the demo user's JWT instead of logging in.
func (e *Env) AwanioTokenProviderConfig(extra ...string) string {
	return AwanioTokenProviderConfig(e.AwanioEndpoint(), e.Seed.Awanio.Token, extra...)
}

// AwanioPasswordProviderConfig is a provider block with only an awanio
// block that logs in with username and password.
func AwanioPasswordProviderConfig(endpoint, username, password string, extra ...string) string {
	return awanioBlock(fmt.Sprintf("    endpoint = %q\n    username = %q\n    password = %q\n", endpoint, username, password), extra)
}

// AwanioTokenProviderConfig is a provider block with only an awanio block
// that authenticates with a JWT.
func AwanioTokenProviderConfig(endpoint, token string, extra ...string) string {
	return awanioBlock(fmt.Sprintf("    endpoint = %q\n    token    = %q\n", endpoint, token), extra)
}

func awanioBlock(settings string, extra []string) string {
	var b strings.Builder
	b.WriteString("\nprovider \"cloudorder\" {\n  awanio {\n")
	b.WriteString(settings)
	for _, line := range extra {
		b.WriteString("    " + line + "\n")
	}
	b.WriteString("  }\n}\n")
	return b.String()
}

// HostwayEndpoint is the endpoint of this test's Hostway mock.
func (e *Env) HostwayEndpoint() string { return e.URL + hostwaymock.HostwayPrefix }

// HostwayProviderConfig is a provider block with a hostway block for the
// demo user and account of this test's mock.
func (e *Env) HostwayProviderConfig() string {
	h := e.Seed.Hostway
	return HostwayProviderConfig(e.HostwayEndpoint(), h.Username, h.Password, h.AccountNumber)
}

// HostwayProviderConfig is a provider block with only a hostway block that
// orders on an existing account.
func HostwayProviderConfig(endpoint, username, password, accountNumber string) string {
	return fmt.Sprintf(`
provider "cloudorder" {
  hostway {
    endpoint       = %q
    username       = %q
    password       = %q
    account_number = %q
  }
}
`, endpoint, username, password, accountNumber)
}

// HostwayNewAccountProviderConfig is a provider block whose hostway block
// creates a new account with each order.
func HostwayNewAccountProviderConfig(endpoint, username, password, currency, language string) string {
	return fmt.Sprintf(`
provider "cloudorder" {
  hostway {
    endpoint = %q
    username = %q
    password = %q
    currency = %q
    language = %q
  }
}
`, endpoint, username, password, currency, language)
}

// ExpectError matches an error output that contains the given fragments in
// order. Terraform wraps long lines, so any run of spaces in a fragment
// also matches a line break.
func ExpectError(fragments ...string) *regexp.Regexp {
	parts := make([]string, len(fragments))
	for i, f := range fragments {
		words := strings.Fields(f)
		for j, w := range words {
			words[j] = regexp.QuoteMeta(w)
		}
		parts[i] = strings.Join(words, `\s+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(parts, ".*"))
}
