package hostway_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
	hostwaymock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/hostway"
)

const vpsAddr = "cloudorder_hostway_vps.test"

var hostwayID = regexp.MustCompile(`^[0-9a-f]{40}$`)

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
func mockProduct(env *acctest.Env, s *terraform.State) (hostwaymock.HostwayProductSnapshot, error) {
	rs, ok := s.RootModule().Resources[vpsAddr]
	if !ok {
		return hostwaymock.HostwayProductSnapshot{}, fmt.Errorf("%s not in state", vpsAddr)
	}
	p, ok := env.Mock.Hostway().Product(rs.Primary.Attributes["product_id"])
	if !ok {
		return p, fmt.Errorf("product %s not in the mock", rs.Primary.Attributes["product_id"])
	}
	return p, nil
}

// remember is a Check that hands the VPS's state attributes to save.
func remember(save func(attrs map[string]string)) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		save(s.RootModule().Resources[vpsAddr].Primary.Attributes)
		return nil
	}
}

// checkProduct runs check on the mock's product of the VPS in the state.
func checkProduct(env *acctest.Env, check func(*terraform.State, hostwaymock.HostwayProductSnapshot) error) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		p, err := mockProduct(env, s)
		if err != nil {
			return err
		}
		return check(s, p)
	}
}

// importStep imports the VPS and checks that the import reads what the
// state holds. The API's product names no order (api-reference §3a); the
// mock used to send an orderId, which a real server does not.
var importStep = resource.TestStep{
	ResourceName:            vpsAddr,
	ImportState:             true,
	ImportStateIdFunc:       importID,
	ImportStateVerify:       true,
	ImportStateVerifyIgnore: []string{"order_id"},
}

// openProducts counts the mock's products that are not closed.
func openProducts(env *acctest.Env) int {
	n := 0
	for _, p := range env.Mock.Hostway().Products("") {
		if p.Status != hostwaymock.HostwayClosed && p.Status != hostwaymock.HostwayClosePending {
			n++
		}
	}
	return n
}

// checkAllClosed is a CheckDestroy: destroy closes every product.
func checkAllClosed(env *acctest.Env) resource.TestCheckFunc {
	return func(*terraform.State) error {
		for _, p := range env.Mock.Hostway().Products("") {
			if p.Status != hostwaymock.HostwayClosed {
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
				ConfigPlanChecks: acctest.EmptyPlanAfterApply,
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
				Check: checkProduct(env, func(s *terraform.State, p hostwaymock.HostwayProductSnapshot) error {
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
				}),
			},
			importStep,
		},
		CheckDestroy: checkAllClosed(env),
	})
}

func TestAccHostwayVPS_badImportID(t *testing.T) {
	env := acctest.NewEnv(t)
	cfg := demoVPS(env)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config:        cfg.hcl(env),
			ResourceName:  vpsAddr,
			ImportState:   true,
			ImportStateId: "00000143d407b725d9eb9a41007f000000010001",
			ExpectError:   acctest.ExpectError("Invalid import ID", "account_number/product_id"),
		}},
	})
}

// seedRoutes is the seed's call order for a VPS with all six child
// services, plus the validate action before the submit.
var seedRoutes = []struct {
	route  string
	status int
}{
	{"POST /hostway/orders", 201},
	{"PUT /hostway/orders/{order}/account", 204},
	{"POST /hostway/orders/{order}/account/products", 201},
	{"POST /hostway/orders/{order}/account/products/{product}/services", 201}, // server
	{"POST /hostway/orders/{order}/account/products/{product}/services", 201}, // control panel
	{"POST /hostway/orders/{order}/account/products/{product}/services", 201}, // memory
	{"POST /hostway/orders/{order}/account/products/{product}/services", 201}, // disk
	{"POST /hostway/orders/{order}/account/products/{product}/services", 201}, // bandwidth
	{"POST /hostway/orders/{order}/account/products/{product}/services", 201}, // ip
	{"POST /hostway/orders/{order}/account/products/{product}/services", 201}, // powerpack
	{"POST /hostway/orders/{order}/action", 204},                              // validate
	{"POST /hostway/orders/{order}/action", 202},                              // submit
}

