package hostway

import (
	"encoding/json"
	"fmt"
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

// resolve fills in what the URL tells: the id from the self link.
func (p *Product) resolve(account string) {
	p.ID = idFromURL(linkHref(p.Links, "self"))
	if p.AccountNumber == "" {
		p.AccountNumber = account
	}
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

func (s *Service) resolve() { s.ID = idFromURL(linkHref(s.Links, "self")) }

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
func (o *Offering) ID() string { return idFromURL(linkHref(o.Links, "self")) }

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
func (s *ServiceSpecification) Code() string { return idFromURL(linkHref(s.Links, "self")) }

// BillingCycle is a billing cycle (in months) a service specification offers.
type BillingCycle struct {
	Default      Flag  `json:"default"`
	BillingCycle int64 `json:"billingCycle"`
}
