package api

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// Account calls (HTTP Basic): the products of an account, their services,
// status changes and actions.

// ProductFilter narrows ListProducts. PartnerID is the marker this
// provider sets on every product it orders.
type ProductFilter struct {
	PartnerID   string
	DisplayName string
}

// ListProducts lists the products of an account.
func (c *Client) ListProducts(ctx context.Context, account string, f ProductFilter) ([]Product, error) {
	q := url.Values{}
	if f.PartnerID != "" {
		q.Set("filterPartnerId", f.PartnerID)
	}
	if f.DisplayName != "" {
		q.Set("filterDisplayName", f.DisplayName)
	}
	products, err := list[Product](ctx, c, accountProductsPath(account), q)
	for i := range products {
		products[i].resolve(account)
	}
	return products, err
}

// GetProduct reads one product of an account.
func (c *Client) GetProduct(ctx context.Context, account, product string) (*Product, error) {
	var p Product
	if _, err := c.do(ctx, http.MethodGet, accountProductPath(account, product), nil, nil, &p); err != nil {
		return nil, err
	}
	p.resolve(account)
	if p.ID == "" {
		p.ID = product
	}
	return &p, nil
}

// SetProductStatus asks for a product status: SetOpen, SetSuspended,
// SetClosed or SetPurged (204; 409 when the current status forbids it).
// Closing is asynchronous: the product passes through close_pending.
func (c *Client) SetProductStatus(ctx context.Context, account, product, status string) error {
	_, err := c.do(ctx, http.MethodPut, accountProductPath(account, product), nil, map[string]string{"status": status}, nil)
	return err
}

// ChangeProduct upgrades or downgrades a product to another product
// specification (one of TargetProductSpecifications).
func (c *Client) ChangeProduct(ctx context.Context, account, product, targetSpecURL string) error {
	return c.productAction(ctx, account, product, "change", map[string]string{"targetProductSpecification": targetSpecURL})
}

func (c *Client) productAction(ctx context.Context, account, product, action string, data map[string]string) error {
	body := map[string]any{"action": action}
	if data != nil {
		body["actionData"] = data
	}
	_, err := c.do(ctx, http.MethodPost, accountProductPath(account, product, "action"), nil, body, nil)
	return err
}

// TargetProductSpecifications lists what a product may change into: the
// product read with getTargetProductSpecifications=1 carries them in
// "changes" (api-reference §3a).
func (c *Client) TargetProductSpecifications(ctx context.Context, account, product string) ([]ProductChange, error) {
	var p Product
	if _, err := c.do(ctx, http.MethodGet, accountProductPath(account, product), url.Values{"getTargetProductSpecifications": {"1"}}, nil, &p); err != nil {
		return nil, err
	}
	return p.Changes, nil
}

// LookupProductByPartnerID returns the product tagged with partnerID, nil
// when there is none.
func (c *Client) LookupProductByPartnerID(ctx context.Context, account, partnerID string) (*Product, error) {
	products, err := c.ListProducts(ctx, account, ProductFilter{PartnerID: partnerID})
	if err != nil {
		return nil, err
	}
	var matches []Product
	for _, p := range products {
		// Filter again: a server that ignored the filter must not make us
		// adopt someone else's product.
		if p.PartnerID == partnerID {
			matches = append(matches, p)
		}
	}
	switch len(matches) {
	case 0:
		return nil, nil
	case 1:
		p := matches[0]
		if p.AccountNumber == "" {
			p.AccountNumber = account
		}
		return &p, nil
	}
	ids := make([]string, len(matches))
	for i, m := range matches {
		ids[i] = m.ID
	}
	return nil, fmt.Errorf("%d products of account %s carry partnerId %s (%s); cannot tell which one this resource ordered: import the right one with `terraform import`",
		len(matches), account, partnerID, strings.Join(ids, ", "))
}

// Product and service statuses of an account.
const (
	StatusNew          = "new"
	StatusPending      = "pending"
	StatusOpen         = "open"
	StatusSuspended    = "suspended"
	StatusClosePending = "close_pending"
	StatusClosed       = "closed"
	StatusPurgePending = "purge_pending"
)

// Status values PUT accepts.
const (
	SetOpen      = "open"
	SetSuspended = "suspended"
	SetClosed    = "closed"
	SetPurged    = "purged"
)

// Product is a product of an account, as api-reference §3a lists it. The
// body has no id field: the id is the last segment of the self link.
type Product struct {
	// ID and AccountNumber come from the URL, not from the body.
	ID            string `json:"-"`
	AccountNumber string `json:"-"`

	Name                 string `json:"name"`
	PartnerID            string `json:"partnerId"`
	DisplayName          string `json:"displayName"`
	Status               string `json:"status"`
	BillingCycle         int64  `json:"billingCycle"`
	ProductSpecification string `json:"productSpecification"`
	Links                []Link `json:"links"`
	// Changes is set only by TargetProductSpecifications.
	Changes []ProductChange `json:"changes"`
}

// ProductChange is a product specification a product may change into.
type ProductChange struct {
	Type string `json:"type"` // upgrade or downgrade
	ID   string `json:"id"`
	Href string `json:"href"`
}

// Code is the target's product specification code.
func (c ProductChange) Code() string {
	if c.ID != "" {
		return c.ID
	}
	return idFromURL(c.Href)
}

// SpecificationCode is the code of the product's specification.
func (p *Product) SpecificationCode() string { return idFromURL(p.ProductSpecification) }

// Closed reports whether the product is gone or going.
func (p *Product) Closed() bool { return isClosedStatus(p.Status) }

// resolve fills in what the URL tells: the id from the self link.
func (p *Product) resolve(account string) {
	p.ID = idFromURL(LinkHref(p.Links, "self"))
	if p.AccountNumber == "" {
		p.AccountNumber = account
	}
}