// checkSeedCallOrder checks the mock's request log: the create sent the
// seed's calls in the seed's order, the OwnerId cookie with every call
// but the first, and the services in the seed's order, children related
// to the server.
func checkSeedCallOrder(env *acctest.Env) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		log := env.Mock.RequestLog()
		// Plan reads the catalog first (the codes are checked at plan
		// time); the order's calls follow.
		for len(log) > 0 && log[0].Method == "GET" &&
			(strings.Contains(log[0].Route, "/productspecifications/") || strings.Contains(log[0].Route, "/servicespecifications/")) {
			log = log[1:]
		}
		if len(log) < len(seedRoutes) {
			return fmt.Errorf("the mock saw %d requests, want at least %d", len(log), len(seedRoutes))
		}
		orderID := s.RootModule().Resources[vpsAddr].Primary.Attributes["order_id"]
		for i, want := range seedRoutes {
			got := log[i]
			if got.Route != want.route || got.Status != want.status {
				return fmt.Errorf("request %d: %s → %d, want %s → %d (log: %s)", i, got.Route, got.Status, want.route, want.status, routes(log))
			}
			if i > 0 && !strings.Contains(got.Path, "/orders/"+orderID) {
				return fmt.Errorf("request %d (%s) is not for order %s", i, got.Path, orderID)
			}
		}
		for i, r := range log {
			if !strings.HasPrefix(r.Path, "/hostway/orders") {
				continue
			}
			first := r.Method == "POST" && r.Path == "/hostway/orders"
			hasCookie := len(r.Cookies) == 1 && r.Cookies[0] == "OwnerId"
			switch {
			case first && len(r.Cookies) != 0:
				return fmt.Errorf("request %d: POST /orders sent cookies %v; it must start a fresh OwnerId", i, r.Cookies)
			case !first && !hasCookie:
				return fmt.Errorf("request %d: %s %s sent cookies %v, want the OwnerId cookie", i, r.Method, r.Path, r.Cookies)
			}
		}
		o, ok := env.Mock.Hostway().Order(orderID)
		if !ok {
			return fmt.Errorf("order %s not in the mock", orderID)
		}
		if strings.Join(o.Actions, ",") != "validate,submit" {
			return fmt.Errorf("order actions %v, want validate then submit", o.Actions)
		}
		if len(o.Products) != 1 {
			return fmt.Errorf("order has %d products, want 1", len(o.Products))
		}
		services := o.Products[0].Services
		want := append([]string{env.Seed.Hostway.ServerSpecification}, env.Seed.Hostway.ChildSpecifications...)
		if len(services) != len(want) {
			return fmt.Errorf("order has %d services, want %d", len(services), len(want))
		}
		for i, sv := range services {
			if sv.Specification != want[i] || sv.Name != "VPS Virtuozzo Test" || sv.BillingCycle != 1 {
				return fmt.Errorf("service %d is %+v, want %s named like the server with billing cycle 1", i, sv, want[i])
			}
			if i > 0 && (sv.RelatedTo != services[0].ID || sv.RelatedToAccount) {
				return fmt.Errorf("service %d is related to %q, want the order's server service %s", i, sv.RelatedTo, services[0].ID)
			}
		}
		return nil
	}
}

func routes(log []mockcloud.LoggedRequest) string {
	parts := make([]string, len(log))
	for i, r := range log {
		parts[i] = fmt.Sprintf("%s→%d", r.Route, r.Status)
	}
	return strings.Join(parts, ", ")
}

func TestAccHostwayVPS_allServices(t *testing.T) {
	env := acctest.NewEnv(t)
	cfg := allServices(env)
	kinds := []string{"controlpanel", "additional_memory", "additional_disk", "additional_bandwidth", "ip", "powerpack"}
	checks := []statecheck.StateCheck{
		statecheck.ExpectKnownValue(vpsAddr, tfjsonpath.New("status"), knownvalue.StringExact("open")),
		statecheck.ExpectKnownValue(vpsAddr, tfjsonpath.New("services"), knownvalue.ListSizeExact(len(kinds))),
		statecheck.ExpectKnownValue(vpsAddr, tfjsonpath.New("service"), knownvalue.ListSizeExact(len(kinds))),
	}
	for i, k := range kinds {
		checks = append(checks,
			statecheck.ExpectKnownValue(vpsAddr, tfjsonpath.New("services").AtSliceIndex(i).AtMapKey("kind"), knownvalue.StringExact(k)),
			statecheck.ExpectKnownValue(vpsAddr, tfjsonpath.New("services").AtSliceIndex(i).AtMapKey("status"), knownvalue.StringExact("open")),
			statecheck.ExpectKnownValue(vpsAddr, tfjsonpath.New("services").AtSliceIndex(i).AtMapKey("id"), knownvalue.StringRegexp(hostwayID)),
			// Left out in the configuration, so null in the state too.
			statecheck.ExpectKnownValue(vpsAddr, tfjsonpath.New("service").AtSliceIndex(i).AtMapKey("name"), knownvalue.Null()),
		)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config:            cfg.hcl(env),
				ConfigPlanChecks:  acctest.EmptyPlanAfterApply,
				ConfigStateChecks: checks,
				Check: resource.ComposeTestCheckFunc(
					checkSeedCallOrder(env),
					checkProduct(env, func(s *terraform.State, p hostwaymock.HostwayProductSnapshot) error {
						if len(p.Services) != 7 {
							return fmt.Errorf("the account product has %d services, want 7", len(p.Services))
						}
						for i, sv := range p.Services[1:] {
							if sv.RelatedTo != p.Services[0].ID || sv.Status != "open" {
								return fmt.Errorf("account service %d: %+v, want open and related to the server %s", i+1, sv, p.Services[0].ID)
							}
						}
						return nil
					}),
				),
			},
			importStep,
		},
		CheckDestroy: checkAllClosed(env),
	})
}

