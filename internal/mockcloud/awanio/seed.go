package awanio

// AwanioDemoSeed is the Awanio part of the demo data. The values are
// fixed, so docs, scripts and examples can use them.
type AwanioDemoSeed struct {
	// The demo user logs in with Username and Password, or uses Token.
	Username string
	Password string
	Token    string
	UserUUID string
	// Colleague is a second user, to add as a member.
	ColleagueUsername string
	ColleaguePassword string
	ColleagueUUID     string
	// OrganizationUUID is the demo user's default organization and
	// ProjectUUID its primary project.
	OrganizationUUID string
	ProjectUUID      string

	VMCatalogueUUID        string // Ubuntu Server 22.04 LTS (compute)
	BaremetalCatalogueUUID string // ubuntu/jammy (baremetal)
	VMPricingUUID          string // s-a, suitable_for vm
	LargeVMPricingUUID     string // s-b, suitable_for vm
	BaremetalPricingUUID   string // bh-a, suitable_for baremetal
	VolumePricingUUID      string // v-10: 10 GB, suitable_for volume
	LargeVolumePricingUUID string // v-20: 20 GB, suitable_for volume
	PodsPricingUUID        string // k-a, suitable_for pods (Kubernetes)
	KubernetesVersionUUID  string // 1.27
	MachineName            string // a baremetal machine that is available
	VoucherCode            string // worth 100000, redeemable once
	PaymentMethodUUID      string // credit card through duitku, minimum 50000
}

var awanioDemoSeed = AwanioDemoSeed{
	Username: "demo",
	Password: "demo-password",
	// Looks like a JWT; the mock accepts it like one it issued.
	Token:                  "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJkZW1vIiwiaXNzIjoibW9ja2Nsb3VkIn0.ZGVtby10b2tlbi1ub3QtYS1yZWFsLXNpZ25hdHVyZQ",
	UserUUID:               "6f1e2d3c-4b5a-4987-8654-3210fedcba98",
	ColleagueUsername:      "colleague",
	ColleaguePassword:      "colleague-password",
	ColleagueUUID:          "7a2b3c4d-5e6f-4a1b-9c2d-3e4f5a6b7c8d",
	OrganizationUUID:       "0b7c1d2e-3f40-4a51-8b62-7c83d94ea5f6",
	ProjectUUID:            "1c8d2e3f-4051-4b62-9c73-8d94ea5fb607",
	VMCatalogueUUID:        "0f0f9316-a676-48bf-acd2-afe87f3d9cd0",
	BaremetalCatalogueUUID: "d8576864-d8ec-4ab6-83aa-035a233c3ffa",
	VMPricingUUID:          "43946e7a-bb60-4a9f-ba63-b13a7f83f197",
	LargeVMPricingUUID:     "5a0e6c1b-7d2f-4e38-9a41-b52c63d74e85",
	BaremetalPricingUUID:   "c3c206dc-8596-4cff-a421-935520329caa",
	VolumePricingUUID:      "2ade480f-ba81-4969-81f2-a807a30ef310",
	LargeVolumePricingUUID: "6d89209e-7112-4df4-a936-4d753efa2342",
	PodsPricingUUID:        "d1b6ce72-9739-4e7c-867f-25bb43f1f920",
	KubernetesVersionUUID:  "315c2ab1-750a-4897-9e77-824e3d0043b9",
	MachineName:            "Dell-R640",
	VoucherCode:            "DEMO-VOUCHER-100K",
	PaymentMethodUUID:      "fdbada02-f609-4d5c-a85a-188c1d704f4d",
}

