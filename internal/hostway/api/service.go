package api

import (
	"context"
	"net/http"
	"net/url"
	"strings"
)

// Services of an account product: reads, status changes and changes of
// specification.

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

// Service is a service of an account product (api-reference §3a). As for
// products, the id is the last segment of the self link.
type Service struct {
	ID                   string `json:"-"`
	Name                 string `json:"name"`
	Status               string `json:"status"`
	ServiceSpecification string `json:"serviceSpecification"`
	BillingCycle         int64  `json:"billingCycle"`
	Links                []Link `json:"links"`
	// Changes is set only by TargetServiceSpecifications.
	Changes []ServiceChange `json:"changes"`
}

// ServiceChange is a service specification a service may change into.
type ServiceChange struct {
	Href         string `json:"href"`
	Type         string `json:"type"` // upgrade or downgrade
	Name         string `json:"name"`
	BillingCycle int64  `json:"billingCycle"`
}

// Code is the target's service specification code.
func (c ServiceChange) Code() string { return idFromURL(c.Href) }

func (s *Service) resolve() { s.ID = idFromURL(LinkHref(s.Links, "self")) }

// SpecificationCode is the code of the service's specification.
func (s *Service) SpecificationCode() string { return idFromURL(s.ServiceSpecification) }

// Closed reports whether the service is gone or going.
func (s *Service) Closed() bool { return isClosedStatus(s.Status) }

func isClosedStatus(status string) bool {
	switch strings.ToLower(status) {
	case StatusClosePending, StatusClosed, StatusPurgePending:
		return true
	}
	return false
}