func TestAccHostwayVPS_addAndRemoveService(t *testing.T) {
	env := acctest.NewEnv(t)
	ip := serviceCfg{spec: "core.vps.virtuozzo.ip"}
	memory := serviceCfg{spec: "core.vps.virtuozzo.additional_memory.512mb", name: "more memory", cycle: 3}
	base := demoVPS(env)
	withIP := base
	withIP.services = []serviceCfg{ip}
	withBoth := base
	withBoth.services = []serviceCfg{ip, memory}
	withMemory := base
	withMemory.services = []serviceCfg{memory}

	var productID, ipID string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config:           withIP.hcl(env),
				ConfigPlanChecks: acctest.EmptyPlanAfterApply,
				Check:            remember(func(attrs map[string]string) { productID, ipID = attrs["product_id"], attrs["services.0.id"] }),
			},
			{
				// A new block: a new order on the account whose service is
				// related to the server's account URL.
				Config: withBoth.hcl(env),
				ConfigPlanChecks: acctest.PlanChecks(
					// Plan noise: the existing service stays known, the new
					// one is known but for its id and status.
					plancheck.ExpectKnownValue(vpsAddr, tfjsonpath.New("services").AtSliceIndex(0).AtMapKey("id"), knownvalue.NotNull()),
					plancheck.ExpectKnownValue(vpsAddr, tfjsonpath.New("services").AtSliceIndex(0).AtMapKey("status"), knownvalue.StringExact("open")),
					plancheck.ExpectKnownValue(vpsAddr, tfjsonpath.New("services").AtSliceIndex(1).AtMapKey("kind"), knownvalue.StringExact("additional_memory")),
					plancheck.ExpectKnownValue(vpsAddr, tfjsonpath.New("services").AtSliceIndex(1).AtMapKey("name"), knownvalue.StringExact("more memory")),
					plancheck.ExpectUnknownValue(vpsAddr, tfjsonpath.New("services").AtSliceIndex(1).AtMapKey("id")),
					plancheck.ExpectResourceAction(vpsAddr, plancheck.ResourceActionUpdate),
				),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(vpsAddr, tfjsonpath.New("services"), knownvalue.ListSizeExact(2)),
					statecheck.ExpectKnownValue(vpsAddr, tfjsonpath.New("services").AtSliceIndex(1).AtMapKey("kind"), knownvalue.StringExact("additional_memory")),
					statecheck.ExpectKnownValue(vpsAddr, tfjsonpath.New("services").AtSliceIndex(1).AtMapKey("billing_cycle"), knownvalue.Int64Exact(3)),
					statecheck.ExpectKnownValue(vpsAddr, tfjsonpath.New("services").AtSliceIndex(1).AtMapKey("status"), knownvalue.StringExact("open")),
				},
				Check: checkProduct(env, func(s *terraform.State, p hostwaymock.HostwayProductSnapshot) error {
					if p.ID != productID {
						return fmt.Errorf("product replaced: %s → %s", productID, p.ID)
					}
					orders := env.Mock.Hostway().Orders()
					if len(orders) != 2 {
						return fmt.Errorf("%d orders, want the create and one add-on order", len(orders))
					}
					addon := orders[1]
					if addon.Status != "Processing" || len(addon.Products) != 1 || len(addon.Products[0].Services) != 1 {
						return fmt.Errorf("add-on order %+v", addon)
					}
					sv := addon.Products[0].Services[0]
					if sv.Specification != memory.spec || !sv.RelatedToAccount || sv.RelatedTo != p.Services[0].ID || sv.Name != "more memory" {
						return fmt.Errorf("add-on service %+v: want %s related to the account server %s", sv, memory.spec, p.Services[0].ID)
					}
					if n := len(env.Mock.Hostway().Products("")); n != 1 {
						return fmt.Errorf("%d products, want the add-on on the existing one", n)
					}
					return nil
				}),
			},
			{
				// A removed block closes its service.
				Config: withMemory.hcl(env),
				ConfigPlanChecks: acctest.PlanChecks(
					plancheck.ExpectKnownValue(vpsAddr, tfjsonpath.New("services"), knownvalue.ListSizeExact(1)),
					plancheck.ExpectKnownValue(vpsAddr, tfjsonpath.New("services").AtSliceIndex(0).AtMapKey("id"), knownvalue.NotNull()),
					plancheck.ExpectResourceAction(vpsAddr, plancheck.ResourceActionUpdate),
				),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(vpsAddr, tfjsonpath.New("services"), knownvalue.ListSizeExact(1)),
					statecheck.ExpectKnownValue(vpsAddr, tfjsonpath.New("services").AtSliceIndex(0).AtMapKey("kind"), knownvalue.StringExact("additional_memory")),
				},
				Check: checkProduct(env, func(s *terraform.State, p hostwaymock.HostwayProductSnapshot) error {
					for _, sv := range p.Services {
						if sv.ID == ipID && sv.Status != "closed" {
							return fmt.Errorf("removed IP service %s is %s, want closed", ipID, sv.Status)
						}
					}
					if len(env.Mock.Hostway().Orders()) != 2 {
						return fmt.Errorf("removing a service placed an order")
					}
					return nil
				}),
			},
			importStep,
		},
		CheckDestroy: checkAllClosed(env),
	})
}

