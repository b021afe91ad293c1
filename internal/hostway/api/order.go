package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/apiclient"
)

// OwnerCookie is the cookie that owns an order. The first POST /orders
// sets it; every later call of that order must send it.
const OwnerCookie = "OwnerId"

// OrderSession builds one order. It has a cookie jar of its own: the
// OwnerId cookie set by POST /orders goes with every later call of this
// order and with no other order. One OwnerId can hold only one open order
// (a second POST /orders with it answers 409), so each Terraform create
// starts a fresh session, and POST /orders is never sent with a cookie.
type OrderSession struct {
	c   *Client
	jar *cookiejar.Jar
	// Order is the order once Create succeeded (or Resume named it).
	Order Ref
}

// NewOrderSession starts a session with an empty cookie jar.
func (c *Client) NewOrderSession() *OrderSession {
	jar, _ := cookiejar.New(nil) // never fails without options
	return &OrderSession{c: c, jar: jar}
}

// ResumeOrderSession continues an order built earlier, e.g. in another
// Terraform run, with the OwnerId that was saved then.
func (c *Client) ResumeOrderSession(orderID, ownerID string) *OrderSession {
	s := c.NewOrderSession()
	s.Order = Ref{ID: orderID, URL: c.url(orderPath(orderID))}
	if ownerID != "" {
		// A client-side jar entry: Secure, HttpOnly and SameSite are the
		// server's to set and mean nothing here.
		s.jar.SetCookies(c.base, []*http.Cookie{{Name: OwnerCookie, Value: ownerID, Path: "/"}}) //nolint:gosec // G124, see above
	}
	return s
}

// OwnerID is the OwnerId cookie the API set, "" before Create.
func (s *OrderSession) OwnerID() string {
	for _, ck := range s.jar.Cookies(s.c.base) {
		if ck.Name == OwnerCookie {
			return ck.Value
		}
	}
	return ""
}

// do sends a request with the session's cookies and stores the cookies
// the answer sets, even on errors (a 409 may still set one).
func (s *OrderSession) do(ctx context.Context, req apiclient.Request, out any) (*apiclient.Response, error) {
	ref, err := url.Parse(req.Path)
	if err != nil {
		return nil, fmt.Errorf("hostway API: invalid path %q: %w", req.Path, err)
	}
	u := s.c.base.ResolveReference(ref)
	if cookies := s.jar.Cookies(u); len(cookies) > 0 {
		parts := make([]string, len(cookies))
		for i, ck := range cookies {
			parts[i] = ck.Name + "=" + ck.Value
		}
		req.Header = http.Header{"Cookie": {strings.Join(parts, "; ")}}
	}
	resp, err := s.c.api.Do(ctx, req, out)
	if resp != nil {
		if set := (&http.Response{Header: resp.Header}).Cookies(); len(set) > 0 {
			s.jar.SetCookies(u, set)
		}
	}
	return resp, err
}

func (s *OrderSession) path(rest ...string) string { return orderPath(s.Order.ID, rest...) }

// Create sends POST /orders. The request carries no cookie (the jar is
// empty), so the API sets a fresh OwnerId. If the answer is lost, the
// cart it may have created is empty and owned by a cookie we never saw:
// it can hold nothing, so the request is safely sent again.
func (s *OrderSession) Create(ctx context.Context) (Ref, error) {
	if s.Order.ID != "" {
		return Ref{}, fmt.Errorf("hostway: this order session already has order %s", s.Order.ID)
	}
	resp, err := s.do(ctx, apiclient.Request{Method: http.MethodPost, Path: ordersPath, Body: struct{}{}, RetryNonIdempotent: true}, nil)
	if err != nil {
		return Ref{}, err
	}
	ref, err := s.c.locationRef(resp, "order")
	if err != nil {
		return Ref{}, err
	}
	if s.OwnerID() == "" {
		return Ref{}, fmt.Errorf("hostway API: POST /orders for order %s set no %s cookie, without which the order cannot be built", ref.ID, OwnerCookie)
	}
	s.Order = ref
	return ref, nil
}

// SetAccount attaches an existing account or asks for a new one.
func (s *OrderSession) SetAccount(ctx context.Context, a AccountSettings) error {
	body := map[string]string{}
	if a.AccountNumber != "" {
		body["accountNumber"] = a.AccountNumber
	} else {
		body["currency"], body["language"] = a.Currency, a.Language
	}
	_, err := s.do(ctx, apiclient.Request{Method: http.MethodPut, Path: s.path("account"), Body: body}, nil)
	return err
}

// AddProduct adds a product (an offering) to the order. It is not retried
// after a lost answer: the caller deletes the whole cart instead.
func (s *OrderSession) AddProduct(ctx context.Context, p ProductRequest) (Ref, error) {
	resp, err := s.do(ctx, apiclient.Request{Method: http.MethodPost, Path: s.path("account", "products"), Body: p}, nil)
	if err != nil {
		return Ref{}, err
	}
	return s.c.locationRef(resp, "order product")
}

// AddService adds a service to an order product.
func (s *OrderSession) AddService(ctx context.Context, productID string, r ServiceRequest) (Ref, error) {
	resp, err := s.do(ctx, apiclient.Request{Method: http.MethodPost, Path: s.path("account", "products", productID, "services"), Body: r}, nil)
	if err != nil {
		return Ref{}, err
	}
	return s.c.locationRef(resp, "order service")
}

