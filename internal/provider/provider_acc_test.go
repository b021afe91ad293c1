package provider_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest"
)

// ordersQuery is a data source that makes the provider configure itself and
// call the Waldur API once.
func ordersQuery(env *acctest.Env) string {
	return fmt.Sprintf(`
data "cloudorder_waldur_orders" "all" {
  project = %q
}
`, env.Seed.ProjectUUID)
}

func TestAccProvider_blockValidation(t *testing.T) {
	env := acctest.NewEnv(t)
	waldur := fmt.Sprintf("waldur {\n endpoint = %q\n token = %q\n}\n", env.URL, env.Seed.Token)
	cases := []struct {
		name, block string
		want        []string
	}{
		{"awanio token and password", `awanio {
  endpoint = "https://awanio.example.com/v2"
  token    = "t"
  username = "u"
  password = "p"
}`, []string{`"awanio.username" cannot be specified when "awanio.token" is specified`}},
		{"awanio without credentials", `awanio {
  endpoint = "https://awanio.example.com/v2"
}`, []string{"Missing Awanio credentials", "CLOUDORDER_AWANIO_TOKEN"}},
		{"awanio username without password", `awanio {
  endpoint = "https://awanio.example.com/v2"
  username = "u"
}`, []string{`"awanio.password" must be specified when "awanio.username" is specified`}},
		{"awanio bad endpoint", `awanio {
  endpoint = "awanio.example.com"
  token    = "t"
}`, []string{"awanio.endpoint", "absolute http"}},
		{"hostway account and currency", `hostway {
  username       = "u@partner"
  password       = "p"
  account_number = "123"
  currency       = "USD"
  language       = "en"
}`, []string{"hostway.account_number", "cannot be specified when"}},
		{"hostway without account settings", `hostway {
  username = "u@partner"
  password = "p"
}`, []string{"Missing Hostway account settings", "account_number"}},
		{"hostway bad currency", `hostway {
  username = "u@partner"
  password = "p"
  currency = "usd"
  language = "en"
}`, []string{"hostway.currency", "ISO 4217"}},
		{"max_retries out of range", `max_retries = 50`, []string{"max_retries", "between 0 and 20"}},
		{"empty waldur block", `waldur {}`, []string{"Missing Waldur endpoint", "CLOUDORDER_WALDUR_ENDPOINT"}},
		{"waldur without token", `waldur {
  endpoint = "https://waldur.example.com"
}`, []string{"Missing Waldur token", "CLOUDORDER_WALDUR_TOKEN"}},
	}
	var steps []resource.TestStep
	for _, tc := range cases {
		block := tc.block
		if !strings.HasPrefix(block, "waldur") {
			block = waldur + block
		}
		steps = append(steps, resource.TestStep{
			Config:      fmt.Sprintf("provider \"cloudorder\" {\n%s\n}\n", block) + ordersQuery(env),
			ExpectError: acctest.ExpectError(tc.want...),
		})
	}
	t.Setenv("CLOUDORDER_WALDUR_ENDPOINT", "")
	t.Setenv("CLOUDORDER_WALDUR_TOKEN", "")
	t.Setenv("CLOUDORDER_AWANIO_TOKEN", "")
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(), Steps: steps})
}

func TestAccProvider_validOtherBackendsAreAccepted(t *testing.T) {
	env := acctest.NewEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
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
    username       = "u@partner"
    password       = "p"
    account_number = "123456"
  }
  max_retries = 2
}
`, env.URL, env.Seed.Token, env.AwanioEndpoint(), env.Seed.Awanio.Username, env.Seed.Awanio.Password) + ordersQuery(env),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.cloudorder_waldur_orders.all", tfjsonpath.New("orders"), knownvalue.ListSizeExact(0)),
			},
		}},
	})
}

func TestAccProvider_environmentFallback(t *testing.T) {
	env := acctest.NewEnv(t)
	t.Setenv("CLOUDORDER_WALDUR_ENDPOINT", env.URL+"/api/")
	t.Setenv("CLOUDORDER_WALDUR_TOKEN", env.Seed.Token)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: `provider "cloudorder" {}` + ordersQuery(env),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.cloudorder_waldur_orders.all", tfjsonpath.New("orders"), knownvalue.ListSizeExact(0)),
			},
		}},
	})
}

func TestAccProvider_wrongTokenShowsAPIMessage(t *testing.T) {
	env := acctest.NewEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config:      acctest.WaldurProviderConfig(env.URL, "wrong-token-value") + ordersQuery(env),
			ExpectError: acctest.ExpectError("401", "Invalid token."),
		}},
	})
}

func TestAccProvider_userAgent(t *testing.T) {
	env := acctest.NewEnv(t)
	var mu sync.Mutex
	var agents []string
	spy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		agents = append(agents, r.UserAgent())
		mu.Unlock()
		env.Mock.Handler().ServeHTTP(w, r)
	}))
	t.Cleanup(spy.Close)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config: acctest.WaldurProviderConfig(spy.URL, env.Seed.Token) + ordersQuery(env),
			Check: func(*terraform.State) error {
				mu.Lock()
				defer mu.Unlock()
				if len(agents) == 0 {
					return fmt.Errorf("no request reached the API")
				}
				ua := regexp.MustCompile(`^terraform-provider-cloudorder/test terraform/\d+\.\d+\.\d+`)
				for _, a := range agents {
					if !ua.MatchString(a) {
						return fmt.Errorf("User-Agent %q does not name the provider and Terraform versions", a)
					}
				}
				return nil
			},
		}},
	})
}