func TestAccHostwayVPS_changeSpecifications(t *testing.T) {
	env := acctest.NewEnv(t)
	h := env.Seed.Hostway
	base := demoVPS(env)
	base.services = []serviceCfg{{spec: "core.vps.virtuozzo.ip"}}
	bigger := base
	bigger.serverSpec = h.SecondServerSpecification
	upgraded := bigger
	upgraded.offering = h.SecondProductSpecification + "/" + h.Offering
	notOffered := upgraded
	notOffered.serverSpec = "core.vps.virtuozzo.server.u999"
	yearly := upgraded
	yearly.offering = h.SecondProductSpecification + "/USD-12"

	var productID, serverID string
	inPlace := acctest.PlanChecks(plancheck.ExpectResourceAction(vpsAddr, plancheck.ResourceActionUpdate))
	sameProduct := func(s *terraform.State) (hostwaymock.HostwayProductSnapshot, error) {
		p, err := mockProduct(env, s)
		if err != nil {
			return p, err
		}
		if p.ID != productID || p.Services[0].ID != serverID {
			return p, fmt.Errorf("product or server replaced: %s/%s → %s/%s", productID, serverID, p.ID, p.Services[0].ID)
		}
		if n := len(env.Mock.Hostway().Orders()); n != 1 {
			return p, fmt.Errorf("the change placed an order (%d orders)", n)
		}
		return p, nil
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config:           base.hcl(env),
				ConfigPlanChecks: acctest.EmptyPlanAfterApply,
				Check:            remember(func(attrs map[string]string) { productID, serverID = attrs["product_id"], attrs["server.id"] }),
			},
			{
				// A bigger server: the service change action.
				Config:           bigger.hcl(env),
				ConfigPlanChecks: inPlace,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(vpsAddr, tfjsonpath.New("server").AtMapKey("specification"), knownvalue.StringExact(h.SecondServerSpecification)),
					statecheck.ExpectKnownValue(vpsAddr, tfjsonpath.New("server").AtMapKey("status"), knownvalue.StringExact("open")),
				},
				Check: func(s *terraform.State) error {
					p, err := sameProduct(s)
					if err == nil && p.Services[0].Specification != h.SecondServerSpecification {
						err = fmt.Errorf("mock server is %s, want %s", p.Services[0].Specification, h.SecondServerSpecification)
					}
					return err
				},
			},
			{
				// The same offering of the next plan: the product change
				// action, as getTargetProductSpecifications offers it.
				Config:           upgraded.hcl(env),
				ConfigPlanChecks: inPlace,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(vpsAddr, tfjsonpath.New("product_specification"), knownvalue.StringExact(h.SecondProductSpecification)),
					statecheck.ExpectKnownValue(vpsAddr, tfjsonpath.New("status"), knownvalue.StringExact("open")),
				},
				Check: func(s *terraform.State) error {
					p, err := sameProduct(s)
					if err == nil && p.ProductSpecification != h.SecondProductSpecification {
						err = fmt.Errorf("mock product is %s, want %s", p.ProductSpecification, h.SecondProductSpecification)
					}
					return err
				},
			},
			{
				// A server specification the API does not offer as a target
				// fails at plan time, before anything changes.
				Config:      notOffered.hcl(env),
				PlanOnly:    true,
				ExpectError: acctest.ExpectError("Server specification change not offered", "core.vps.virtuozzo.server.u999", h.ServerSpecification),
			},
			{
				// Another billing period is another offering: a new VPS.
				Config:           yearly.hcl(env),
				ConfigPlanChecks: acctest.PlanChecks(plancheck.ExpectResourceAction(vpsAddr, plancheck.ResourceActionDestroyBeforeCreate)),
				Check: checkProduct(env, func(s *terraform.State, p hostwaymock.HostwayProductSnapshot) error {
					if p.ID == productID || p.Offering != "USD-12" {
						return fmt.Errorf("new product %+v, want a new one with offering USD-12", p)
					}
					if old, _ := env.Mock.Hostway().Product(productID); old.Status != "closed" {
						return fmt.Errorf("the replaced product is %s, want closed", old.Status)
					}
					return nil
				}),
			},
		},
		CheckDestroy: checkAllClosed(env),
	})
}

