package hostway

import (
	"context"
	"net/http"
	"net/url"
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

// ListServices lists the services of an account product, closed ones too.
func (c *Client) ListServices(ctx context.Context, account, product string) ([]Service, error) {
	services, err := list[Service](ctx, c, accountProductPath(account, product, "services"), nil)
	for i := range services {
		services[i].resolve()
	}
	return services, err
}

// GetService reads one service of an account product.
func (c *Client) GetService(ctx context.Context, account, product, service string) (*Service, error) {
	var s Service
	if _, err := c.do(ctx, http.MethodGet, accountServicePath(account, product, service), nil, nil, &s); err != nil {
		return nil, err
	}
	s.resolve()
	if s.ID == "" {
		s.ID = service
	}
	return &s, nil
}

// SetServiceStatus asks for a service status, e.g. SetClosed to remove a
// child service.
func (c *Client) SetServiceStatus(ctx context.Context, account, product, service, status string) error {
	_, err := c.do(ctx, http.MethodPut, accountServicePath(account, product, service), nil, map[string]string{"status": status}, nil)
	return err
}

// ChangeService moves a service to another service specification (one of
// TargetServiceSpecifications), e.g. a bigger Virtuozzo Server.
func (c *Client) ChangeService(ctx context.Context, account, product, service, targetSpecURL string) error {
	body := map[string]any{"action": "change", "actionData": map[string]string{"targetServiceSpecification": targetSpecURL}}
	_, err := c.do(ctx, http.MethodPost, accountServicePath(account, product, service, "action"), nil, body, nil)
	return err
}

// TargetServiceSpecifications lists what a service may change into, from
// the "changes" of the service read with getTargetServiceSpecifications=1.
func (c *Client) TargetServiceSpecifications(ctx context.Context, account, product, service string) ([]ServiceChange, error) {
	var s Service
	if _, err := c.do(ctx, http.MethodGet, accountServicePath(account, product, service), url.Values{"getTargetServiceSpecifications": {"1"}}, nil, &s); err != nil {
		return nil, err
	}
	return s.Changes, nil
}
