package hostway

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"sync"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
)

// Hostway OrderAPI (api-reference §3). An order is a shopping cart owned by
// the OwnerId cookie that POST /orders sets; account calls use HTTP Basic.
// Submitting turns the cart's products into account products that move
// new → pending → open on the mock's clock; closing moves them
// close_pending → closed.

// Order statuses, spelled as Hostway does (capital P after submit).
const (
	HostwayOrderNew        = "new"
	HostwayOrderProcessing = "Processing"
)

// Account product and service statuses.
const (
	HostwayNew          = "new"
	HostwayPending      = "pending"
	HostwayOpen         = "open"
	HostwaySuspended    = "suspended"
	HostwayClosePending = "close_pending"
	HostwayClosed       = "closed"
	HostwayPurgePending = "purge_pending"
)

// HostwayDelays says how long account products and services stay in each
// status that they leave by themselves. The zero value moves them on at once.
type HostwayDelays struct {
	// Pending is how long a submitted product or service stays new.
	Pending time.Duration `json:"pending,omitempty"`
	// Provisioning is how long it stays pending (also after a change).
	Provisioning time.Duration `json:"provisioning,omitempty"`
	// Closing is how long it stays close_pending (and purge_pending).
	Closing time.Duration `json:"closing,omitempty"`
}

// Hostway is the mocked Hostway OrderAPI: its data and its HTTP handlers.
// One mutex guards it; every request holds it for its whole (short) run.
type Hostway struct {
	clock  mockcloud.Clock
	delays HostwayDelays
	prefix string // where the API is mounted, e.g. "/hostway"

	mu      sync.Mutex
	version uint64
	db      hostwayDB
	// seenFinal reports answers that show a product open (poll lag).
	seenFinal mockcloud.FinalHook
}

// hostwayDB is everything the Hostway mock stores; it is also the saved state.
type hostwayDB struct {
	Seq          uint64                    `json:"seq"`
	Users        map[string]*hwUser        `json:"users"`    // by username (user@partner)
	Accounts     map[string]*hwAccount     `json:"accounts"` // by account number
	Orders       map[string]*hwOrder       `json:"orders"`
	Products     map[string]*hwProduct     `json:"products"` // account products, by id
	ProductSpecs map[string]*hwProductSpec `json:"product_specifications"`
	ServiceSpecs map[string]*hwServiceSpec `json:"service_specifications"`
}

type hwUser struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

type hwAccount struct {
	Number   string    `json:"number"`
	Owner    string    `json:"owner"` // username
	Currency string    `json:"currency"`
	Language string    `json:"language"`
	Created  time.Time `json:"created"`
}

type hwOrder struct {
	Seq     uint64 `json:"seq"`
	ID      string `json:"id"`
	OwnerID string `json:"owner_id"`
	Status  string `json:"status"`
	// Creator is the Basic user who sent POST /orders, if any: a new
	// account created by the order belongs to that user.
	Creator string `json:"creator,omitempty"`
	// AccountNumber is set by PUT .../account {"accountNumber"} or, for a
	// new account (Currency, Language), at submit.
	AccountNumber string            `json:"account_number,omitempty"`
	NewAccount    bool              `json:"new_account,omitempty"`
	Currency      string            `json:"currency,omitempty"`
	Language      string            `json:"language,omitempty"`
	Products      []*hwOrderProduct `json:"products"`
	// Actions lists the order actions received, in order ("validate", "submit").
	Actions   []string   `json:"actions"`
	Created   time.Time  `json:"created"`
	Submitted *time.Time `json:"submitted,omitempty"`
}

type hwOrderProduct struct {
	ID          string            `json:"id"`
	ProductSpec string            `json:"product_specification"`
	OfferingID  string            `json:"offering_id"`
	DisplayName string            `json:"display_name,omitempty"`
	PartnerID   string            `json:"partner_id,omitempty"`
	Services    []*hwOrderService `json:"services"`
	// AccountProductID is the account product the submit created or added to.
	AccountProductID string `json:"account_product_id,omitempty"`
}

type hwOrderService struct {
	ID           string `json:"id"`
	Name         string `json:"name"`
	Spec         string `json:"service_specification"`
	BillingCycle int    `json:"billing_cycle"`
	// RelatedTo is the server service the child belongs to: either a
	// service of this order (RelatedOrderService) or an existing account
	// service (RelatedAccountProduct + RelatedAccountService).
	RelatedOrderService   string `json:"related_order_service,omitempty"`
	RelatedAccountProduct string `json:"related_account_product,omitempty"`
	RelatedAccountService string `json:"related_account_service,omitempty"`
	AccountServiceID      string `json:"account_service_id,omitempty"`
}

type hwProduct struct {
	Seq         uint64       `json:"seq"`
	ID          string       `json:"id"`
	Account     string       `json:"account"`
	OrderID     string       `json:"order_id"`
	PartnerID   string       `json:"partner_id,omitempty"`
	DisplayName string       `json:"display_name,omitempty"`
	ProductSpec string       `json:"product_specification"`
	OfferingID  string       `json:"offering_id"`
	Status      string       `json:"status"`
	StatusSince time.Time    `json:"status_since"`
	Services    []*hwService `json:"services"`
	Created     time.Time    `json:"created"`
}