// Validate asks the API whether the order could be submitted (204): the
// seed's optional check. It changes nothing, so it may be retried, where
// the submit after it may not be re-sent blindly.
func (s *OrderSession) Validate(ctx context.Context) error {
	_, err := s.do(ctx, apiclient.Request{
		Method: http.MethodPost, Path: s.path("action"),
		Body: map[string]string{"action": "validate"}, RetryNonIdempotent: true,
	}, nil)
	return err
}

// Submit places the order (202). It is not retried blindly; see
// SubmitChecked.
func (s *OrderSession) Submit(ctx context.Context) error {
	_, err := s.do(ctx, apiclient.Request{Method: http.MethodPost, Path: s.path("action"), Body: map[string]string{"action": "submit"}}, nil)
	return err
}

// SubmitChecked submits the order. When the answer is lost, it asks the
// order's status instead of guessing: a submitted order is a success, an
// order still new was not submitted and is submitted once more.
func (s *OrderSession) SubmitChecked(ctx context.Context) error {
	err := s.Submit(ctx)
	if err == nil || !apiclient.MayHaveBeenProcessed(err) {
		return err
	}
	o, getErr := s.Get(ctx)
	if getErr != nil {
		return fmt.Errorf("%w; reading the order to see whether it was submitted also failed: %w", err, getErr)
	}
	if o.IsSubmitted() {
		return nil
	}
	return s.Submit(ctx)
}

// Get reads the order (cookie and Basic).
func (s *OrderSession) Get(ctx context.Context) (*Order, error) {
	var env orderEnvelope
	if _, err := s.do(ctx, apiclient.Request{Method: http.MethodGet, Path: s.path()}, &env); err != nil {
		return nil, err
	}
	return orderFromEnvelope(s.Order.ID, s.c.url(s.path()), env), nil
}

// Delete deletes the order, which the API allows only while it is new.
func (s *OrderSession) Delete(ctx context.Context) error {
	_, err := s.do(ctx, apiclient.Request{Method: http.MethodDelete, Path: s.path()}, nil)
	return err
}

// GetOrder reads an order with Basic credentials alone, as a data source
// does long after the cart's cookie is gone. id may be the order's URL.
func (c *Client) GetOrder(ctx context.Context, id string) (*Order, error) {
	if strings.Contains(id, "/") {
		id = idFromURL(id)
	}
	var env orderEnvelope
	if _, err := c.do(ctx, http.MethodGet, orderPath(id), nil, nil, &env); err != nil {
		return nil, err
	}
	return orderFromEnvelope(id, c.url(orderPath(id)), env), nil
}

func orderFromEnvelope(id, fallbackURL string, env orderEnvelope) *Order {
	o := &Order{ID: id, URL: fallbackURL, Status: env.Order.Status}
	if len(env.Order.Account) > 0 && string(env.Order.Account) != "null" {
		o.Account = accountNumberOf(env.Order.Account)
	}
	if self, ok := env.Links["self"]; ok && self.Href != "" {
		o.URL = self.Href
	}
	return o
}

// Ref names an object created through the order builder: the URL from the
// Location header (kept as the API gave it, for relatedTo) and its id, the
// URL's last segment.
type Ref struct {
	ID  string
	URL string
}

// Order statuses. Only these two are documented (api-reference §3); others
// are treated as still processing.
const (
	OrderStatusNew        = "new"
	OrderStatusProcessing = "processing"
)

// Order is GET /orders/{id}: {"order": {"Status", "Account"}, "links": ...}
// with Hostway's capitalised keys.
type Order struct {
	ID     string
	URL    string
	Status string
	// Account is the account number; empty until an account is attached
	// (for a new account: until the order is submitted).
	Account string
}

// IsNew reports whether the order is still a cart that can be changed
// and deleted. Hostway spells statuses inconsistently, so case is ignored.
func (o *Order) IsNew() bool { return strings.EqualFold(o.Status, OrderStatusNew) }

// IsSubmitted reports whether the order left the cart stage.
func (o *Order) IsSubmitted() bool { return o.Status != "" && !o.IsNew() }

type orderEnvelope struct {
	Order struct {
		Status  string          `json:"Status"`
		Account json.RawMessage `json:"Account"`
	} `json:"order"`
	Links map[string]Link `json:"links"`
}

// accountNumberOf reads the order's Account, whose key is documented but
// not its type: a string (number or URL) or an object with a number or a
// link is read.
func accountNumberOf(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		if strings.Contains(s, "/") {
			return idFromURL(s)
		}
		return s
	}
	var obj struct {
		AccountNumber string `json:"accountNumber"`
		Number        string `json:"number"`
		ID            string `json:"id"`
		Links         []Link `json:"links"`
	}
	if json.Unmarshal(raw, &obj) != nil {
		return ""
	}
	for _, v := range []string{obj.AccountNumber, obj.Number, obj.ID} {
		if v != "" {
			return v
		}
	}
	if self := LinkHref(obj.Links, "self"); self != "" {
		return idFromURL(self)
	}
	return ""
}

// ProductRequest adds a product to an order.
type ProductRequest struct {
	Offering    string `json:"offering"`
	DisplayName string `json:"displayName,omitempty"`
	PartnerID   string `json:"partnerId,omitempty"`
}

// ServiceRequest adds a service to an order product. RelatedTo holds the
// server service's URL for child services.
type ServiceRequest struct {
	Name                 string   `json:"name"`
	ServiceSpecification string   `json:"serviceSpecification"`
	BillingCycle         int64    `json:"billingCycle"`
	RelatedTo            []string `json:"relatedTo,omitempty"`
}
