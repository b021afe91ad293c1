package hostway

import (
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"strings"

	"github.com/google/uuid"
)

// The order builder: POST /orders, PUT .../account, POST .../products,
// POST .../services, POST .../action. Every call but the first needs the
// OwnerId cookie the first one set.

var hwCurrencyPattern = regexp.MustCompile(`^[A-Z]{3}$`)

func (h *Hostway) createOrder(c *hwCall) hwReply {
	if _, rep, ok := c.object(); !ok {
		return rep
	}
	owner := c.ownerID()
	if owner != "" {
		for _, o := range h.db.Orders {
			if o.OwnerID == owner && o.Status == HostwayOrderNew {
				return hwConflict("A new order has already been created for this ownerID")
			}
		}
	}
	newOwner := owner == ""
	if newOwner {
		owner = uuid.NewString()
	}
	o := &hwOrder{Seq: h.nextSeq(), ID: h.newID(), OwnerID: owner, Status: HostwayOrderNew, Created: c.now, Products: []*hwOrderProduct{}, Actions: []string{}}
	if c.user != nil {
		o.Creator = c.user.Username
	}
	h.db.Orders[o.ID] = o
	h.version++
	self := c.base + "/orders/" + o.ID
	rep := hwJSON(http.StatusCreated, map[string]any{
		"orderId": o.ID,
		"links":   []hwLink{{Href: c.base + "/orders/", Rel: "self"}, {Href: self, Rel: "item"}},
	})
	rep.header = http.Header{"Location": {self}}
	if newOwner {
		// Exactly what the seed shows Hostway sending: no Secure or HttpOnly.
		rep.header.Set("Set-Cookie", (&http.Cookie{Name: hostwayOwnerCookie, Value: owner, Path: "/"}).String()) //nolint:gosec // G124, see above
	}
	return rep
}

// orderFromPath returns the order the path names, if the request may see
// it: with the order's OwnerId cookie or, when basic is set, as the Basic
// user who created it or owns its account (inferred). A missing or wrong
// cookie is a 401 in plain text, as bad Basic credentials are
// (api-reference §3a).
func (h *Hostway) orderFromPath(c *hwCall, basic bool) (*hwOrder, hwReply, bool) {
	o := h.db.Orders[c.r.PathValue("order")]
	if o == nil {
		return nil, hwNotFound("Order %s was not found.", c.r.PathValue("order")), false
	}
	owner := c.ownerID()
	if owner != "" && owner == o.OwnerID {
		return o, hwReply{}, true
	}
	if basic && c.user != nil && (c.user.Username == o.Creator || h.ownsAccount(c.user, o.AccountNumber)) {
		return o, hwReply{}, true
	}
	if owner == "" {
		return nil, hwUnauthorized("401 Unauthorized: order " + o.ID + " needs the OwnerId cookie set when it was created"), false
	}
	return nil, hwUnauthorized("401 Unauthorized: the OwnerId cookie does not own order " + o.ID), false
}

// openOrderFromPath is orderFromPath for the builder calls, which need the
// cookie and an order that was not submitted yet.
func (h *Hostway) openOrderFromPath(c *hwCall) (*hwOrder, hwReply, bool) {
	o, rep, ok := h.orderFromPath(c, false)
	if !ok {
		return nil, rep, false
	}
	if o.Status != HostwayOrderNew {
		return nil, hwConflict("Order %s has been submitted and can no longer be changed.", o.ID), false
	}
	return o, hwReply{}, true
}

func (h *Hostway) ownsAccount(u *hwUser, number string) bool {
	a := h.db.Accounts[number]
	return u != nil && a != nil && a.Owner == u.Username
}

func (h *Hostway) getOrder(c *hwCall) hwReply {
	o, rep, ok := h.orderFromPath(c, true)
	if !ok {
		return rep
	}
	return hwJSON(http.StatusOK, map[string]any{
		"order": map[string]any{"Status": o.Status, "Account": o.AccountNumber},
		"links": map[string]hwLink{"self": {Href: c.base + "/orders/" + o.ID, Rel: "self"}},
	})
}