func TestAccHostwayVPS_sameObjectsOtherSpellingAndReplace(t *testing.T) {
	env := acctest.NewEnv(t)
	h := env.Seed.Hostway
	base := demoVPS(env)
	asURLs := base
	asURLs.offering = env.HostwayEndpoint() + "/productSpecifications/" + h.ProductSpecification + "/offerings/" + h.Offering
	asURLs.serverSpec = "https://api.hostway.com/serviceSpecifications/" + h.ServerSpecification
	asURLs.cycle = 1
	renamed := asURLs
	renamed.serverName = "renamed"
	var firstProduct string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config:           base.hcl(env),
				ConfigPlanChecks: acctest.EmptyPlanAfterApply,
				Check:            remember(func(attrs map[string]string) { firstProduct = attrs["product_id"] }),
			},
			{
				// The same offering and server written as URLs: an update
				// that changes nothing in Hostway.
				Config:           asURLs.hcl(env),
				ConfigPlanChecks: acctest.PlanChecks(plancheck.ExpectResourceAction(vpsAddr, plancheck.ResourceActionUpdate)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(vpsAddr, tfjsonpath.New("offering"), knownvalue.StringExact(asURLs.offering)),
				},
				Check: func(s *terraform.State) error {
					if n := len(env.Mock.Hostway().Orders()); n != 1 {
						return fmt.Errorf("%d orders, want 1: another spelling is no change", n)
					}
					return nil
				},
			},
			{
				// A submitted service cannot be renamed: the VPS is replaced.
				Config:           renamed.hcl(env),
				ConfigPlanChecks: acctest.PlanChecks(plancheck.ExpectResourceAction(vpsAddr, plancheck.ResourceActionDestroyBeforeCreate)),
				Check: func(s *terraform.State) error {
					old, _ := env.Mock.Hostway().Product(firstProduct)
					if old.Status != "closed" {
						return fmt.Errorf("the replaced product is %s, want closed", old.Status)
					}
					p, err := mockProduct(env, s)
					if err != nil {
						return err
					}
					if p.ID == firstProduct || p.Services[0].Name != "renamed" {
						return fmt.Errorf("new product %+v", p)
					}
					return nil
				},
			},
		},
		CheckDestroy: checkAllClosed(env),
	})
}

func TestAccHostwayVPS_disappears(t *testing.T) {
	env := acctest.NewEnv(t)
	cfg := demoVPS(env)
	var first string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: cfg.hcl(env),
				Check: func(s *terraform.State) error {
					first = s.RootModule().Resources[vpsAddr].Primary.Attributes["product_id"]
					if !env.Mock.Hostway().DeleteProduct(first) {
						return fmt.Errorf("product %s not in the mock", first)
					}
					return nil
				},
				// The refresh after apply finds the product gone: the plan
				// orders it again instead of failing.
				ExpectNonEmptyPlan: true,
			},
			{
				Config:           cfg.hcl(env),
				ConfigPlanChecks: acctest.PlanChecks(plancheck.ExpectResourceAction(vpsAddr, plancheck.ResourceActionCreate)),
				Check: checkProduct(env, func(s *terraform.State, p hostwaymock.HostwayProductSnapshot) error {
					if p.ID == first {
						return fmt.Errorf("the deleted product %s is still in state", first)
					}
					return nil
				}),
			},
			{
				// Closed outside Terraform counts as gone too.
				Config: cfg.hcl(env),
				Check: checkProduct(env, func(s *terraform.State, p hostwaymock.HostwayProductSnapshot) error {
					return env.Mock.Hostway().SetProductStatus(p.ID, hostwaymock.HostwayClosed)
				}),
				ExpectNonEmptyPlan: true,
			},
		},
	})
}

