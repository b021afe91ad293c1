package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// The product catalog: product specifications, their offerings, and the
// service specifications their products may hold.

// GetProductSpecification reads a product specification by code. Its
// body is not documented (inferred): a name and links.
func (c *Client) GetProductSpecification(ctx context.Context, code string) (*ProductSpecification, error) {
	var p ProductSpecification
	if _, err := c.do(ctx, http.MethodGet, productSpecPath(code), nil, nil, &p); err != nil {
		return nil, err
	}
	if p.Code == "" {
		p.Code = code
	}
	return &p, nil
}

// ListOfferings lists the offerings of a product specification with their
// prices inlined (details=1; without it prices is a URL). The collection's
// path is inferred: the API documentation shows single offerings.
func (c *Client) ListOfferings(ctx context.Context, productSpec string) ([]Offering, error) {
	return list[Offering](ctx, c, productSpecPath(productSpec, "offerings"), url.Values{"details": {"1"}})
}

// GetOffering reads one offering of a product specification. The catalog
// is static, so the client reads each offering once (plan checks the
// offering of every VPS, and they mostly name the same one).
func (c *Client) GetOffering(ctx context.Context, productSpec, offering string) (*Offering, error) {
	o, err := c.offerings.Get(ctx, productSpec+"/"+offering, func(ctx context.Context) (Offering, error) {
		var o Offering
		_, err := c.do(ctx, http.MethodGet, productSpecPath(productSpec, "offerings", offering), nil, nil, &o)
		return o, err
	})
	if err != nil {
		return nil, err
	}
	return &o, nil
}

// ListServiceSpecifications lists the service specifications that products
// of a product specification may hold. The path is inferred (the API
// documentation shows only single service specifications).
func (c *Client) ListServiceSpecifications(ctx context.Context, productSpec string) ([]ServiceSpecification, error) {
	return list[ServiceSpecification](ctx, c, productSpecPath(productSpec, "servicespecifications"), nil)
}

// GetServiceSpecification reads a service specification by code, once
// per client, like GetOffering.
func (c *Client) GetServiceSpecification(ctx context.Context, code string) (*ServiceSpecification, error) {
	s, err := c.serviceSpecs.Get(ctx, code, func(ctx context.Context) (ServiceSpecification, error) {
		var s ServiceSpecification
		_, err := c.do(ctx, http.MethodGet, serviceSpecPath(code), nil, nil, &s)
		return s, err
	})
	if err != nil {
		return nil, err
	}
	return &s, nil
}

// OfferingOf tells which offering a product was ordered with, as far as
// the API shows it: the product body names its product specification and
// billing cycle but no offering (api-reference §3a), so this is the
// offering of that specification whose billing period is the product's
// billing cycle, the default one when several are. ok is false when none
// or several fit (inferred).
func (c *Client) OfferingOf(ctx context.Context, p *Product) (spec, offering string, ok bool, err error) {
	spec = idFromURL(p.ProductSpecification)
	if spec == "" || p.BillingCycle == 0 {
		return "", "", false, nil
	}
	offerings, err := c.ListOfferings(ctx, spec)
	if err != nil {
		return "", "", false, err
	}
	var fits []Offering
	for _, o := range offerings {
		if o.BillingPeriod == p.BillingCycle {
			fits = append(fits, o)
		}
	}
	if len(fits) > 1 {
		fits = slices.DeleteFunc(fits, func(o Offering) bool { return !bool(o.Default) })
	}
	if len(fits) != 1 {
		return spec, "", false, nil
	}
	return spec, fits[0].ID(), true, nil
}

// ProductSpecification is a product of the catalog, e.g.
// core.plan.vps.virtuozzo.u101. Its body is not documented (inferred).
type ProductSpecification struct {
	Code  string `json:"code"`
	Name  string `json:"name"`
	Links []Link `json:"links"`
}

// Flag is how the catalog writes booleans: the integer 0 or 1
// (api-reference §3a). true and false are read too.
type Flag bool

// UnmarshalJSON reads 0, 1, true or false.
func (f *Flag) UnmarshalJSON(b []byte) error {
	switch strings.TrimSpace(string(b)) {
	case "1", "true":
		*f = true
	case "0", "false", "null":
		*f = false
	default:
		return fmt.Errorf("hostway API: %s is not a 0/1 flag", b)
	}
	return nil
}

// Offering is a way to buy a product specification: currency, billing
// period and prices. Prices is a URL (a JSON string) unless the request
// asked for details=1, which inlines them.
type Offering struct {
	BillingPeriod int64           `json:"billingPeriod"`
	Currency      string          `json:"currency"`
	Default       Flag            `json:"default"`
	Prices        json.RawMessage `json:"prices"`
	Links         []Link          `json:"links"`
}

// ID is the offering's id, from its self link.
func (o *Offering) ID() string { return idFromURL(LinkHref(o.Links, "self")) }

// ServiceSpecification is a kind of service, e.g. core.vps.virtuozzo.ip.
// Attributes is a URL (a JSON string) in the documented shape.
type ServiceSpecification struct {
	Name          string          `json:"name"`
	Category      string          `json:"category"`
	Ranking       int64           `json:"ranking"`
	Attributes    json.RawMessage `json:"attributes"`
	BillingCycles []BillingCycle  `json:"billingCycles"`
	Links         []Link          `json:"links"`
}

// Code is the specification's code, from its self link.
func (s *ServiceSpecification) Code() string { return idFromURL(LinkHref(s.Links, "self")) }

// BillingCycle is a billing cycle (in months) a service specification offers.
type BillingCycle struct {
	Default      Flag  `json:"default"`
	BillingCycle int64 `json:"billingCycle"`
}