func (h *Hostway) deleteOrder(c *hwCall) hwReply {
	o, rep, ok := h.orderFromPath(c, true)
	if !ok {
		return rep
	}
	if o.Status != HostwayOrderNew {
		rep := hwError(http.StatusMethodNotAllowed, "badMethod", "Order %s has been submitted and cannot be deleted.", o.ID)
		rep.header = http.Header{"Allow": {"GET"}}
		return rep
	}
	delete(h.db.Orders, o.ID)
	h.version++
	return hwNoBody(http.StatusNoContent)
}

func (h *Hostway) setOrderAccount(c *hwCall) hwReply {
	o, rep, ok := h.openOrderFromPath(c)
	if !ok {
		return rep
	}
	fields, rep, ok := c.object()
	if !ok {
		return rep
	}
	number, hasNumber, err1 := stringField(fields, "accountNumber")
	currency, hasCurrency, err2 := stringField(fields, "currency")
	language, hasLanguage, err3 := stringField(fields, "language")
	for _, err := range []error{err1, err2, err3} {
		if err != nil {
			return hwBadRequest("%v", err)
		}
	}
	switch {
	case hasNumber && (hasCurrency || hasLanguage):
		return hwBadRequest("Give either accountNumber (an existing account) or currency and language (a new account), not both.")
	case hasNumber:
		// Ordering on an existing account needs its owner's credentials
		// (inferred: the OwnerId cookie alone names no one).
		if rep, ok := c.requireUser(); !ok {
			return rep
		}
		if h.db.Accounts[number] == nil {
			return hwNotFound("Account %s was not found.", number)
		}
		if !h.ownsAccount(c.user, number) {
			return hwForbidden("User %s may not order on account %s.", c.user.Username, number)
		}
		o.AccountNumber, o.NewAccount, o.Currency, o.Language = number, false, "", ""
	case hasCurrency && hasLanguage:
		if !hwCurrencyPattern.MatchString(currency) {
			return hwBadRequest("currency %q is not an ISO 4217 code such as USD.", currency)
		}
		if strings.TrimSpace(language) == "" {
			return hwBadRequest("language must not be empty.")
		}
		o.AccountNumber, o.NewAccount, o.Currency, o.Language = "", true, currency, language
	default:
		return hwBadRequest("Give accountNumber to use an existing account, or currency and language to create one.")
	}
	h.version++
	return hwNoBody(http.StatusNoContent)
}

func (h *Hostway) addOrderProduct(c *hwCall) hwReply {
	o, rep, ok := h.openOrderFromPath(c)
	if !ok {
		return rep
	}
	if o.AccountNumber == "" && !o.NewAccount {
		return hwBadRequest("Order %s has no account yet: PUT /orders/%s/account first.", o.ID, o.ID)
	}
	fields, rep, ok := c.object()
	if !ok {
		return rep
	}
	offering, has, err := stringField(fields, "offering")
	if err != nil || !has || offering == "" {
		return hwBadRequest("offering is required: the URL of a product specification offering.")
	}
	spec, off, msg := h.offeringByURL(offering)
	if msg != "" {
		return hwBadRequest("%s", msg)
	}
	display, _, err1 := stringField(fields, "displayName")
	partner, _, err2 := stringField(fields, "partnerId")
	for _, err := range []error{err1, err2} {
		if err != nil {
			return hwBadRequest("%v", err)
		}
	}
	if len(partner) > 100 {
		return hwBadRequest("partnerId must not be longer than 100 characters.")
	}
	p := &hwOrderProduct{ID: h.newID(), ProductSpec: spec.Code, OfferingID: off.ID, DisplayName: display, PartnerID: partner, Services: []*hwOrderService{}}
	o.Products = append(o.Products, p)
	h.version++
	return hwCreated(c.base + "/orders/" + o.ID + "/account/products/" + p.ID)
}

