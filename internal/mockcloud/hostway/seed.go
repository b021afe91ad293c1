package hostway

// HostwayDemo is the Hostway part of the demo seed.
type HostwayDemo struct {
	// Username (user@partner) and Password authenticate account calls.
	Username string
	Password string
	// AccountNumber is an existing account of Username, as in the seed.
	AccountNumber string
	// ProductSpecification is the VPS Virtuozzo plan of the seed and
	// Offering its monthly USD offering; SecondProductSpecification is the
	// plan it can change into.
	ProductSpecification       string
	SecondProductSpecification string
	Offering                   string
	// ServerSpecification is the seed's Virtuozzo Server;
	// SecondServerSpecification a valid target of the change action.
	ServerSpecification       string
	SecondServerSpecification string
	// ChildSpecifications are the seed's six child services, in the
	// seed's order: control panel, memory, disk, bandwidth, IP, PowerPack.
	ChildSpecifications []string
}

var hostwayDemo = HostwayDemo{
	Username:                   "demo@cloudorder",
	Password:                   "hostway-demo-password",
	AccountNumber:              "acct123456",
	ProductSpecification:       "core.plan.vps.virtuozzo.u101",
	SecondProductSpecification: "core.plan.vps.virtuozzo.u102",
	Offering:                   "USD-1",
	ServerSpecification:        "core.vps.virtuozzo.server.u100",
	SecondServerSpecification:  "core.vps.virtuozzo.server.u200",
	ChildSpecifications: []string{
		"core.vps.virtuozzo.controlpanel.plesk9-10domain",
		"core.vps.virtuozzo.additional_memory.256mb",
		"core.vps.virtuozzo.additional_disk.10gb",
		"core.vps.virtuozzo.additional_bandwidth.1000gb",
		"core.vps.virtuozzo.ip",
		"core.vps.virtuozzo.powerpack",
	},
}

// SeedHostwayDemo adds the demo user, its account and the VPS Virtuozzo
// catalog; what already exists is left alone.
func SeedHostwayDemo(h *Hostway) HostwayDemo {
	d := hostwayDemo
	d.ChildSpecifications = append([]string(nil), hostwayDemo.ChildSpecifications...)
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.db.Users[d.Username] == nil {
		h.db.Users[d.Username] = &hwUser{Username: d.Username, Password: d.Password}
	}
	if h.db.Accounts[d.AccountNumber] == nil {
		h.db.Accounts[d.AccountNumber] = &hwAccount{Number: d.AccountNumber, Owner: d.Username, Currency: "USD", Language: "en-US", Created: h.now()}
	}
	products, services := hostwayCatalog()
	for _, s := range services {
		if h.db.ServiceSpecs[s.Code] == nil {
			h.db.ServiceSpecs[s.Code] = s
		}
	}
	for _, p := range products {
		if h.db.ProductSpecs[p.Code] == nil {
			h.db.ProductSpecs[p.Code] = p
		}
	}
	h.version++
	return d
}