// SeedAwanioDemo fills the Awanio store with the demo data, leaving alone
// what already exists (e.g. loaded from a state file).
func SeedAwanioDemo(a *Awanio) AwanioDemoSeed {
	d := awanioDemoSeed
	a.mu.Lock()
	defer a.mu.Unlock()
	now := a.now()
	if a.db.Users[d.UserUUID] == nil {
		a.addUser(AwanioUserSpec{UUID: d.UserUUID, Username: d.Username, Name: "Demo User", Email: "demo@example.com", Password: d.Password}, now)
	}
	if a.db.Users[d.ColleagueUUID] == nil {
		a.addUser(AwanioUserSpec{UUID: d.ColleagueUUID, Username: d.ColleagueUsername, Name: "Demo Colleague", Email: "colleague@example.com", Password: d.ColleaguePassword}, now)
	}
	a.db.Tokens[d.Token] = d.UserUUID
	if a.db.Organizations[d.OrganizationUUID] == nil {
		a.addOrganization(AwanioOrganizationSpec{UUID: d.OrganizationUUID, Name: "Demo Organization", OwnerUUID: d.UserUUID, Balance: 5000000}, now)
	}
	if a.db.Projects[d.ProjectUUID] == nil {
		p := a.addProject(AwanioProjectSpec{UUID: d.ProjectUUID, Name: "Demo Project", OrganizationUUID: d.OrganizationUUID, OwnerUUID: d.UserUUID}, now)
		p.Members[d.UserUUID].IsDefault = true
	}
	seedCatalogue := func(c AwanioCatalogue) {
		if a.db.Catalogues[c.UUID] == nil {
			c.Type, c.Visibility = "os", "public"
			a.db.Catalogues[c.UUID] = &c
		}
	}
	seedCatalogue(AwanioCatalogue{UUID: d.VMCatalogueUUID, Slug: "ubuntu-server-22-04", Name: "Ubuntu Server 22.04 LTS", Group: "Ubuntu", Service: "compute", MinStorageGB: 10})
	seedCatalogue(AwanioCatalogue{UUID: "2b3215c8-837d-4c74-8c29-9e0188599d0c", Slug: "ubuntu-server-20-04", Name: "Ubuntu Server 20.04 LTS", Group: "Ubuntu", Service: "compute", MinStorageGB: 10})
	seedCatalogue(AwanioCatalogue{UUID: d.BaremetalCatalogueUUID, Slug: "ubuntu/jammy", Name: "ubuntu/jammy", Group: "baremetal", Service: "baremetal", MinStorageGB: 10})
	seedPricing := func(p AwanioPricing) {
		if a.db.Pricings[p.UUID] == nil {
			p.Availability, p.PricingUnit = "available", "hour"
			a.db.Pricings[p.UUID] = &p
		}
	}
	seedPricing(AwanioPricing{UUID: d.VMPricingUUID, InstanceType: "s-a", SuitableFor: "vm", PlansType: "standard", VCPUCore: 1, RAMMB: 1024, StorageGB: 20, TransferTB: 1, PricePerMonth: 100000, PricePerHour: 140})
	seedPricing(AwanioPricing{UUID: d.LargeVMPricingUUID, InstanceType: "s-b", SuitableFor: "vm", PlansType: "standard", VCPUCore: 2, RAMMB: 2048, StorageGB: 40, TransferTB: 2, PricePerMonth: 200000, PricePerHour: 280})
	seedPricing(AwanioPricing{UUID: d.BaremetalPricingUUID, InstanceType: "bh-a", SuitableFor: "baremetal", PlansType: "standard", VCPUCore: 32, RAMMB: 262144, StorageGB: 2000, PricePerMonth: 4000000, PricePerHour: 5556})
	seedPricing(AwanioPricing{UUID: d.VolumePricingUUID, InstanceType: "v-10", SuitableFor: "volume", PlansType: "ssd", StorageGB: 10, PricePerMonth: 58000, PricePerHour: 10})
	seedPricing(AwanioPricing{UUID: d.LargeVolumePricingUUID, InstanceType: "v-20", SuitableFor: "volume", PlansType: "ssd", StorageGB: 20, PricePerMonth: 116000, PricePerHour: 20})
	seedPricing(AwanioPricing{UUID: d.PodsPricingUUID, InstanceType: "k-a", SuitableFor: "pods", PlansType: "Standard", VCPUCore: 0.5, RAMMB: 512, StorageGB: 5, PricePerMonth: 720000, PricePerHour: 1000})
	if a.db.KubernetesVersions[d.KubernetesVersionUUID] == nil {
		a.db.KubernetesVersions[d.KubernetesVersionUUID] = &AwanioKubeVersion{UUID: d.KubernetesVersionUUID, Name: "1.27"}
	}
	const machineUUID = "c5056fc2-74a4-4047-9b63-d973cbe7b223"
	if a.db.Machines[machineUUID] == nil {
		a.db.Machines[machineUUID] = &AwanioMachine{UUID: machineUUID, Name: d.MachineName, PricingUUID: d.BaremetalPricingUUID, Zone: "asia/jakarta", Available: true}
	}
	if len(a.db.Invoices) == 0 {
		start := now.AddDate(0, -1, 0)
		a.addInvoice(AwanioInvoice{UUID: "e81afe5a-59cc-4a02-93d8-ff9fe0e19c59", OrganizationUUID: d.OrganizationUUID, Number: "INV-0001",
			Status: "paid", Amount: 6020000, BilledTo: "Demo User", PeriodStart: start, PeriodEnd: now, CreatedAt: now})
		a.addInvoice(AwanioInvoice{UUID: "0e9718e3-5baf-46c1-96c7-e90700fb1b40", OrganizationUUID: d.OrganizationUUID, Number: "INV-0002",
			Status: "unpaid", Amount: 10000, BilledTo: "Demo User", PeriodStart: now, PeriodEnd: now.AddDate(0, 1, 0), CreatedAt: now})
	}
	if a.db.Vouchers[d.VoucherCode] == nil {
		a.db.Vouchers[d.VoucherCode] = &AwanioVoucher{Code: d.VoucherCode, Amount: 100000}
	}
	if len(a.db.PaymentGateways) == 0 {
		g := &AwanioPaymentGateway{ID: a.nextSeq(), UUID: "4f68e475-2e91-4c4d-a8b2-260830b5bf4f", Name: "duitku", MerchantCode: "D8679",
			MerchantKey: "demo-merchant-key", URL: "/webapi/api/merchant/v2/inquiry", OutputType: "webview", VAT: 10}
		a.db.PaymentGateways[g.UUID] = g
	}
	if len(a.db.PaymentMethods) == 0 {
		m := &AwanioPaymentMethod{ID: a.nextSeq(), UUID: d.PaymentMethodUUID, Name: "VC", Description: "Credit Card (Visa / Master)",
			MinimumAmount: 50000, PaymentGateway: "duitku"}
		a.db.PaymentMethods[m.UUID] = m
	}
	a.changed()
	return d
}