// offeringByURL finds the offering a URL names, or says what is wrong.
func (h *Hostway) offeringByURL(raw string) (*hwProductSpec, *hwOffering, string) {
	segs := h.apiPath(raw)
	if len(segs) != 4 || segs[0] != "productSpecifications" || segs[2] != "offerings" { // segs is nil for a URL that is not absolute
		return nil, nil, "offering " + raw + " is not a product specification offering URL (…/productSpecifications/{code}/offerings/{id})."
	}
	spec := h.db.ProductSpecs[segs[1]]
	if spec == nil {
		return nil, nil, "Product specification " + segs[1] + " was not found."
	}
	for _, off := range spec.Offerings {
		if off.ID == segs[3] {
			return spec, off, ""
		}
	}
	return nil, nil, "Product specification " + spec.Code + " has no offering " + segs[3] + "."
}

// orderProductFromPath returns the order and its product the path names.
func (h *Hostway) orderProductFromPath(c *hwCall) (*hwOrder, *hwOrderProduct, hwReply, bool) {
	o, rep, ok := h.openOrderFromPath(c)
	if !ok {
		return nil, nil, rep, false
	}
	for _, p := range o.Products {
		if p.ID == c.r.PathValue("product") {
			return o, p, hwReply{}, true
		}
	}
	return nil, nil, hwNotFound("Product %s was not found in order %s.", c.r.PathValue("product"), o.ID), false
}

// serviceInput is the body of a service in an order.
type serviceInput struct {
	Name          *string         `json:"name"`
	Specification *string         `json:"serviceSpecification"`
	BillingCycle  json.RawMessage `json:"billingCycle"`
	RelatedTo     []string        `json:"relatedTo"`
}

// billingCycle checks a billingCycle against the API's range and the
// cycles the specification offers.
func billingCycle(raw json.RawMessage, spec *hwServiceSpec) (int, string) {
	var n float64
	if len(raw) == 0 || json.Unmarshal(raw, &n) != nil || n != float64(int(n)) || n < 1 || n > 120 {
		return 0, "billingCycle must be a whole number of months from 1 to 120."
	}
	cycle := int(n)
	if spec != nil && !slices.Contains(spec.BillingCycles, cycle) {
		return 0, "billingCycle " + itoa(cycle) + " is not offered for service specification " + spec.Code + "; offered: " + joinInts(spec.BillingCycles) + "."
	}
	return cycle, ""
}

func (h *Hostway) addOrderService(c *hwCall) hwReply {
	o, p, rep, ok := h.orderProductFromPath(c)
	if !ok {
		return rep
	}
	var in serviceInput
	if err := json.Unmarshal(c.body, &in); err != nil {
		return hwBadRequest("The request body is not a valid service: %v", err)
	}
	if in.Name == nil || strings.TrimSpace(*in.Name) == "" {
		return hwBadRequest("name is required.")
	}
	if in.Specification == nil || *in.Specification == "" {
		return hwBadRequest("serviceSpecification is required: the URL of a service specification.")
	}
	spec, msg := h.serviceSpecByURL(*in.Specification)
	if msg != "" {
		return hwBadRequest("%s", msg)
	}
	if ps := h.db.ProductSpecs[p.ProductSpec]; ps == nil || !slices.Contains(ps.ServiceSpecs, spec.Code) {
		return hwBadRequest("Service specification %s is not available for product specification %s.", spec.Code, p.ProductSpec)
	}
	cycle, msg := billingCycle(in.BillingCycle, spec)
	if msg != "" {
		return hwBadRequest("%s", msg)
	}
	s := &hwOrderService{ID: h.newID(), Name: *in.Name, Spec: spec.Code, BillingCycle: cycle}
	if msg := h.relate(o, p, s, spec, in.RelatedTo); msg != "" {
		return hwBadRequest("%s", msg)
	}
	p.Services = append(p.Services, s)
	h.version++
	return hwCreated(c.base + "/orders/" + o.ID + "/account/products/" + p.ID + "/services/" + s.ID)
}

// serverOf returns the Virtuozzo Server service of an order product.
func (h *Hostway) serverOf(p *hwOrderProduct) *hwOrderService {
	for _, s := range p.Services {
		if spec := h.db.ServiceSpecs[s.Spec]; spec != nil && spec.Server {
			return s
		}
	}
	return nil
}

