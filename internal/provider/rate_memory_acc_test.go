package provider_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/provider"
)

// TestAccProvider_rememberedRate: a provider process that finds the rate
// an earlier one learned (in the journal's directory, here one the test
// names) starts at it, evenly, instead of unlimited: 8 reads against an
// unlimited mock arrive at the remembered 8 per second, not at once.
func TestAccProvider_rememberedRate(t *testing.T) {
	const rate, reads = 8.0, 8
	env := acctest.NewEnv(t)
	dir := t.TempDir()
	if err := apiclient.OpenRateMemory(dir, "waldur", env.URL+"/api/", "").Save(rate, time.Now()); err != nil {
		t.Fatal(err)
	}
	factories := map[string]func() (tfprotov6.ProviderServer, error){
		"cloudorder": func() (tfprotov6.ProviderServer, error) {
			s, err := providerserver.NewProtocol6WithError(provider.New("test",
				provider.WithPollOptions(acctest.FastPoll),
				provider.WithRetryBackoff(10*time.Millisecond, 100*time.Millisecond),
				provider.WithJournalDir(dir),
			)())()
			return provider.ReleaseContexts(s), err
		},
	}
	env.Mock.ResetCounters()
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: factories, Steps: []resource.TestStep{{
		Config: fmt.Sprintf(`
provider "cloudorder" {
  waldur {
    endpoint = %q
    token    = %q
  }
}

data "cloudorder_waldur_orders" "all" {
  count   = %d
  project = %q
}
`, env.URL, env.Seed.Token, reads, env.Seed.ProjectUUID),
	}}})

	// No burst, and the probe stays within 10 % of the rate for its
	// first 14 s: allow one request more and 15 % over the rate.
	checkArrivals(t, env, reads, 1, rate*1.15)
}
