package mockcloud

import (
	"cmp"
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
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

func (c *hwCall) renderProduct(p *hwProduct) map[string]any {
	self := c.productURL(p)
	return map[string]any{
		"id":                   p.ID,
		"accountNumber":        p.Account,
		"partnerId":            p.PartnerID,
		"displayName":          p.DisplayName,
		"status":               p.Status,
		"productSpecification": c.base + "/productSpecifications/" + p.ProductSpec,
		"offering":             c.base + "/productSpecifications/" + p.ProductSpec + "/offerings/" + p.OfferingID,
		"orderId":              p.OrderID,
		"created":              p.Created.Format(time.RFC3339),
		"links":                []hwLink{{Href: self, Rel: "self"}, {Href: self + "/services", Rel: "services"}},
	}
}

func (c *hwCall) renderService(p *hwProduct, s *hwService) map[string]any {
	self := c.productURL(p) + "/services/" + s.ID
	related := []string{}
	if s.RelatedTo != "" {
		related = append(related, c.productURL(p)+"/services/"+s.RelatedTo)
	}
	return map[string]any{
		"id":                   s.ID,
		"name":                 s.Name,
		"status":               s.Status,
		"serviceSpecification": c.base + "/serviceSpecifications/" + s.Spec,
		"billingCycle":         s.BillingCycle,
		"relatedTo":            related,
		"links":                []hwLink{{Href: self, Rel: "self"}},
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
		out[i] = c.renderProduct(p)
	}
	return hwList(c, out)
}

// truthy reads flags such as getTargetProductSpecifications=1.
func truthy(v string) bool {
	b, err := strconv.ParseBool(v)
	return err == nil && b
}

func (h *Hostway) getProduct(c *hwCall) hwReply {
	p, rep, ok := h.productFromPath(c)
	if !ok {
		return rep
	}
	if truthy(c.r.URL.Query().Get("getTargetProductSpecifications")) {
		var out []map[string]any
		if spec := h.db.ProductSpecs[p.ProductSpec]; spec != nil {
			for _, code := range spec.Targets {
				if t := h.db.ProductSpecs[code]; t != nil {
					out = append(out, c.renderProductSpec(t))
				}
			}
		}
		return hwList(c, out)
	}
	return hwJSON(http.StatusOK, c.renderProduct(p))
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
	if truthy(c.r.URL.Query().Get("getTargetServiceSpecifications")) {
		var out []map[string]any
		for _, code := range h.serviceTargets(p, s) {
			out = append(out, c.renderServiceSpec(h.db.ServiceSpecs[code]))
		}
		return hwList(c, out)
	}
	return hwJSON(http.StatusOK, c.renderService(p, s))
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
	raw := in.ActionData["targetProductSpecification"]
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