func TestAccHostwayVPS_validation(t *testing.T) {
	env := acctest.NewEnv(t)
	good := allServices(env)
	with := func(mutate func(*vpsConfig)) string {
		c := good
		c.services = append([]serviceCfg(nil), good.services...)
		mutate(&c)
		return c.hcl(env)
	}
	cases := []struct {
		name   string
		config string
		want   []string
	}{
		{"unknown service family", with(func(c *vpsConfig) { c.services[0].spec = "core.vps.virtuozzo.gpu.a100" }),
			[]string{"service[0].specification", "not a VPS Virtuozzo child service", "core.vps.virtuozzo.controlpanel.*"}},
		{"server in a service block", with(func(c *vpsConfig) { c.services[1].spec = "core.vps.virtuozzo.server.u200" }),
			[]string{"service[1].specification", "is a Virtuozzo Server", "server block"}},
		{"child as server", with(func(c *vpsConfig) { c.serverSpec = "core.vps.virtuozzo.ip" }),
			[]string{"server.specification", "not a Virtuozzo Server specification"}},
		{"specification URL of another kind", with(func(c *vpsConfig) {
			c.serverSpec = "https://api.hostway.com/productSpecifications/core.vps.virtuozzo.server.u100"
		}),
			[]string{"server.specification", "not a service specification URL"}},
		{"server billing cycle below 1", with(func(c *vpsConfig) { c.cycle = -5 }),
			[]string{"server.billing_cycle", "between 1 and 120, got: -5"}},
		{"server billing cycle above 120", with(func(c *vpsConfig) { c.cycle = 121 }),
			[]string{"server.billing_cycle", "between 1 and 120, got: 121"}},
		{"service billing cycle below 1", with(func(c *vpsConfig) { c.services[2].cycle = -1 }),
			[]string{"service[2].billing_cycle", "between 1 and 120, got: -1"}},
		{"service billing cycle above 120", with(func(c *vpsConfig) { c.services[3].cycle = 240 }),
			[]string{"service[3].billing_cycle", "between 1 and 120, got: 240"}},
		{"offering without its product specification", with(func(c *vpsConfig) { c.offering = "USD-1" }),
			[]string{"offering", "neither an offering code", "core.plan.vps.virtuozzo.u101/USD-1"}},
		// Codes of a valid family that the catalog lacks fail at plan, not
		// at apply with a 400 half-way through the order (issue 16).
		{"server specification not in the catalog", with(func(c *vpsConfig) { c.serverSpec = "core.vps.virtuozzo.server.u999" }),
			[]string{"Unknown Hostway service specification", "catalog has no service specification", "core.vps.virtuozzo.server.u999"}},
		{"service specification not in the catalog", with(func(c *vpsConfig) { c.services[1].spec = "core.vps.virtuozzo.additional_memory.999gb" }),
			[]string{"Unknown Hostway service specification", "core.vps.virtuozzo.additional_memory.999gb"}},
		{"offering not in the catalog", with(func(c *vpsConfig) { c.offering = "core.plan.vps.virtuozzo.u101/EUR-9" }),
			[]string{"Unknown Hostway offering", "core.plan.vps.virtuozzo.u101/EUR-9"}},
		{"missing server block", `
` + env.HostwayProviderConfig() + `
resource "cloudorder_hostway_vps" "test" {
  offering = "core.plan.vps.virtuozzo.u101/USD-1"
}
`, []string{"server", "must have a configuration value"}},
	}
	var steps []resource.TestStep
	for _, tc := range cases {
		steps = append(steps, resource.TestStep{
			Config:      tc.config,
			PlanOnly:    true,
			ExpectError: acctest.ExpectError(tc.want...),
		})
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps:                    steps,
	})
	if n := len(env.Mock.Hostway().Orders()); n != 0 {
		t.Fatalf("invalid configurations created %d orders", n)
	}
}

func TestAccHostwayVPS_missingProviderSettings(t *testing.T) {
	for _, v := range []string{"ENDPOINT", "USERNAME", "PASSWORD", "ACCOUNT_NUMBER", "CURRENCY", "LANGUAGE"} {
		t.Setenv("CLOUDORDER_HOSTWAY_"+v, "")
	}
	env := acctest.NewEnv(t)
	cfg := demoVPS(env)
	noAccount := cfg
	noAccount.provider = fmt.Sprintf(`
provider "cloudorder" {
  hostway {
    endpoint = %q
    username = %q
    password = %q
  }
}
`, env.HostwayEndpoint(), env.Seed.Hostway.Username, env.Seed.Hostway.Password)
	noBlock := cfg
	noBlock.provider = "provider \"cloudorder\" {}\n"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config:      noAccount.hcl(env),
				PlanOnly:    true,
				ExpectError: acctest.ExpectError("Missing Hostway account settings", "account_number", "CLOUDORDER_HOSTWAY_ACCOUNT_NUMBER", "currency and language"),
			},
			{
				Config:      noBlock.hcl(env),
				PlanOnly:    true,
				ExpectError: acctest.ExpectError("Hostway is not configured", `"hostway" block`, "CLOUDORDER_HOSTWAY_USERNAME", "CLOUDORDER_HOSTWAY_PASSWORD"),
			},
		},
	})
	if n := len(env.Mock.Hostway().Orders()); n != 0 {
		t.Fatalf("%d orders placed without account settings", n)
	}
}

