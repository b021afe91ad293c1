package hostway

import (
	"testing"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/hostway/api"
)

// FuzzHostwaySpecifications checks the parsing of offering and
// specification codes and URLs, which validators and Read both use: a
// parsed value builds a URL that parses back to the same code.
func FuzzHostwaySpecifications(f *testing.F) {
	for _, s := range []string{
		"core.plan.vps.virtuozzo.u101/USD-1", "https://api.hostway.com/productSpecifications/core.plan.vps.virtuozzo.u101/offerings/USD-1",
		"core.vps.virtuozzo.ip", "https://api.hostway.com/serviceSpecifications/core.vps.virtuozzo.server.s1",
		"a/b/c", "/", "https://x/productSpecifications//offerings/", "acct1/p1",
	} {
		f.Add(s)
	}
	c := fuzzSpecClient(f)
	f.Fuzz(func(t *testing.T, s string) {
		if spec, id, err := api.ParseOffering(s); err == nil {
			if spec2, id2, err := api.ParseOffering(c.OfferingURL(spec, id)); err != nil || spec2 != spec || id2 != id {
				t.Fatalf("offering %q → %s/%s does not round-trip through its URL: %s/%s %v", s, spec, id, spec2, id2, err)
			}
		}
		if code, err := api.ParseServiceSpecification(s); err == nil {
			if code2, err := api.ParseServiceSpecification(c.ServiceSpecificationURL(code)); err != nil || code2 != code {
				t.Fatalf("service specification %q → %q does not round-trip: %q %v", s, code, code2, err)
			}
		}
		if code, err := api.ParseProductSpecification(s); err == nil {
			if code2, err := api.ParseProductSpecification(c.ProductSpecificationURL(code)); err != nil || code2 != code {
				t.Fatalf("product specification %q → %q does not round-trip: %q %v", s, code, code2, err)
			}
		}
		if account, product, err := parseID(s); err == nil && account+"/"+product != s {
			t.Fatalf("import id %q splits into %q and %q", s, account, product)
		}
	})
}

func fuzzSpecClient(f *testing.F) *api.Client {
	c, err := api.NewClient(api.Config{
		Endpoint: "https://hostway.invalid/api", Username: "u@p", Password: "p",
		Account: api.AccountSettings{AccountNumber: "a"},
	})
	if err != nil {
		f.Fatal(err)
	}
	return c
}
