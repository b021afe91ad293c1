package hostway

import (
	"context"
	"net/http"
)

// The product catalog: product specifications, their offerings, and the
// service specifications their products may hold.

// GetProductSpecification reads a product specification by code.
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

// ListOfferings lists the offerings of a product specification.
func (c *Client) ListOfferings(ctx context.Context, productSpec string) ([]Offering, error) {
	return list[Offering](ctx, c, productSpecPath(productSpec, "offerings"), nil)
}

// GetOffering reads one offering of a product specification.
func (c *Client) GetOffering(ctx context.Context, productSpec, offering string) (*Offering, error) {
	var o Offering
	if _, err := c.do(ctx, http.MethodGet, productSpecPath(productSpec, "offerings", offering), nil, nil, &o); err != nil {
		return nil, err
	}
	return &o, nil
}

// ListServiceSpecifications lists the service specifications that products
// of a product specification may hold. The path is inferred (the API
// documentation shows only single service specifications).
func (c *Client) ListServiceSpecifications(ctx context.Context, productSpec string) ([]ServiceSpecification, error) {
	return list[ServiceSpecification](ctx, c, productSpecPath(productSpec, "serviceSpecifications"), nil)
}

// GetServiceSpecification reads a service specification by code.
func (c *Client) GetServiceSpecification(ctx context.Context, code string) (*ServiceSpecification, error) {
	var s ServiceSpecification
	if _, err := c.do(ctx, http.MethodGet, serviceSpecPath(code), nil, nil, &s); err != nil {
		return nil, err
	}
	return &s, nil
}
