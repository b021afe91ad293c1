package hostway

import (
	"net/http"
	"slices"
)

// The product and service catalog (no authentication): product
// specifications with their offerings, and service specifications.

// renderProductSpec is a product specification. The object is not
// documented (inferred): a code, a name and links, lower-case as every
// catalog href (api-reference §3a).
func (c *hwCall) renderProductSpec(s *hwProductSpec) map[string]any {
	self := c.productSpecURL(s.Code)
	return map[string]any{
		"code": s.Code,
		"name": s.Name,
		"links": []hwLink{
			{Href: self, Rel: "self"},
			{Href: self + "/offerings", Rel: "offerings"},
			{Href: self + "/servicespecifications", Rel: "servicespecifications"},
		},
	}
}

// flag01 is how Hostway writes booleans in the catalog: 0 or 1.
func flag01(b bool) int {
	if b {
		return 1
	}
	return 0
}

// renderOffering is an offering (api-reference §3a): default is 0 or 1,
// and prices is a URL unless the request asks for details=1, which
// inlines them (their inlined shape is inferred).
func (c *hwCall) renderOffering(s *hwProductSpec, o *hwOffering) map[string]any {
	self := c.productSpecURL(s.Code) + "/offerings/" + o.ID
	var prices any = self + "/prices"
	if truthy(c.r.URL.Query().Get("details")) {
		list := o.Prices
		if list == nil {
			list = []hwPrice{}
		}
		prices = list
	}
	return map[string]any{
		"billingPeriod": o.BillingPeriod,
		"currency":      o.Currency,
		"default":       flag01(o.Default),
		"prices":        prices,
		"links":         []hwLink{{Href: self, Rel: "self"}},
	}
}

// renderServiceSpec is a service specification (api-reference §3a):
// attributes is a URL, and billingCycles[].default is 0 or 1.
func (c *hwCall) renderServiceSpec(s *hwServiceSpec) map[string]any {
	self := c.serviceSpecURL(s.Code)
	cycles := make([]map[string]any, len(s.BillingCycles))
	for i, n := range s.BillingCycles {
		cycles[i] = map[string]any{"default": flag01(n == s.DefaultCycle), "billingCycle": n}
	}
	return map[string]any{
		"name":          s.Name,
		"category":      s.Category,
		"ranking":       s.Ranking,
		"attributes":    self + "/attributes",
		"billingCycles": cycles,
		"links":         []hwLink{{Href: self, Rel: "self"}},
	}
}

func (h *Hostway) productSpecFromPath(c *hwCall) (*hwProductSpec, hwReply, bool) {
	s := h.db.ProductSpecs[c.r.PathValue("code")]
	if s == nil {
		return nil, hwNotFound("Product specification %s was not found.", c.r.PathValue("code")), false
	}
	return s, hwReply{}, true
}

func (h *Hostway) getProductSpec(c *hwCall) hwReply {
	s, rep, ok := h.productSpecFromPath(c)
	if !ok {
		return rep
	}
	return hwJSON(http.StatusOK, c.renderProductSpec(s))
}

func (h *Hostway) listOfferings(c *hwCall) hwReply {
	s, rep, ok := h.productSpecFromPath(c)
	if !ok {
		return rep
	}
	out := make([]map[string]any, len(s.Offerings))
	for i, o := range s.Offerings {
		out[i] = c.renderOffering(s, o)
	}
	return hwList(c, out)
}

func (h *Hostway) getOffering(c *hwCall) hwReply {
	s, rep, ok := h.productSpecFromPath(c)
	if !ok {
		return rep
	}
	for _, o := range s.Offerings {
		if o.ID == c.r.PathValue("offering") {
			return hwJSON(http.StatusOK, c.renderOffering(s, o))
		}
	}
	return hwNotFound("Offering %s of product specification %s was not found.", c.r.PathValue("offering"), s.Code)
}

// listProductServiceSpecs lists the service specifications a product
// specification's products may hold (path inferred).
func (h *Hostway) listProductServiceSpecs(c *hwCall) hwReply {
	s, rep, ok := h.productSpecFromPath(c)
	if !ok {
		return rep
	}
	specs := make([]*hwServiceSpec, 0, len(s.ServiceSpecs))
	for _, code := range s.ServiceSpecs {
		if ss := h.db.ServiceSpecs[code]; ss != nil {
			specs = append(specs, ss)
		}
	}
	slices.SortStableFunc(specs, func(a, b *hwServiceSpec) int { return a.Ranking - b.Ranking })
	out := make([]map[string]any, len(specs))
	for i, ss := range specs {
		out[i] = c.renderServiceSpec(ss)
	}
	return hwList(c, out)
}

func (h *Hostway) getServiceSpec(c *hwCall) hwReply {
	s := h.db.ServiceSpecs[c.r.PathValue("code")]
	if s == nil {
		return hwNotFound("Service specification %s was not found.", c.r.PathValue("code"))
	}
	return hwJSON(http.StatusOK, c.renderServiceSpec(s))
}