// TestAccHostwayVPS_failureMidFlowLeavesNoCart fails a step between the
// first POST /orders and the submit, once with the API's own refusal and
// once with a server error: the cart is deleted, nothing is ordered and
// nothing is left in the state.
func TestAccHostwayVPS_failureMidFlowLeavesNoCart(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(*vpsConfig)
		fault  *mockcloud.Fault
		want   []string
	}{
		{
			name: "billing cycle the service does not offer",
			// 7 passes the plan-time range check; the API refuses it.
			mutate: func(c *vpsConfig) { c.services[1].cycle = 7 },
			want:   []string{"Could not order the Hostway VPS", "core.vps.virtuozzo.additional_memory.256mb", "billingCycle 7 is not offered", "Nothing was ordered", "was deleted"},
		},
		{
			name: "server error while adding a service",
			fault: &mockcloud.Fault{
				Method: "POST", PathPrefix: hostwaymock.HostwayPrefix + "/orders/", BodyContains: "additional_disk", Status: 500,
				Body: `{"internalServerError": {"guid": "0f1e", "message": "Provisioning backend unavailable", "code": 500, "details": ""}}`,
			},
			want: []string{"Could not order the Hostway VPS", "500", "Provisioning backend unavailable", "Nothing was ordered"},
		},
		{
			name:  "validate refuses the order",
			fault: &mockcloud.Fault{Method: "POST", PathPrefix: hostwaymock.HostwayPrefix + "/orders/", BodyContains: `"validate"`, Status: 400, Body: `{"badRequest": {"guid": "1a2b", "message": "Product limit reached for this account", "code": 400, "details": ""}}`},
			want:  []string{"validating the order", "Product limit reached for this account", "Nothing was ordered"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			env := acctest.NewEnv(t)
			if tc.fault != nil {
				env.Mock.InjectFault(*tc.fault)
			}
			cfg := allServices(env)
			if tc.mutate != nil {
				tc.mutate(&cfg)
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
				Steps: []resource.TestStep{{
					Config:      cfg.hcl(env),
					ExpectError: acctest.ExpectError(tc.want...),
				}},
				CheckDestroy: func(*terraform.State) error {
					if orders := env.Mock.Hostway().Orders(); len(orders) != 0 {
						return fmt.Errorf("%d carts left behind: %+v", len(orders), orders)
					}
					if n := len(env.Mock.Hostway().Products("")); n != 0 {
						return fmt.Errorf("%d products ordered by a failed create", n)
					}
					return nil
				},
			})
		})
	}
}

// TestAccHostwayVPS_lostSubmitAnswer drops the connection after the mock
// processed the submit. The provider must not submit (or order) again.
func TestAccHostwayVPS_lostSubmitAnswer(t *testing.T) {
	cases := []struct {
		name   string
		faults []mockcloud.Fault
	}{
		{
			// The order's status tells that the submit went through.
			name: "order status answers",
			faults: []mockcloud.Fault{
				{Method: "POST", PathPrefix: hostwaymock.HostwayPrefix + "/orders/", BodyContains: `"submit"`, DropAfterProcessing: true},
			},
		},
		{
			// The status cannot be read either (six 502s exhaust the
			// retries): the product is found by its partnerId.
			name: "order status fails too",
			faults: []mockcloud.Fault{
				{Method: "POST", PathPrefix: hostwaymock.HostwayPrefix + "/orders/", BodyContains: `"submit"`, DropAfterProcessing: true},
				{Method: "GET", PathPrefix: hostwaymock.HostwayPrefix + "/orders/", Status: 502, Count: 6},
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			env := acctest.NewEnv(t)
			for _, f := range tc.faults {
				env.Mock.InjectFault(f)
			}
			cfg := demoVPS(env)
			cfg.services = []serviceCfg{{spec: "core.vps.virtuozzo.ip"}}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
				Steps: []resource.TestStep{{
					Config:           cfg.hcl(env),
					ConfigPlanChecks: acctest.EmptyPlanAfterApply,
					Check: func(s *terraform.State) error {
						if f := env.Mock.Faults(); len(f) != 0 {
							return fmt.Errorf("faults not used up: %+v", f)
						}
						orders := env.Mock.Hostway().Orders()
						if len(orders) != 1 || strings.Join(orders[0].Actions, ",") != "validate,submit" {
							return fmt.Errorf("orders %+v: want one order, submitted once", orders)
						}
						products := env.Mock.Hostway().Products("")
						if len(products) != 1 {
							return fmt.Errorf("%d products, want exactly 1", len(products))
						}
						if id := s.RootModule().Resources[vpsAddr].Primary.Attributes["product_id"]; id != products[0].ID {
							return fmt.Errorf("state holds product %s, the mock %s", id, products[0].ID)
						}
						return nil
					},
				}},
				CheckDestroy: checkAllClosed(env),
			})
		})
	}
}