type hwService struct {
	ID           string    `json:"id"`
	Name         string    `json:"name"`
	Spec         string    `json:"service_specification"`
	BillingCycle int       `json:"billing_cycle"`
	RelatedTo    string    `json:"related_to,omitempty"` // id of the server service in the same product
	Status       string    `json:"status"`
	StatusSince  time.Time `json:"status_since"`
	OrderID      string    `json:"order_id"`
}

type hwProductSpec struct {
	Code      string        `json:"code"`
	Name      string        `json:"name"`
	Offerings []*hwOffering `json:"offerings"`
	// ServiceSpecs are the service specifications its products may hold.
	ServiceSpecs []string `json:"service_specifications"`
	// Targets are the product specifications a product may change to.
	Targets []string `json:"targets"`
}

type hwOffering struct {
	ID            string    `json:"id"`
	BillingPeriod int       `json:"billing_period"`
	Currency      string    `json:"currency"`
	Default       bool      `json:"default"`
	Prices        []hwPrice `json:"prices"`
}

type hwPrice struct {
	Type   string `json:"type"`
	Amount string `json:"amount"`
}

type hwServiceSpec struct {
	Code          string            `json:"code"`
	Name          string            `json:"name"`
	Category      string            `json:"category"`
	Ranking       int               `json:"ranking"`
	Attributes    map[string]string `json:"attributes"`
	BillingCycles []int             `json:"billing_cycles"`
	DefaultCycle  int               `json:"default_cycle"`
	// Server marks a Virtuozzo Server specification: the parent that
	// every other service of a product must be related to.
	Server bool `json:"server"`
	// Targets are the specifications a service may change to.
	Targets []string `json:"targets"`
}

func newHostway(clock mockcloud.Clock, delays HostwayDelays, prefix string) *Hostway {
	h := &Hostway{clock: clock, delays: delays, prefix: prefix}
	h.reset(emptyHostwayDB())
	return h
}

func emptyHostwayDB() hostwayDB {
	var db hostwayDB
	db.ensureMaps()
	return db
}

func (db *hostwayDB) ensureMaps() {
	ensureMap(&db.Users)
	ensureMap(&db.Accounts)
	ensureMap(&db.Orders)
	ensureMap(&db.Products)
	ensureMap(&db.ProductSpecs)
	ensureMap(&db.ServiceSpecs)
}

// reset replaces the whole store (h.mu held or h not yet shared).
func (h *Hostway) reset(db hostwayDB) {
	db.ensureMaps()
	h.db = db
	h.version++
}

func (h *Hostway) stateVersion() uint64 {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.version
}

func (h *Hostway) now() time.Time { return h.clock.Now().UTC().Truncate(time.Millisecond) }

func (h *Hostway) nextSeq() uint64 {
	h.db.Seq++
	return h.db.Seq
}

// newHostwayID returns an id in Hostway's shape: 40 hex characters, the
// first 16 growing with the creation counter as in the seed's ids.
func (h *Hostway) newID() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return fmt.Sprintf("%016x", h.nextSeq()) + hex.EncodeToString(b[:])
}

// newAccountNumber returns an unused account number like "acct123456".
func (h *Hostway) newAccountNumber() string {
	for {
		var b [3]byte
		_, _ = rand.Read(b[:])
		n := fmt.Sprintf("acct%06d", (int(b[0])<<16|int(b[1])<<8|int(b[2]))%1000000)
		if h.db.Accounts[n] == nil {
			return n
		}
	}
}

// tick applies the status changes that are due (h.mu held).
func (h *Hostway) tick(now time.Time) {
	for id, p := range h.db.Products {
		if h.advance(&p.Status, &p.StatusSince, now) {
			h.version++
		}
		if p.Status == "" { // purged
			delete(h.db.Products, id)
			h.version++
			continue
		}
		for _, s := range p.Services {
			if h.advance(&s.Status, &s.StatusSince, now) {
				h.version++
			}
		}
	}
}

// advance moves one status along as far as the clock allows; "" means the
// object was purged. It reports whether anything changed.
func (h *Hostway) advance(status *string, since *time.Time, now time.Time) bool {
	changed := false
	for {
		next, after := h.nextStatus(*status)
		if next == *status || now.Before(since.Add(after)) {
			return changed
		}
		*since = since.Add(after)
		*status = next
		changed = true
		if next == "" {
			return true
		}
	}
}

// nextStatus is where a status goes by itself, and after how long.
func (h *Hostway) nextStatus(status string) (string, time.Duration) {
	switch status {
	case HostwayNew:
		return HostwayPending, h.delays.Pending
	case HostwayPending:
		return HostwayOpen, h.delays.Provisioning
	case HostwayClosePending:
		return HostwayClosed, h.delays.Closing
	case HostwayPurgePending:
		return "", h.delays.Closing
	}
	return status, 0
}
