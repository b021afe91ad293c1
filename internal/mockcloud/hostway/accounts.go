package hostway

import (
	"cmp"
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// Account calls (HTTP Basic): the products an account holds after submit,
// their services, status changes (close) and the change action.

func (p *hwProduct) service(id string) *hwService {
	for _, s := range p.Services {
		if s.ID == id {
			return s
		}
	}
	return nil
}

// accountFromPath checks Basic credentials and that the user owns the
// account the path names.
func (h *Hostway) accountFromPath(c *hwCall) (*hwAccount, hwReply, bool) {
	if rep, ok := c.requireUser(); !ok {
		return nil, rep, false
	}
	a := h.db.Accounts[c.r.PathValue("account")]
	if a == nil {
		return nil, hwNotFound("Account %s was not found.", c.r.PathValue("account")), false
	}
	if a.Owner != c.user.Username {
		return nil, hwForbidden("User %s may not access account %s.", c.user.Username, a.Number), false
	}
	return a, hwReply{}, true
}

func (h *Hostway) productFromPath(c *hwCall) (*hwProduct, hwReply, bool) {
	a, rep, ok := h.accountFromPath(c)
	if !ok {
		return nil, rep, false
	}
	p := h.db.Products[c.r.PathValue("product")]
	if p == nil || p.Account != a.Number {
		return nil, hwNotFound("Product %s was not found on account %s.", c.r.PathValue("product"), a.Number), false
	}
	return p, hwReply{}, true
}

func (h *Hostway) serviceFromPath(c *hwCall) (*hwProduct, *hwService, hwReply, bool) {
	p, rep, ok := h.productFromPath(c)
	if !ok {
		return nil, nil, rep, false
	}
	s := p.service(c.r.PathValue("service"))
	if s == nil {
		return nil, nil, hwNotFound("Service %s was not found in product %s.", c.r.PathValue("service"), p.ID), false
	}
	return p, s, hwReply{}, true
}

func (c *hwCall) productURL(p *hwProduct) string {
	return c.base + "/accounts/" + p.Account + "/products/" + p.ID
}

// Catalog hrefs are lower-case in Hostway's answers (api-reference §3a).
func (c *hwCall) productSpecURL(code string) string {
	return c.base + "/productspecifications/" + code
}

func (c *hwCall) serviceSpecURL(code string) string {
	return c.base + "/servicespecifications/" + code
}

// renderProduct is an account product as api-reference §3a lists it: no
// id field (the id is the last segment of the self link, which ends in
// "/" as Hostway's hrefs often do), no offering, account or order.
func (h *Hostway) renderProduct(c *hwCall, p *hwProduct) map[string]any {
	if p.Status == HostwayOpen {
		h.seenFinal.Seen("hostway product", p.ID, p.StatusSince)
	}
	name, cycle := "", 0
	if spec := h.db.ProductSpecs[p.ProductSpec]; spec != nil {
		name = spec.Name
		for _, o := range spec.Offerings {
			if o.ID == p.OfferingID {
				cycle = o.BillingPeriod
			}
		}
	}
	return map[string]any{
		"status":               p.Status,
		"name":                 name,
		"displayName":          p.DisplayName,
		"partnerId":            p.PartnerID,
		"billingCycle":         cycle,
		"productSpecification": c.productSpecURL(p.ProductSpec),
		"links":                []hwLink{{Href: c.productURL(p) + "/", Rel: "self"}},
	}
}

// renderService is a service of an account product (api-reference §3a):
// no id field and no relation; the id is the last segment of the self link.
func (c *hwCall) renderService(p *hwProduct, s *hwService) map[string]any {
	return map[string]any{
		"status":               s.Status,
		"name":                 s.Name,
		"billingCycle":         s.BillingCycle,
		"serviceSpecification": c.serviceSpecURL(s.Spec),
		"links":                []hwLink{{Href: c.productURL(p) + "/services/" + s.ID + "/", Rel: "self"}},
	}
}

func (h *Hostway) listProducts(c *hwCall) hwReply {
	a, rep, ok := h.accountFromPath(c)
	if !ok {
		return rep
	}
	q := c.r.URL.Query()
	var ps []*hwProduct
	for _, p := range h.db.Products {
		if p.Account != a.Number {
			continue
		}
		if v := q.Get("filterPartnerId"); v != "" && p.PartnerID != v {
			continue
		}
		if v := q.Get("filterDisplayName"); v != "" && p.DisplayName != v {
			continue
		}
		ps = append(ps, p)
	}
	slices.SortFunc(ps, func(a, b *hwProduct) int { return cmp.Compare(a.Seq, b.Seq) })
	out := make([]map[string]any, len(ps))
	for i, p := range ps {
		out[i] = h.renderProduct(c, p)
	}
	return hwList(c, out)
}

// truthy reads flags such as getTargetProductSpecifications=1.
func truthy(v string) bool { return v == "1" }

func (h *Hostway) getProduct(c *hwCall) hwReply {
	p, rep, ok := h.productFromPath(c)
	if !ok {
		return rep
	}
	body := h.renderProduct(c, p)
	if truthy(c.r.URL.Query().Get("getTargetProductSpecifications")) {
		// The product plus its possible changes, not a list (§3a).
		changes := []map[string]any{}
		if spec := h.db.ProductSpecs[p.ProductSpec]; spec != nil {
			for _, code := range spec.Targets {
				if h.db.ProductSpecs[code] != nil {
					changes = append(changes, map[string]any{"type": changeType(code > p.ProductSpec), "id": code, "href": c.productSpecURL(code)})
				}
			}
		}
		body["changes"] = changes
	}
	return hwJSON(http.StatusOK, body)
}

// changeType names a change: the mock's catalog grows with codes and
// rankings, so a larger one is an upgrade.
func changeType(up bool) string {
	if up {
		return "upgrade"
	}
	return "downgrade"
}

func (h *Hostway) listServices(c *hwCall) hwReply {
	p, rep, ok := h.productFromPath(c)
	if !ok {
		return rep
	}
	out := make([]map[string]any, len(p.Services))
	for i, s := range p.Services {
		out[i] = c.renderService(p, s)
	}
	return hwList(c, out)
}

func (h *Hostway) getService(c *hwCall) hwReply {
	p, s, rep, ok := h.serviceFromPath(c)
	if !ok {
		return rep
	}
	body := c.renderService(p, s)
	if truthy(c.r.URL.Query().Get("getTargetServiceSpecifications")) {
		changes := []map[string]any{}
		current := h.db.ServiceSpecs[s.Spec]
		for _, code := range h.serviceTargets(p, s) {
			t := h.db.ServiceSpecs[code]
			changes = append(changes, map[string]any{
				"href": c.serviceSpecURL(code), "type": changeType(current == nil || t.Ranking > current.Ranking),
				"name": t.Name, "billingCycle": s.BillingCycle,
			})
		}
		body["changes"] = changes
	}
	return hwJSON(http.StatusOK, body)
}

// serviceTargets are the specifications a service may change to: its
// specification's targets that the product's specification offers.
func (h *Hostway) serviceTargets(p *hwProduct, s *hwService) []string {
	spec, ps := h.db.ServiceSpecs[s.Spec], h.db.ProductSpecs[p.ProductSpec]
	if spec == nil || ps == nil {
		return nil
	}
	var out []string
	for _, t := range spec.Targets {
		if h.db.ServiceSpecs[t] != nil && slices.Contains(ps.ServiceSpecs, t) {
			out = append(out, t)
		}
	}
	return out
}

// statusInput reads {"status": ...}.
func (c *hwCall) statusInput() (string, hwReply, bool) {
	fields, rep, ok := c.object()
	if !ok {
		return "", rep, false
	}
	status, _, err := stringField(fields, "status")
	if err != nil || status == "" {
		return "", hwBadRequest("status is required: open, suspended, closed or purged."), false
	}
	switch status {
	case HostwayOpen, HostwaySuspended, HostwayClosed, "purged":
		return status, hwReply{}, true
	}
	return "", hwBadRequest("status %q is not one of open, suspended, closed, purged.", status), false
}

// transition applies a requested status to a current one, or returns a
// 409 reply when the current status forbids it.
func transition(kind, id, current, requested string) (string, hwReply, bool) {
	allowed := map[string][]string{
		HostwayOpen:      {HostwaySuspended, HostwayOpen},
		HostwaySuspended: {HostwayOpen, HostwaySuspended},
		HostwayClosed:    {HostwayNew, HostwayPending, HostwayOpen, HostwaySuspended},
		"purged":         {HostwayClosed},
	}[requested]
	if !slices.Contains(allowed, current) {
		return "", hwConflict("%s %s is %s and cannot be set to %s.", kind, id, current, requested), false
	}
	switch requested {
	case HostwayClosed:
		return HostwayClosePending, hwReply{}, true
	case "purged":
		return HostwayPurgePending, hwReply{}, true
	}
	return requested, hwReply{}, true
}

func (h *Hostway) setProductStatus(c *hwCall) hwReply {
	p, rep, ok := h.productFromPath(c)
	if !ok {
		return rep
	}
	requested, rep, ok := c.statusInput()
	if !ok {
		return rep
	}
	next, rep, ok := transition("Product", p.ID, p.Status, requested)
	if !ok {
		return rep
	}
	if next == p.Status {
		return hwNoBody(http.StatusNoContent)
	}
	p.Status, p.StatusSince = next, c.now
	// A product's services follow it when it closes, is suspended or reopens.
	for _, s := range p.Services {
		follow := false
		switch next {
		case HostwayClosePending:
			follow = s.Status != HostwayClosed && s.Status != HostwayClosePending
		case HostwaySuspended:
			follow = s.Status == HostwayOpen
		case HostwayOpen:
			follow = s.Status == HostwaySuspended
		}
		if follow {
			s.Status, s.StatusSince = next, c.now
		}
	}
	h.version++
	return hwNoBody(http.StatusNoContent)
}

func (h *Hostway) setServiceStatus(c *hwCall) hwReply {
	p, s, rep, ok := h.serviceFromPath(c)
	if !ok {
		return rep
	}
	requested, rep, ok := c.statusInput()
	if !ok {
		return rep
	}
	if h.isServer(s.Spec) && (requested == HostwayClosed || requested == "purged") {
		return hwConflict("The Virtuozzo Server service %s closes only with its product %s.", s.ID, p.ID)
	}
	next, rep, ok := transition("Service", s.ID, s.Status, requested)
	if !ok {
		return rep
	}
	if next != s.Status {
		s.Status, s.StatusSince = next, c.now
	}
	h.version++
	return hwNoBody(http.StatusNoContent)
}

// actionInput is the body of a product or service action.
type actionInput struct {
	Action     string            `json:"action"`
	ActionData map[string]string `json:"actionData"`
}

func (c *hwCall) actionInput() (actionInput, hwReply, bool) {
	var in actionInput
	if err := json.Unmarshal(c.body, &in); err != nil {
		return in, hwBadRequest("The request body is not a valid action: %v", err), false
	}
	switch in.Action {
	case "change", "validate", "cost":
		return in, hwReply{}, true
	}
	return in, hwBadRequest("Unknown action %q: use change, validate or cost.", in.Action), false
}

func (h *Hostway) productAction(c *hwCall) hwReply {
	p, rep, ok := h.productFromPath(c)
	if !ok {
		return rep
	}
	in, rep, ok := c.actionInput()
	if !ok {
		return rep
	}
	if in.Action == "cost" {
		return hwJSON(http.StatusOK, map[string]any{"cost": h.productCost(p)})
	}
	raw, ok := in.ActionData["targetProductSpecification"]
	if !ok && in.Action == "change" {
		return hwBadRequest("actionData.targetProductSpecification is required for the change action.")
	}
	segs := h.apiPath(raw)
	if len(segs) != 2 || segs[0] != "productSpecifications" || h.db.ProductSpecs[segs[1]] == nil {
		return hwBadRequest("actionData.targetProductSpecification %q is not a product specification URL.", raw)
	}
	spec := h.db.ProductSpecs[p.ProductSpec]
	if spec == nil || !slices.Contains(spec.Targets, segs[1]) {
		return hwBadRequest("Product specification %s is not a valid target for product %s; see ?getTargetProductSpecifications=1.", segs[1], p.ID)
	}
	if p.Status != HostwayOpen {
		return hwConflict("Product %s is %s; only an open product can change.", p.ID, p.Status)
	}
	if in.Action == "change" {
		target := h.db.ProductSpecs[segs[1]]
		p.ProductSpec = target.Code
		if !target.hasOffering(p.OfferingID) && len(target.Offerings) > 0 {
			p.OfferingID = target.Offerings[0].ID
		}
		p.Status, p.StatusSince = HostwayPending, c.now
		h.version++
	}
	return hwNoBody(http.StatusNoContent)
}

func (s *hwProductSpec) hasOffering(id string) bool {
	for _, o := range s.Offerings {
		if o.ID == id {
			return true
		}
	}
	return false
}

func (h *Hostway) productCost(p *hwProduct) map[string]string {
	cost := map[string]string{}
	if spec := h.db.ProductSpecs[p.ProductSpec]; spec != nil {
		for _, o := range spec.Offerings {
			if o.ID == p.OfferingID {
				cost["currency"] = o.Currency
				for _, pr := range o.Prices {
					cost[pr.Type] = pr.Amount
				}
			}
		}
	}
	return cost
}

func (h *Hostway) serviceAction(c *hwCall) hwReply {
	p, s, rep, ok := h.serviceFromPath(c)
	if !ok {
		return rep
	}
	in, rep, ok := c.actionInput()
	if !ok {
		return rep
	}
	if in.Action == "cost" {
		return hwJSON(http.StatusOK, map[string]any{"cost": map[string]string{"billingCycle": strconv.Itoa(s.BillingCycle)}})
	}
	raw := in.ActionData["targetServiceSpecification"]
	target, msg := h.serviceSpecByURL(raw)
	if msg != "" {
		return hwBadRequest("actionData.targetServiceSpecification: %s", msg)
	}
	if !slices.Contains(h.serviceTargets(p, s), target.Code) {
		return hwBadRequest("Service specification %s is not a valid target for service %s; see ?getTargetServiceSpecifications=1.", target.Code, s.ID)
	}
	if s.Status != HostwayOpen {
		return hwConflict("Service %s is %s; only an open service can change.", s.ID, s.Status)
	}
	if in.Action == "change" {
		s.Spec = target.Code
		s.Status, s.StatusSince = HostwayPending, c.now
		h.version++
	}
	return hwNoBody(http.StatusNoContent)
}

func itoa(n int) string { return strconv.Itoa(n) }

func joinInts(ns []int) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, ", ")
}
