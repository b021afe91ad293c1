package chaos

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/acctest"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
	hostwaymock "github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud/hostway"
)

func init() {
	Register(Kind{
		Name: "cloudorder_hostway_vps",
		Config: func(env *acctest.Env, n int) string {
			h := env.Seed.Hostway
			var b strings.Builder
			b.WriteString(env.HostwayProviderConfig())
			for i := range n {
				fmt.Fprintf(&b, `
resource "cloudorder_hostway_vps" %q {
  offering     = %q
  display_name = %q

  server {
    name          = %q
    specification = %q
  }
}
`, resourceName(i), h.ProductSpecification+"/"+h.Offering, objectName(i), objectName(i), h.ServerSpecification)
			}
			return b.String()
		},
		Live: func(env *acctest.Env) []Object {
			var out []Object
			for _, p := range env.Mock.Hostway().Products("") {
				switch p.Status {
				case hostwaymock.HostwayClosed:
					continue
				case hostwaymock.HostwayClosePending, hostwaymock.HostwayPurgePending:
					// Being closed: it still exists (a destroy that
					// failed while waiting for it tracks it), but it
					// holds nothing and goes away by itself.
					out = append(out, Object{ID: p.ID, Name: p.DisplayName, AltID: hostwayOrderID(p.OrderID), Inert: true})
					continue
				}
				out = append(out, Object{ID: p.ID, Name: p.DisplayName, AltID: hostwayOrderID(p.OrderID)})
			}
			// An order that placed no product yet (a cart, or a submit
			// whose answer was lost) is what a state entry tracks until the
			// product is found; it holds nothing by itself.
			for _, o := range env.Mock.Hostway().Orders() {
				out = append(out, Object{ID: hostwayOrderID(o.ID), Name: "order " + o.ID, Inert: true})
			}
			return out
		},
		// A VPS is tracked by its product once known, before that by the
		// order that places it (saved first, so nothing is lost).
		StateID: func(attrs map[string]any) string {
			if id := stringAttr(attrs, "product_id"); id != "" {
				return id
			}
			return hostwayOrderID(stringAttr(attrs, "order_id"))
		},
		Delete: func(env *acctest.Env, id string) bool { return env.Mock.Hostway().DeleteProduct(id) },
		// A VPS is one order built in several calls; the submit is what
		// creates the product.
		Create: func(*acctest.Env) mockcloud.Fault {
			return mockcloud.Fault{Method: http.MethodPost, PathPrefix: hostwaymock.HostwayPrefix + "/orders/", BodyContains: `"submit"`}
		},
	})
}

// hostwayOrderID keeps order ids apart from product ids.
func hostwayOrderID(id string) string { return "order:" + id }