// hostwayCatalog is the VPS Virtuozzo catalog of the demo seed: two plans
// that can change into each other, the server specifications and every
// kind of child service the seed orders.
func hostwayCatalog() ([]*hwProductSpec, []*hwServiceSpec) {
	cycles := []int{1, 3, 6, 12, 24}
	const v = "core.vps.virtuozzo."
	family := func(codes ...string) func(string) []string {
		return func(self string) []string {
			var out []string
			for _, c := range codes {
				if c != self {
					out = append(out, c)
				}
			}
			return out
		}
	}
	servers := family(v+"server.u100", v+"server.u200", v+"server.u300")
	panels := family(v+"controlpanel.plesk9-10domain", v+"controlpanel.plesk9-unlimited")
	memory := family(v+"additional_memory.256mb", v+"additional_memory.512mb", v+"additional_memory.1gb")
	disk := family(v+"additional_disk.10gb", v+"additional_disk.20gb")
	bandwidth := family(v+"additional_bandwidth.1000gb", v+"additional_bandwidth.2000gb")
	none := func(string) []string { return nil }

	type row struct {
		code, name, category string
		server               bool
		targets              func(string) []string
		attrs                map[string]string
	}
	rows := []row{
		{v + "server.u100", "Virtuozzo Server Linux U100", "server", true, servers, map[string]string{"os": "linux", "memory": "1024MB", "disk": "25GB"}},
		{v + "server.u200", "Virtuozzo Server Linux U200", "server", true, servers, map[string]string{"os": "linux", "memory": "2048MB", "disk": "50GB"}},
		{v + "server.u300", "Virtuozzo Server Windows U300", "server", true, servers, map[string]string{"os": "windows", "memory": "4096MB", "disk": "100GB"}},
		{v + "controlpanel.plesk9-10domain", "Plesk 9 (10 domains)", "controlpanel", false, panels, nil},
		{v + "controlpanel.plesk9-unlimited", "Plesk 9 (unlimited domains)", "controlpanel", false, panels, nil},
		{v + "additional_memory.256mb", "Additional memory 256 MB", "additional_memory", false, memory, map[string]string{"memory": "256MB"}},
		{v + "additional_memory.512mb", "Additional memory 512 MB", "additional_memory", false, memory, map[string]string{"memory": "512MB"}},
		{v + "additional_memory.1gb", "Additional memory 1 GB", "additional_memory", false, memory, map[string]string{"memory": "1024MB"}},
		{v + "additional_disk.10gb", "Additional disk space 10 GB", "additional_disk", false, disk, map[string]string{"disk": "10GB"}},
		{v + "additional_disk.20gb", "Additional disk space 20 GB", "additional_disk", false, disk, map[string]string{"disk": "20GB"}},
		{v + "additional_bandwidth.1000gb", "Additional bandwidth 1000 GB", "additional_bandwidth", false, bandwidth, map[string]string{"bandwidth": "1000GB"}},
		{v + "additional_bandwidth.2000gb", "Additional bandwidth 2000 GB", "additional_bandwidth", false, bandwidth, map[string]string{"bandwidth": "2000GB"}},
		{v + "ip", "Additional IP address", "ip", false, none, nil},
		{v + "powerpack", "PowerPack", "powerpack", false, none, nil},
	}
	services := make([]*hwServiceSpec, len(rows))
	codes := make([]string, len(rows))
	for i, r := range rows {
		services[i] = &hwServiceSpec{
			Code: r.code, Name: r.name, Category: r.category, Ranking: (i + 1) * 10, Attributes: r.attrs,
			BillingCycles: cycles, DefaultCycle: 1, Server: r.server, Targets: r.targets(r.code),
		}
		codes[i] = r.code
	}
	offerings := func(monthly, yearly string) []*hwOffering {
		return []*hwOffering{
			{ID: "USD-1", BillingPeriod: 1, Currency: "USD", Default: true, Prices: []hwPrice{{Type: "setup", Amount: "0.00"}, {Type: "recurring", Amount: monthly}}},
			{ID: "USD-12", BillingPeriod: 12, Currency: "USD", Prices: []hwPrice{{Type: "setup", Amount: "0.00"}, {Type: "recurring", Amount: yearly}}},
		}
	}
	products := []*hwProductSpec{
		{Code: "core.plan.vps.virtuozzo.u101", Name: "VPS Virtuozzo U101", Offerings: offerings("24.95", "269.46"), ServiceSpecs: codes, Targets: []string{"core.plan.vps.virtuozzo.u102"}},
		{Code: "core.plan.vps.virtuozzo.u102", Name: "VPS Virtuozzo U102", Offerings: offerings("39.95", "431.46"), ServiceSpecs: codes, Targets: []string{"core.plan.vps.virtuozzo.u101"}},
	}
	return products, services
}