func TestAccHostwayVPS_timeoutLeavesTaintedProduct(t *testing.T) {
	delays := acctest.HostwayDelays
	delays.Provisioning = time.Hour
	env := acctest.NewEnv(t, hostwaymock.WithHostwayDelays(delays))
	cfg := demoVPS(env)
	cfg.extra = "\n  timeouts {\n    create = \"1s\"\n  }\n"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config:      cfg.hcl(env),
				ExpectError: acctest.ExpectError("Hostway VPS was not provisioned", "timeout", "pending", "still provisioning", "tainted"),
			},
			// The product was saved before the wait: it is in the state
			// as tainted, and the next plan replaces it.
			acctest.KeptTainted(cfg.hcl(env), vpsAddr, "product_id"),
		},
		// Destroy closes the product that never finished provisioning.
		CheckDestroy: checkAllClosed(env),
	})
}

func TestAccHostwayVPS_newAccount(t *testing.T) {
	env := acctest.NewEnv(t)
	h := env.Seed.Hostway
	cfg := demoVPS(env)
	cfg.provider = acctest.HostwayNewAccountProviderConfig(env.HostwayEndpoint(), h.Username, h.Password, "USD", "en-US")
	cfg.extra = "  display_name = \"new-account-vps\"\n"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config:           cfg.hcl(env),
			ConfigPlanChecks: acctest.EmptyPlanAfterApply,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(vpsAddr, tfjsonpath.New("display_name"), knownvalue.StringExact("new-account-vps")),
			},
			Check: func(s *terraform.State) error {
				account := s.RootModule().Resources[vpsAddr].Primary.Attributes["account_number"]
				if account == "" || account == h.AccountNumber {
					return fmt.Errorf("account_number %q, want a new account", account)
				}
				a, ok := env.Mock.Hostway().Account(account)
				if !ok || a.Owner != h.Username || a.Currency != "USD" || a.Language != "en-US" {
					return fmt.Errorf("mock account %+v", a)
				}
				p, err := mockProduct(env, s)
				if err != nil {
					return err
				}
				if p.AccountNumber != account || p.DisplayName != "new-account-vps" {
					return fmt.Errorf("mock product %+v", p)
				}
				return nil
			},
		}},
		CheckDestroy: checkAllClosed(env),
	})
}

func TestAccHostwayVPS_transientErrorsAreRetried(t *testing.T) {
	env := acctest.NewEnv(t)
	env.Mock.InjectFault(mockcloud.Fault{Method: "POST", PathPrefix: hostwaymock.HostwayPrefix + "/orders", Status: 429, Count: 2, RetryAfter: 50 * time.Millisecond})
	env.Mock.InjectFault(mockcloud.Fault{Method: "GET", PathPrefix: hostwaymock.HostwayPrefix + "/accounts/", Status: 503, Count: 3})
	env.Mock.InjectFault(mockcloud.Fault{Method: "PUT", PathPrefix: hostwaymock.HostwayPrefix + "/orders/", Status: 502, Count: 1})
	cfg := demoVPS(env)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories(),
		Steps: []resource.TestStep{{
			Config:           cfg.hcl(env),
			ConfigPlanChecks: acctest.EmptyPlanAfterApply,
			Check: func(*terraform.State) error {
				if f := env.Mock.Faults(); len(f) != 0 {
					return fmt.Errorf("faults not used up: %+v", f)
				}
				if n := len(env.Mock.Hostway().Orders()); n != 1 {
					return fmt.Errorf("%d orders, want 1", n)
				}
				if n := openProducts(env); n != 1 {
					return fmt.Errorf("%d products, want 1", n)
				}
				return nil
			},
		}},
		CheckDestroy: checkAllClosed(env),
	})
}
