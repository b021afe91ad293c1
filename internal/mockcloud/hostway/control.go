package hostway

import (
	"cmp"
	"fmt"
	"slices"
	"time"
)

// Test controls and read-only snapshots of the Hostway store. Snapshots
// first apply the status changes that are due, so they show what a GET would.

// HostwayOrderSnapshot is a copy of an order (a cart), for assertions.
type HostwayOrderSnapshot struct {
	ID            string `json:"id"`
	OwnerID       string `json:"owner_id"`
	Status        string `json:"status"`
	AccountNumber string `json:"account_number"`
	// Actions are the order actions received, in order ("validate", "submit").
	Actions  []string                      `json:"actions"`
	Products []HostwayOrderProductSnapshot `json:"products"`
	Created  time.Time                     `json:"created"`
}

// HostwayOrderProductSnapshot is a product in an order.
type HostwayOrderProductSnapshot struct {
	ID                   string                        `json:"id"`
	ProductSpecification string                        `json:"product_specification"`
	Offering             string                        `json:"offering"`
	DisplayName          string                        `json:"display_name,omitempty"`
	PartnerID            string                        `json:"partner_id,omitempty"`
	AccountProductID     string                        `json:"account_product_id,omitempty"`
	Services             []HostwayOrderServiceSnapshot `json:"services"`
}

// HostwayOrderServiceSnapshot is a service in an order product.
type HostwayOrderServiceSnapshot struct {
	ID            string `json:"id"`
	Name          string `json:"name"`
	Specification string `json:"specification"`
	BillingCycle  int    `json:"billing_cycle"`
	// RelatedTo is the id of the server service: an order service id, or
	// an account service id for services added to an existing product.
	RelatedTo string `json:"related_to,omitempty"`
	// RelatedToAccount is set when RelatedTo names an account service.
	RelatedToAccount bool `json:"related_to_account,omitempty"`
}

// HostwayProductSnapshot is a copy of an account product, for assertions.
type HostwayProductSnapshot struct {
	ID                   string                   `json:"id"`
	AccountNumber        string                   `json:"account_number"`
	OrderID              string                   `json:"order_id"`
	PartnerID            string                   `json:"partner_id"`
	DisplayName          string                   `json:"display_name"`
	ProductSpecification string                   `json:"product_specification"`
	Offering             string                   `json:"offering"`
	Status               string                   `json:"status"`
	Services             []HostwayServiceSnapshot `json:"services"`
}

// HostwayServiceSnapshot is a service of an account product.
type HostwayServiceSnapshot struct {
	ID            string `json:"id"`
	Name          string `json:"name"`
	Specification string `json:"specification"`
	BillingCycle  int    `json:"billing_cycle"`
	RelatedTo     string `json:"related_to,omitempty"`
	Status        string `json:"status"`
	OrderID       string `json:"order_id"`
}

func hwOrderSnapshot(o *hwOrder) HostwayOrderSnapshot {
	s := HostwayOrderSnapshot{
		ID: o.ID, OwnerID: o.OwnerID, Status: o.Status, AccountNumber: o.AccountNumber,
		Actions: slices.Clone(o.Actions), Created: o.Created,
	}
	for _, p := range o.Products {
		ps := HostwayOrderProductSnapshot{
			ID: p.ID, ProductSpecification: p.ProductSpec, Offering: p.OfferingID,
			DisplayName: p.DisplayName, PartnerID: p.PartnerID, AccountProductID: p.AccountProductID,
		}
		for _, sv := range p.Services {
			ss := HostwayOrderServiceSnapshot{ID: sv.ID, Name: sv.Name, Specification: sv.Spec, BillingCycle: sv.BillingCycle, RelatedTo: sv.RelatedOrderService}
			if sv.RelatedAccountService != "" {
				ss.RelatedTo, ss.RelatedToAccount = sv.RelatedAccountService, true
			}
			ps.Services = append(ps.Services, ss)
		}
		s.Products = append(s.Products, ps)
	}
	return s
}

func hwProductSnapshot(p *hwProduct) HostwayProductSnapshot {
	s := HostwayProductSnapshot{
		ID: p.ID, AccountNumber: p.Account, OrderID: p.OrderID, PartnerID: p.PartnerID,
		DisplayName: p.DisplayName, ProductSpecification: p.ProductSpec, Offering: p.OfferingID, Status: p.Status,
	}
	for _, sv := range p.Services {
		s.Services = append(s.Services, HostwayServiceSnapshot{
			ID: sv.ID, Name: sv.Name, Specification: sv.Spec, BillingCycle: sv.BillingCycle,
			RelatedTo: sv.RelatedTo, Status: sv.Status, OrderID: sv.OrderID,
		})
	}
	return s
}