// relate applies the ordering rules: the server first and unrelated; every
// other service related to exactly one server service, either of this
// order's product or an open one of the order's existing account.
func (h *Hostway) relate(o *hwOrder, p *hwOrderProduct, s *hwOrderService, spec *hwServiceSpec, relatedTo []string) string {
	server := h.serverOf(p)
	if spec.Server {
		switch {
		case len(relatedTo) > 0:
			return "A Virtuozzo Server service cannot be related to another service."
		case server != nil:
			return "The product already has a Virtuozzo Server service."
		case len(p.Services) > 0:
			return "The product's services belong to an existing Virtuozzo Server service; order a new server in a product of its own."
		}
		return ""
	}
	if len(relatedTo) == 0 {
		if server == nil {
			return "Virtuozzo Server Windows/Linux service needs to be created first before any other VPS Virtuozzo services(IP, Memory, ControlPanel, Disk, Bandwidth, PowerPack) are added."
		}
		return "relatedTo must hold the URL of the Virtuozzo Server Windows/Linux service this service is added to."
	}
	if len(relatedTo) > 1 {
		return "relatedTo must hold exactly one Virtuozzo Server service URL."
	}
	segs := h.apiPath(relatedTo[0])
	switch {
	case len(segs) == 7 && segs[0] == "orders" && segs[2] == "account" && segs[3] == "products" && segs[5] == "services":
		if segs[1] != o.ID || segs[4] != p.ID || server == nil || server.ID != segs[6] {
			if server == nil {
				return "Virtuozzo Server Windows/Linux service needs to be created first before any other VPS Virtuozzo services(IP, Memory, ControlPanel, Disk, Bandwidth, PowerPack) are added."
			}
			return "relatedTo " + relatedTo[0] + " does not name the Virtuozzo Server service of this product."
		}
		s.RelatedOrderService = server.ID
		return ""
	case len(segs) == 6 && segs[0] == "accounts" && segs[2] == "products" && segs[4] == "services":
		if server != nil {
			return "relatedTo must name the Virtuozzo Server service of this product."
		}
		if o.NewAccount || segs[1] != o.AccountNumber {
			return "relatedTo " + relatedTo[0] + " is not a service of the order's account."
		}
		ap := h.db.Products[segs[3]]
		if ap == nil || ap.Account != segs[1] {
			return "relatedTo " + relatedTo[0] + ": product " + segs[3] + " was not found on account " + segs[1] + "."
		}
		as := ap.service(segs[5])
		if as == nil || !h.isServer(as.Spec) {
			return "relatedTo " + relatedTo[0] + " does not name a Virtuozzo Server service."
		}
		if as.Status != HostwayOpen {
			return "relatedTo " + relatedTo[0] + " names a service that is " + as.Status + "; it must be open."
		}
		for _, other := range p.Services {
			if other.RelatedAccountService != as.ID {
				return "All services of a product must belong to the same Virtuozzo Server service."
			}
		}
		s.RelatedAccountProduct, s.RelatedAccountService = ap.ID, as.ID
		return ""
	}
	return "relatedTo " + relatedTo[0] + " is not the URL of a Virtuozzo Server service."
}

func (h *Hostway) isServer(code string) bool {
	spec := h.db.ServiceSpecs[code]
	return spec != nil && spec.Server
}

// serviceSpecByURL finds the service specification a URL names.
func (h *Hostway) serviceSpecByURL(raw string) (*hwServiceSpec, string) {
	segs := h.apiPath(raw)
	if len(segs) != 2 || segs[0] != "serviceSpecifications" {
		return nil, "serviceSpecification " + raw + " is not a service specification URL (…/serviceSpecifications/{code})."
	}
	spec := h.db.ServiceSpecs[segs[1]]
	if spec == nil {
		return nil, "Service specification " + segs[1] + " was not found."
	}
	return spec, ""
}

