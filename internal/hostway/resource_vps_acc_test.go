package hostway_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
)

const vpsAddr = "cloudorder_hostway_vps.test"

var hostwayID = regexp.MustCompile(`^[0-9a-f]{40}$`)

// emptyPlanAfterApply is the check every apply step carries.
var emptyPlanAfterApply = resource.ConfigPlanChecks{
	PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
}

type serviceCfg struct {
	spec  string
	name  string
	cycle int
}

type vpsConfig struct {
	provider   string // provider block; default: the env's hostway block
	offering   string
	serverName string
	serverSpec string
	cycle      int // server billing cycle; 0 leaves it out
	services   []serviceCfg
	extra      string
}

func (c vpsConfig) hcl(env *acctest.Env) string {
	var b strings.Builder
	if c.provider != "" {
		b.WriteString(c.provider)
	} else {
		b.WriteString(env.HostwayProviderConfig())
	}
	b.WriteString("\nresource \"cloudorder_hostway_vps\" \"test\" {\n")
	fmt.Fprintf(&b, "  offering = %q\n\n  server {\n    name          = %q\n    specification = %q\n", c.offering, c.serverName, c.serverSpec)
	if c.cycle != 0 {
		fmt.Fprintf(&b, "    billing_cycle = %d\n", c.cycle)
	}
	b.WriteString("  }\n")
	for _, s := range c.services {
		fmt.Fprintf(&b, "\n  service {\n    specification = %q\n", s.spec)
		if s.name != "" {
			fmt.Fprintf(&b, "    name          = %q\n", s.name)
		}
		if s.cycle != 0 {
			fmt.Fprintf(&b, "    billing_cycle = %d\n", s.cycle)
		}
		b.WriteString("  }\n")
	}
	b.WriteString(c.extra)
	b.WriteString("}\n")
	return b.String()
}

// demoVPS is the seed's VPS: the demo offering and server, no children.
func demoVPS(env *acctest.Env) vpsConfig {
	h := env.Seed.Hostway
	return vpsConfig{
		offering:   h.ProductSpecification + "/" + h.Offering,
		serverName: "VPS Virtuozzo Test",
		serverSpec: h.ServerSpecification,
	}
}

// allServices is the seed's order: the server and its six child services.
func allServices(env *acctest.Env) vpsConfig {
	c := demoVPS(env)
	for _, spec := range env.Seed.Hostway.ChildSpecifications {
		c.services = append(c.services, serviceCfg{spec: spec})
	}
	return c
}

// mockProduct returns the mock's product for the VPS in state.
func mockProduct(env *acctest.Env, s *terraform.State) (mockcloud.HostwayProductSnapshot, error) {
	rs, ok := s.RootModule().Resources[vpsAddr]
	if !ok {
		return mockcloud.HostwayProductSnapshot{}, fmt.Errorf("%s not in state", vpsAddr)
	}
	p, ok := env.Mock.Hostway().Product(rs.Primary.Attributes["product_id"])
	if !ok {
		return p, fmt.Errorf("product %s not in the mock", rs.Primary.Attributes["product_id"])
	}
	return p, nil
}

// openProducts counts the mock's products that are not closed.
func openProducts(env *acctest.Env) int {
	n := 0
	for _, p := range env.Mock.Hostway().Products("") {
		if p.Status != mockcloud.HostwayClosed && p.Status != mockcloud.HostwayClosePending {
			n++
		}
	}
	return n
}

// checkAllClosed is a CheckDestroy: destroy closes every product.
func checkAllClosed(env *acctest.Env) resource.TestCheckFunc {
	return func(*terraform.State) error {
		for _, p := range env.Mock.Hostway().Products("") {
			if p.Status != mockcloud.HostwayClosed {
				return fmt.Errorf("product %s is %s after destroy, want closed", p.ID, p.Status)
			}
		}
		return nil
	}
}

func importID(s *terraform.State) (string, error) {
	rs := s.RootModule().Resources[vpsAddr]
	return rs.Primary.Attributes["account_number"] + "/" + rs.Primary.Attributes["product_id"], nil
}

func TestAccHostwayVPS_serverOnly(t *testing.T) {
	env := acctest.NewEnv(t)
	cfg := demoVPS(env)
	h := env.Seed.Hostway
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config:           cfg.hcl(env),
				ConfigPlanChecks: emptyPlanAfterApply,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(vpsAddr, tfjsonpath.New("status"), knownvalue.StringExact("open")),
					statecheck.ExpectKnownValue(vpsAddr, tfjsonpath.New("account_number"), knownvalue.StringExact(h.AccountNumber)),
					statecheck.ExpectKnownValue(vpsAddr, tfjsonpath.New("product_id"), knownvalue.StringRegexp(hostwayID)),
					statecheck.ExpectKnownValue(vpsAddr, tfjsonpath.New("order_id"), knownvalue.StringRegexp(hostwayID)),
					statecheck.ExpectKnownValue(vpsAddr, tfjsonpath.New("partner_id"), knownvalue.StringRegexp(regexp.MustCompile(`^tf-`))),
					statecheck.ExpectKnownValue(vpsAddr, tfjsonpath.New("product_specification"), knownvalue.StringExact(h.ProductSpecification)),
					statecheck.ExpectKnownValue(vpsAddr, tfjsonpath.New("server").AtMapKey("status"), knownvalue.StringExact("open")),
					statecheck.ExpectKnownValue(vpsAddr, tfjsonpath.New("server").AtMapKey("billing_cycle"), knownvalue.Int64Exact(1)),
					statecheck.ExpectKnownValue(vpsAddr, tfjsonpath.New("services"), knownvalue.ListSizeExact(0)),
				},
				Check: func(s *terraform.State) error {
					p, err := mockProduct(env, s)
					if err != nil {
						return err
					}
					attrs := s.RootModule().Resources[vpsAddr].Primary.Attributes
					if p.PartnerID != attrs["partner_id"] || p.Status != "open" || len(p.Services) != 1 {
						return fmt.Errorf("mock product %+v does not match the state %v", p, attrs)
					}
					if want := p.AccountNumber + "/" + p.ID; attrs["id"] != want {
						return fmt.Errorf("id %q, want %q", attrs["id"], want)
					}
					if n := len(env.Mock.Hostway().Orders()); n != 1 {
						return fmt.Errorf("%d orders in the mock, want 1", n)
					}
					return nil
				},
			},
			{
				ResourceName:      vpsAddr,
				ImportState:       true,
				ImportStateIdFunc: importID,
				ImportStateVerify: true,
			},
		},
		CheckDestroy: checkAllClosed(env),
	})
}