// locked runs f with the store locked and its statuses up to date.
func (h *Hostway) locked(f func()) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.tick(h.now())
	f()
}

// Orders returns every order (cart), oldest first.
func (h *Hostway) Orders() []HostwayOrderSnapshot {
	var out []HostwayOrderSnapshot
	h.locked(func() {
		orders := make([]*hwOrder, 0, len(h.db.Orders))
		for _, o := range h.db.Orders {
			orders = append(orders, o)
		}
		slices.SortFunc(orders, func(a, b *hwOrder) int { return cmp.Compare(a.Seq, b.Seq) })
		for _, o := range orders {
			out = append(out, hwOrderSnapshot(o))
		}
	})
	return out
}

// Order returns one order.
func (h *Hostway) Order(id string) (HostwayOrderSnapshot, bool) {
	var (
		out HostwayOrderSnapshot
		ok  bool
	)
	h.locked(func() {
		if o := h.db.Orders[id]; o != nil {
			out, ok = hwOrderSnapshot(o), true
		}
	})
	return out, ok
}

// Products returns the products of an account ("" for every account),
// oldest first.
func (h *Hostway) Products(account string) []HostwayProductSnapshot {
	var out []HostwayProductSnapshot
	h.locked(func() {
		ps := make([]*hwProduct, 0, len(h.db.Products))
		for _, p := range h.db.Products {
			if account == "" || p.Account == account {
				ps = append(ps, p)
			}
		}
		slices.SortFunc(ps, func(a, b *hwProduct) int { return cmp.Compare(a.Seq, b.Seq) })
		for _, p := range ps {
			out = append(out, hwProductSnapshot(p))
		}
	})
	return out
}

// Product returns one account product.
func (h *Hostway) Product(id string) (HostwayProductSnapshot, bool) {
	var (
		out HostwayProductSnapshot
		ok  bool
	)
	h.locked(func() {
		if p := h.db.Products[id]; p != nil {
			out, ok = hwProductSnapshot(p), true
		}
	})
	return out, ok
}

// DeleteProduct removes an account product out of band, as if an operator
// had purged it; later requests for it answer 404.
func (h *Hostway) DeleteProduct(id string) bool {
	found := false
	h.locked(func() {
		if h.db.Products[id] != nil {
			delete(h.db.Products, id)
			h.version++
			found = true
		}
	})
	return found
}

// SetProductStatus forces a product's status, e.g. to suspend it out of band.
func (h *Hostway) SetProductStatus(id, status string) error {
	var err error
	h.locked(func() {
		p := h.db.Products[id]
		if p == nil {
			err = fmt.Errorf("product %s not found", id)
			return
		}
		switch status {
		case HostwayNew, HostwayPending, HostwayOpen, HostwaySuspended, HostwayClosePending, HostwayClosed, HostwayPurgePending:
		default:
			err = fmt.Errorf("unknown product status %q", status)
			return
		}
		p.Status, p.StatusSince = status, h.now()
		h.version++
	})
	return err
}

// AddUser adds a user who can authenticate with HTTP Basic.
func (h *Hostway) AddUser(username, password string) {
	h.locked(func() {
		h.db.Users[username] = &hwUser{Username: username, Password: password}
		h.version++
	})
}

// AddAccount adds an account owned by a user.
func (h *Hostway) AddAccount(number, owner, currency, language string) {
	h.locked(func() {
		h.db.Accounts[number] = &hwAccount{Number: number, Owner: owner, Currency: currency, Language: language, Created: h.now()}
		h.version++
	})
}

// HostwayAccountSnapshot is a copy of an account.
type HostwayAccountSnapshot struct {
	Number   string `json:"number"`
	Owner    string `json:"owner"`
	Currency string `json:"currency"`
	Language string `json:"language"`
}

// Account returns one account.
func (h *Hostway) Account(number string) (HostwayAccountSnapshot, bool) {
	var (
		out HostwayAccountSnapshot
		ok  bool
	)
	h.locked(func() {
		if a := h.db.Accounts[number]; a != nil {
			out, ok = HostwayAccountSnapshot{Number: a.Number, Owner: a.Owner, Currency: a.Currency, Language: a.Language}, true
		}
	})
	return out, ok
}