func (h *Hostway) updateOrderService(c *hwCall) hwReply {
	_, p, rep, ok := h.orderProductFromPath(c)
	if !ok {
		return rep
	}
	var s *hwOrderService
	for _, x := range p.Services {
		if x.ID == c.r.PathValue("service") {
			s = x
		}
	}
	if s == nil {
		return hwNotFound("Service %s was not found in product %s.", c.r.PathValue("service"), p.ID)
	}
	var in serviceInput
	if err := json.Unmarshal(c.body, &in); err != nil {
		return hwBadRequest("The request body is not a valid service: %v", err)
	}
	// Only name and billingCycle can change, and both are required.
	if in.Name == nil || strings.TrimSpace(*in.Name) == "" {
		return hwBadRequest("name is required.")
	}
	cycle, msg := billingCycle(in.BillingCycle, h.db.ServiceSpecs[s.Spec])
	if msg != "" {
		return hwBadRequest("%s", msg)
	}
	s.Name, s.BillingCycle = *in.Name, cycle
	h.version++
	return hwNoBody(http.StatusNoContent)
}

func (h *Hostway) orderAction(c *hwCall) hwReply {
	o, rep, ok := h.orderFromPath(c, false)
	if !ok {
		return rep
	}
	fields, rep, ok := c.object()
	if !ok {
		return rep
	}
	action, _, _ := stringField(fields, "action")
	if action != "validate" && action != "submit" {
		return hwBadRequest("Unknown action %q: an order accepts validate and submit.", action)
	}
	o.Actions = append(o.Actions, action)
	h.version++
	if o.Status != HostwayOrderNew {
		return hwConflict("Order %s has already been submitted.", o.ID)
	}
	if msg := h.checkOrder(o); msg != "" {
		return hwBadRequest("%s", msg)
	}
	if action == "validate" {
		return hwNoBody(http.StatusNoContent)
	}
	h.submit(o, c)
	return hwNoBody(http.StatusAccepted)
}

// checkOrder says why an order cannot be submitted, or "".
func (h *Hostway) checkOrder(o *hwOrder) string {
	if o.AccountNumber == "" && !o.NewAccount {
		return "The order has no account."
	}
	if len(o.Products) == 0 {
		return "The order has no products."
	}
	for _, p := range o.Products {
		if len(p.Services) == 0 {
			return "Product " + p.ID + " has no services."
		}
		if s := p.Services[0]; s.RelatedAccountService != "" {
			ap := h.db.Products[s.RelatedAccountProduct]
			if ap == nil || ap.Status != HostwayOpen {
				return "The product that the services of product " + p.ID + " are added to is no longer open."
			}
		}
	}
	return ""
}

// submit turns the cart into account products: a product with a server
// becomes a new account product; a product whose services relate to an
// existing server adds them to that server's account product.
func (h *Hostway) submit(o *hwOrder, c *hwCall) {
	if o.NewAccount {
		n := h.newAccountNumber()
		h.db.Accounts[n] = &hwAccount{Number: n, Owner: o.Creator, Currency: o.Currency, Language: o.Language, Created: c.now}
		o.AccountNumber = n
	}
	for _, op := range o.Products {
		var ap *hwProduct
		ids := map[string]string{} // order service id → account service id
		if first := op.Services[0]; first.RelatedAccountProduct != "" {
			ap = h.db.Products[first.RelatedAccountProduct]
		} else {
			ap = &hwProduct{
				Seq: h.nextSeq(), ID: h.newID(), Account: o.AccountNumber, OrderID: o.ID,
				PartnerID: op.PartnerID, DisplayName: op.DisplayName, ProductSpec: op.ProductSpec,
				OfferingID: op.OfferingID, Status: HostwayNew, StatusSince: c.now, Created: c.now,
				Services: []*hwService{},
			}
			h.db.Products[ap.ID] = ap
		}
		for _, os := range op.Services {
			s := &hwService{
				ID: h.newID(), Name: os.Name, Spec: os.Spec, BillingCycle: os.BillingCycle,
				Status: HostwayNew, StatusSince: c.now, OrderID: o.ID,
			}
			switch {
			case os.RelatedOrderService != "":
				s.RelatedTo = ids[os.RelatedOrderService]
			case os.RelatedAccountService != "":
				s.RelatedTo = os.RelatedAccountService
			}
			ids[os.ID] = s.ID
			os.AccountServiceID = s.ID
			ap.Services = append(ap.Services, s)
		}
		op.AccountProductID = ap.ID
	}
	o.Status = HostwayOrderProcessing
	now := c.now
	o.Submitted = &now
	h.version++
}
