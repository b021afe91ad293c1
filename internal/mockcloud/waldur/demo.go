package waldur

// WaldurDemoSeed is the Waldur part of the demo data (SeedWaldurDemo). The
// values are fixed, so docs, scripts and examples can use them.
type WaldurDemoSeed struct {
	Token        string
	Username     string
	UserUUID     string
	CustomerUUID string
	ProjectUUID  string
	// OfferingUUID is "WAYSCloud Kubernetes" (Marketplace.Kubernetes,
	// ApprovalAuto); PlanUUID is its "small" plan, SecondPlanUUID "large".
	OfferingUUID   string
	PlanUUID       string
	SecondPlanUUID string
	// ConsumerApprovalOfferingUUID is a Marketplace.Basic offering whose
	// orders wait in pending-consumer; ConsumerApprovalPlanUUID is its plan.
	ConsumerApprovalOfferingUUID string
	ConsumerApprovalPlanUUID     string
	// ConsumerToken authenticates ConsumerUsername, a project manager of
	// the demo project without any other role: it may order and approve as
	// consumer, but not approve as service provider (403).
	ConsumerToken    string
	ConsumerUsername string
}

var demoSeed = WaldurDemoSeed{
	Token:                        "2c3f6a9e0b1d4e7f8a5c6b3d2e1f0a9b8c7d6e5f",
	Username:                     "demo",
	UserUUID:                     "1d9b7f5e3c1a4d2b8e8c6a4f2b0d8e6c",
	CustomerUUID:                 "9a1c3e5f7b9d4f2a8c6e0b1d3f5a7c9e",
	ProjectUUID:                  "2f8e4d6c0b1a4e3f9d7c5b3a1e0f2d4c",
	OfferingUUID:                 "5c3a1e9f7d5b4c2a8e6f0d2b4a6c8e0f",
	PlanUUID:                     "7e5c3a1f9d7b4e2c8a8f6d4b2e0c8a6f",
	SecondPlanUUID:               "8f6d4b2a0e8c4f3d9b9a7e5c3f1d9b7a",
	ConsumerApprovalOfferingUUID: "3b1f9d7c5a3e4b2d8f8e6c4a2d0b8f6e",
	ConsumerApprovalPlanUUID:     "4c2a0e8d6b4f4c3e9a9f7d5b3e1c9a7f",
	ConsumerToken:                "7d1e5b9c3a2f4e6d8b0c1a3e5f7d9b2c4e6a8f0d",
	ConsumerUsername:             "demo-consumer",
}

// demoConsumerUUID is the user UUID of WaldurDemoSeed.ConsumerUsername.
const demoConsumerUUID = "6e0c4a8f2d1b4c5e9a7f3d1b5c9e7a3f"

// SeedWaldurDemo fills w with the Waldur demo data: one staff user with a
// token, a project manager with another, one customer, one project, a
// Kubernetes offering with two plans (ApprovalAuto) and a basic offering
// that needs consumer approval. It is idempotent: what already exists
// (e.g. loaded from a state file) is left alone.
func SeedWaldurDemo(w *Waldur) WaldurDemoSeed {
	d := demoSeed
	w.mu.Lock()
	defer w.mu.Unlock()

	if w.db.Tokens[d.Token] == "" {
		w.addToken(d.Token, d.UserUUID, d.Username, true)
	}
	if w.db.Tokens[d.ConsumerToken] == "" {
		u := w.addToken(d.ConsumerToken, demoConsumerUUID, d.ConsumerUsername, false)
		u.setRoles(UserRoles{ProjectManager: []string{d.ProjectUUID}})
	}
	if w.db.Customers[d.CustomerUUID] == nil {
		w.addCustomer(d.CustomerUUID, "WAYSCloud Demo")
	}
	if w.db.Projects[d.ProjectUUID] == nil {
		if _, err := w.addProject(d.ProjectUUID, d.CustomerUUID, "Demo project"); err != nil {
			panic("mockcloud: SeedDemo: " + err.Error())
		}
	}
	cpuMax, ramMax, storageMax := 64, 256, 4096
	seedOffering(w, OfferingSpec{
		UUID:         d.OfferingUUID,
		Name:         "WAYSCloud Kubernetes",
		Description:  "Managed Kubernetes clusters.",
		Type:         "Marketplace.Kubernetes",
		CustomerUUID: d.CustomerUUID,
		Approval:     ApprovalAuto,
		// As WAYSCloud's Kubernetes offering is documented.
		RequirePlanAndName: true,
		Plans: []PlanSpec{
			{UUID: d.PlanUUID, Name: "small", Unit: "month", UnitPrice: "49.00", Description: "3 small workers"},
			{UUID: d.SecondPlanUUID, Name: "large", Unit: "month", UnitPrice: "199.00", Description: "3 large workers"},
		},
		Components: []ComponentSpec{
			{Type: "cpu", Name: "CPU", MeasuredUnit: "cores", BillingType: "limit", MaxValue: &cpuMax},
			{Type: "ram", Name: "RAM", MeasuredUnit: "GB", BillingType: "limit", MaxValue: &ramMax},
			{Type: "storage", Name: "Storage", MeasuredUnit: "GB", BillingType: "limit", MaxValue: &storageMax},
		},
	})
	seedOffering(w, OfferingSpec{
		UUID:         d.ConsumerApprovalOfferingUUID,
		Name:         "WAYSCloud Managed Database",
		Description:  "A managed PostgreSQL database; orders need the consumer's approval.",
		Type:         "Marketplace.Basic",
		CustomerUUID: d.CustomerUUID,
		Approval:     ApprovalConsumer,
		Plans: []PlanSpec{
			{UUID: d.ConsumerApprovalPlanUUID, Name: "standard", Unit: "month", UnitPrice: "25.00"},
		},
	})
	return d
}

func seedOffering(w *Waldur, spec OfferingSpec) {
	if w.db.Offerings[spec.UUID] != nil {
		return
	}
	if _, err := w.addOffering(spec); err != nil {
		panic("mockcloud: SeedDemo: " + err.Error())
	}
}
