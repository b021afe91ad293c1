package hostway

import (
	"encoding/json"
	"strings"
)

// Objects of the Hostway OrderAPI as they travel on the wire.

// Link is one entry of a links array.
type Link struct {
	Href string `json:"href"`
	Rel  string `json:"rel"`
}

// linkHref returns the href of the first link with rel, or "".
func linkHref(links []Link, rel string) string {
	for _, l := range links {
		if strings.EqualFold(l.Rel, rel) {
			return l.Href
		}
	}
	return ""
}

// Ref names an object created through the order builder: the URL from the
// Location header (kept as the API gave it, for relatedTo) and its id, the
// URL's last segment.
type Ref struct {
	ID  string
	URL string
}

// Order statuses. Only these two are documented; others are treated as
// still processing.
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

// accountNumberOf reads the order's Account, which is documented only by
// name: a string (number or URL) or an object with a number or a link.
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
	if self := linkHref(obj.Links, "self"); self != "" {
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

// Product is a product of an account.
type Product struct {
	ID                   string `json:"id"`
	AccountNumber        string `json:"accountNumber"`
	PartnerID            string `json:"partnerId"`
	DisplayName          string `json:"displayName"`
	Status               string `json:"status"`
	ProductSpecification string `json:"productSpecification"`
	Offering             string `json:"offering"`
	OrderID              string `json:"orderId"`
	Links                []Link `json:"links"`
}

// Service is a service of an account product.
type Service struct {
	ID                   string   `json:"id"`
	Name                 string   `json:"name"`
	Status               string   `json:"status"`
	ServiceSpecification string   `json:"serviceSpecification"`
	BillingCycle         int64    `json:"billingCycle"`
	RelatedTo            []string `json:"relatedTo"`
	Links                []Link   `json:"links"`
}

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

// ProductSpecification is a product of the catalog, e.g.
// core.plan.vps.virtuozzo.u101.
type ProductSpecification struct {
	Code  string `json:"code"`
	Name  string `json:"name"`
	Links []Link `json:"links"`
}

// CodeOrSelf is the code, read from the self link when the API omits it.
func (p *ProductSpecification) CodeOrSelf() string {
	if p.Code != "" {
		return p.Code
	}
	return idFromURL(linkHref(p.Links, "self"))
}

// Offering is a way to buy a product specification: currency, billing
// period and prices.
type Offering struct {
	BillingPeriod int64           `json:"billingPeriod"`
	Currency      string          `json:"currency"`
	Default       bool            `json:"default"`
	Prices        json.RawMessage `json:"prices"`
	Links         []Link          `json:"links"`
}

// ID is the offering's id, from its self link.
func (o *Offering) ID() string { return idFromURL(linkHref(o.Links, "self")) }

// ServiceSpecification is a kind of service, e.g. core.vps.virtuozzo.ip.
type ServiceSpecification struct {
	Name          string          `json:"name"`
	Category      string          `json:"category"`
	Ranking       int64           `json:"ranking"`
	Attributes    json.RawMessage `json:"attributes"`
	BillingCycles []BillingCycle  `json:"billingCycles"`
	Links         []Link          `json:"links"`
}

// Code is the specification's code, from its self link.
func (s *ServiceSpecification) Code() string { return idFromURL(linkHref(s.Links, "self")) }

// BillingCycle is a billing cycle (in months) a service specification offers.
type BillingCycle struct {
	Default      bool  `json:"default"`
	BillingCycle int64 `json:"billingCycle"`
}
