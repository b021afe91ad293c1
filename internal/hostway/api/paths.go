package api

import (
	"net/url"
	"strings"
)

// Paths, relative to the endpoint. Only these functions know them, so
// that a path the documentation did not fix can be corrected here.
const ordersPath = "orders"

func orderPath(id string, rest ...string) string {
	return joinPath(append([]string{ordersPath, id}, rest...)...)
}

func accountProductsPath(account string) string {
	return joinPath("accounts", account, "products")
}

func accountProductPath(account, product string, rest ...string) string {
	return joinPath(append([]string{"accounts", account, "products", product}, rest...)...)
}

func accountServicePath(account, product, service string, rest ...string) string {
	return joinPath(append([]string{"accounts", account, "products", product, "services", service}, rest...)...)
}

// Catalog paths are lower-case, as Hostway's own catalog hrefs are
// (api-reference §3a). The URLs sent in request bodies keep the seed's
// camel case (offeringURLPath, productSpecURLPath, serviceSpecURLPath):
// the API compares catalog URLs case-insensitively.
func productSpecPath(code string, rest ...string) string {
	return joinPath(append([]string{"productspecifications", code}, rest...)...)
}

func serviceSpecPath(code string) string { return joinPath("servicespecifications", code) }

func offeringURLPath(code, offering string) string {
	return joinPath("productSpecifications", code, "offerings", offering)
}

func productSpecURLPath(code string) string { return joinPath("productSpecifications", code) }

func serviceSpecURLPath(code string) string { return joinPath("serviceSpecifications", code) }

func joinPath(segs ...string) string {
	escaped := make([]string, len(segs))
	for i, s := range segs {
		escaped[i] = url.PathEscape(s)
	}
	return strings.Join(escaped, "/")
}

// url turns a relative path into the absolute URL the API expects in
// request bodies (offering, serviceSpecification, relatedTo).
func (c *Client) url(path string) string {
	ref, err := url.Parse(path)
	if err != nil {
		return c.base.String() + path
	}
	return c.base.ResolveReference(ref).String()
}

// OfferingURL is the URL of a product specification offering.
func (c *Client) OfferingURL(productSpec, offering string) string {
	return c.url(offeringURLPath(productSpec, offering))
}

// ProductSpecificationURL is the URL of a product specification.
func (c *Client) ProductSpecificationURL(code string) string {
	return c.url(productSpecURLPath(code))
}

// ServiceSpecificationURL is the URL of a service specification.
func (c *Client) ServiceSpecificationURL(code string) string {
	return c.url(serviceSpecURLPath(code))
}

// AccountServiceURL is the URL of a service of an account product, the
// form relatedTo takes when a child service is added to an existing server.
func (c *Client) AccountServiceURL(account, product, service string) string {
	return c.url(accountServicePath(account, product, service))
}
