package waldur

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"regexp"
	"slices"
	"strings"

	"github.com/google/uuid"
)

// Customer is a Waldur organization. Offerings belong to their provider's
// customer; projects to their consumer's.
type Customer struct {
	UUID string `json:"uuid"`
	Name string `json:"name"`
	Slug string `json:"slug"`
}

// Project is a Waldur project.
type Project struct {
	UUID         string `json:"uuid"`
	Name         string `json:"name"`
	Slug         string `json:"slug"`
	CustomerUUID string `json:"customer_uuid"`
}

// PlanSpec describes a plan of an offering to add.
type PlanSpec struct {
	UUID        string `json:"uuid,omitempty"` // optional; random when empty
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	Unit        string `json:"unit,omitempty"`       // month (default), quarter, half_month, day, hour, quantity
	UnitPrice   string `json:"unit_price,omitempty"` // decimal, default "0"
}

// ComponentSpec describes an offering component (a measured unit such as
// cpu). Only components billed by "limit" can be set through limits.
type ComponentSpec struct {
	UUID         string `json:"uuid,omitempty"` // optional; random when empty
	Type         string `json:"type"`
	Name         string `json:"name"`
	Description  string `json:"description,omitempty"`
	MeasuredUnit string `json:"measured_unit,omitempty"`
	BillingType  string `json:"billing_type,omitempty"` // fixed, usage, limit (default), one, few
	MinValue     *int   `json:"min_value,omitempty"`
	MaxValue     *int   `json:"max_value,omitempty"`
	DefaultLimit *int   `json:"default_limit,omitempty"`
}

// OptionSpec describes one field of an offering's options schema: what the
// offering expects in an order's attributes.
type OptionSpec struct {
	Name     string   `json:"name"`
	Type     string   `json:"type"` // string, text, integer, boolean, select_string, ...
	Label    string   `json:"label"`
	HelpText string   `json:"help_text,omitempty"`
	Required bool     `json:"required,omitempty"`
	Choices  []string `json:"choices,omitempty"`
	Default  string   `json:"default,omitempty"`
	Min      *int     `json:"min,omitempty"`
	Max      *int     `json:"max,omitempty"`
}

// OfferingSpec describes an offering to add.
type OfferingSpec struct {
	UUID        string // optional; random when empty
	Name        string
	Description string
	// Type is Waldur's offering type, e.g. "Marketplace.Kubernetes" or
	// "Marketplace.Basic" (the default).
	Type string
	// CustomerUUID is the provider; empty means the oldest customer.
	CustomerUUID string
	// Category is the category title; default derived from Type.
	Category   string
	Plans      []PlanSpec
	Components []ComponentSpec
	// Options describe attributes; empty gives a default set for the type.
	Options  []OptionSpec
	Approval ApprovalMode // default ApprovalAuto
	Outcome  OrderOutcome // default OutcomeDone
	// RequirePlanAndName makes a Create order without plan, attributes or
	// attributes.name a 400, as WAYSCloud's Kubernetes offering is
	// documented to (seed wayscloud-create-kubernetes-cluster.txt: all
	// three "Required: Yes"; api-reference §1).
	RequirePlanAndName bool
}

// Plan is an offering's plan.
type Plan struct {
	UUID         string `json:"uuid"`
	OfferingUUID string `json:"offering_uuid"`
	Name         string `json:"name"`
	Unit         string `json:"unit"`
	UnitPrice    string `json:"unit_price"`
}

// Offering is a marketplace offering as the mock holds it.
type Offering struct {
	UUID         string          `json:"uuid"`
	Name         string          `json:"name"`
	Slug         string          `json:"slug"`
	Type         string          `json:"type"`
	CustomerUUID string          `json:"customer_uuid"`
	Approval     ApprovalMode    `json:"approval"`
	Outcome      OrderOutcome    `json:"-"`
	Plans        []Plan          `json:"plans"`
	Components   []ComponentSpec `json:"components"`
}

// MarshalJSON adds the outcome ("outcome", "error_message") to the JSON.
func (o Offering) MarshalJSON() ([]byte, error) {
	type plain Offering
	return json.Marshal(struct {
		plain
		outcomeSpec
	}{plain(o), outcomeOf(o.Outcome)})
}

var billingUnits = []string{"month", "quarter", "half_month", "day", "hour", "quantity"}
var billingTypes = []string{"fixed", "usage", "limit", "one", "few"}

// AddToken lets token authenticate as username (created on first use).
func (w *Waldur) AddToken(token, username string, staff bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.addToken(token, "", username, staff)
}

func (w *Waldur) addToken(token, userUUID, username string, staff bool) *userRec {
	u := w.userByName(username)
	if u == nil {
		if userUUID == "" {
			userUUID = newUUID()
		}
		u = &userRec{UUID: userUUID, Username: username, FullName: username, Created: w.now()}
		w.db.Users[u.UUID] = u
	}
	u.Staff = staff
	w.db.Tokens[token] = u.UUID
	w.version++
	return u
}

func (w *Waldur) userByName(username string) *userRec {
	for _, u := range w.db.Users {
		if u.Username == username {
			return u
		}
	}
	return nil
}

// AddCustomer adds an organization.
func (w *Waldur) AddCustomer(name string) Customer {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.addCustomer("", name).public()
}

func (w *Waldur) addCustomer(uuid, name string) *customerRec {
	if uuid == "" {
		uuid = newUUID()
	}
	c := &customerRec{Seq: w.nextSeq(), UUID: uuid, Name: name, Slug: slugify(name, "customer"), Created: w.now()}
	w.db.Customers[uuid] = c
	w.version++
	return c
}

func (c *customerRec) public() Customer {
	return Customer{UUID: c.UUID, Name: c.Name, Slug: c.Slug}
}

// AddProject adds a project to a customer. It panics when the customer does
// not exist: that is a bug in the test's seed.
func (w *Waldur) AddProject(customerUUID, name string) Project {
	w.mu.Lock()
	defer w.mu.Unlock()
	p, err := w.addProject("", customerUUID, name)
	if err != nil {
		panic("mockcloud: AddProject: " + err.Error())
	}
	return p.public()
}

func (w *Waldur) addProject(uuid, customerUUID, name string) (*projectRec, error) {
	cu, ok := normalizeUUID(customerUUID)
	if !ok || w.db.Customers[cu] == nil {
		return nil, fmt.Errorf("no customer %q", customerUUID)
	}
	if uuid == "" {
		uuid = newUUID()
	}
	p := &projectRec{Seq: w.nextSeq(), UUID: uuid, Name: name, Slug: slugify(name, "project"), CustomerUUID: cu, Created: w.now()}
	w.db.Projects[uuid] = p
	w.version++
	return p, nil
}

func (p *projectRec) public() Project {
	return Project{UUID: p.UUID, Name: p.Name, Slug: p.Slug, CustomerUUID: p.CustomerUUID}
}

// AddOffering adds an offering with its plans. It panics on an invalid spec
// (unknown customer, bad unit or price): that is a bug in the test's seed.
func (w *Waldur) AddOffering(spec OfferingSpec) Offering {
	w.mu.Lock()
	defer w.mu.Unlock()
	o, err := w.addOffering(spec)
	if err != nil {
		panic("mockcloud: AddOffering: " + err.Error())
	}
	return w.offeringPublic(o)
}

func (w *Waldur) addOffering(spec OfferingSpec) (*offeringRec, error) {
	o, plans, err := w.buildOffering(spec)
	if err != nil {
		return nil, err
	}
	w.db.Offerings[o.UUID] = o
	for _, p := range plans {
		w.db.Plans[p.UUID] = p
	}
	w.version++
	return o, nil
}

// buildOffering checks spec and fills in its defaults.
func (w *Waldur) buildOffering(spec OfferingSpec) (*offeringRec, []*planRec, error) {
	if strings.TrimSpace(spec.Name) == "" {
		return nil, nil, errors.New("an offering needs a name")
	}
	id, err := w.freshUUID(spec.UUID)
	if err != nil {
		return nil, nil, fmt.Errorf("offering uuid: %w", err)
	}
	customer, err := w.providerFor(spec.CustomerUUID)
	if err != nil {
		return nil, nil, err
	}
	if !spec.Approval.valid() {
		return nil, nil, fmt.Errorf("approval %q: want auto, consumer, provider or consumer_and_provider", spec.Approval)
	}
	approval := spec.Approval
	if approval == "" {
		approval = ApprovalAuto
	}
	typ := spec.Type
	if typ == "" {
		typ = "Marketplace.Basic"
	}
	category := spec.Category
	if category == "" {
		category = defaultCategory(typ)
	}
	o := &offeringRec{
		Seq: w.nextSeq(), UUID: id, Name: spec.Name, Slug: slugify(spec.Name, "offering"),
		Description: spec.Description, Type: typ, CustomerUUID: customer,
		CategoryUUID: categoryUUID(category), CategoryTitle: category,
		Approval: approval, Outcome: outcomeOf(spec.Outcome), Created: w.now(),
		Options: spec.Options,

		RequirePlanAndName: spec.RequirePlanAndName,
	}
	if len(o.Options) == 0 {
		o.Options = defaultOptions(typ)
	}
	for _, c := range spec.Components {
		if c.Type == "" || c.Name == "" {
			return nil, nil, errors.New("a component needs a type and a name")
		}
		if c.BillingType == "" {
			c.BillingType = "limit"
		}
		if !slices.Contains(billingTypes, c.BillingType) {
			return nil, nil, fmt.Errorf("component %s: billing type %q: want one of %s", c.Type, c.BillingType, strings.Join(billingTypes, ", "))
		}
		if c.UUID, err = w.freshUUID(c.UUID); err != nil {
			return nil, nil, fmt.Errorf("component %s: %w", c.Type, err)
		}
		o.Components = append(o.Components, c)
	}
	var plans []*planRec
	for _, ps := range spec.Plans {
		p, err := w.buildPlan(o.UUID, ps)
		if err != nil {
			return nil, nil, err
		}
		for _, other := range plans {
			if other.UUID == p.UUID {
				return nil, nil, fmt.Errorf("plan uuid %s given twice", p.UUID)
			}
		}
		plans = append(plans, p)
		o.PlanUUIDs = append(o.PlanUUIDs, p.UUID)
	}
	return o, plans, nil
}

func (w *Waldur) buildPlan(offeringUUID string, ps PlanSpec) (*planRec, error) {
	if ps.Name == "" {
		return nil, errors.New("a plan needs a name")
	}
	id, err := w.freshUUID(ps.UUID)
	if err != nil {
		return nil, fmt.Errorf("plan %s: %w", ps.Name, err)
	}
	unit := ps.Unit
	if unit == "" {
		unit = "month"
	}
	if !slices.Contains(billingUnits, unit) {
		return nil, fmt.Errorf("plan %s: unit %q: want one of %s", ps.Name, unit, strings.Join(billingUnits, ", "))
	}
	price := ps.UnitPrice
	if price == "" {
		price = "0"
	}
	if _, ok := new(big.Rat).SetString(price); !ok {
		return nil, fmt.Errorf("plan %s: unit price %q is not a decimal", ps.Name, price)
	}
	return &planRec{UUID: id, OfferingUUID: offeringUUID, Name: ps.Name, Description: ps.Description, Unit: unit, UnitPrice: price}, nil
}

// freshUUID normalises a requested UUID (or makes one) and refuses one in use.
func (w *Waldur) freshUUID(requested string) (string, error) {
	if requested == "" {
		return newUUID(), nil
	}
	id, ok := normalizeUUID(requested)
	if !ok {
		return "", fmt.Errorf("%q is not a UUID", requested)
	}
	if w.db.Offerings[id] != nil || w.db.Plans[id] != nil {
		return "", fmt.Errorf("uuid %s is taken", id)
	}
	return id, nil
}

func (w *Waldur) providerFor(customerUUID string) (string, error) {
	if customerUUID == "" {
		var oldest *customerRec
		for _, c := range w.db.Customers {
			if oldest == nil || c.Seq < oldest.Seq {
				oldest = c
			}
		}
		if oldest == nil {
			return "", errors.New("no customer to provide the offering: add one first")
		}
		return oldest.UUID, nil
	}
	id, ok := normalizeUUID(customerUUID)
	if !ok || w.db.Customers[id] == nil {
		return "", fmt.Errorf("no customer %q", customerUUID)
	}
	return id, nil
}

func (w *Waldur) offeringPublic(o *offeringRec) Offering {
	out := Offering{
		UUID: o.UUID, Name: o.Name, Slug: o.Slug, Type: o.Type, CustomerUUID: o.CustomerUUID,
		Approval: o.Approval, Outcome: o.Outcome.outcome(),
		Components: append([]ComponentSpec(nil), o.Components...),
	}
	for _, id := range o.PlanUUIDs {
		if p := w.db.Plans[id]; p != nil {
			out.Plans = append(out.Plans, Plan{UUID: p.UUID, OfferingUUID: p.OfferingUUID, Name: p.Name, Unit: p.Unit, UnitPrice: p.UnitPrice})
		}
	}
	return out
}

func defaultCategory(offeringType string) string {
	name := strings.TrimPrefix(offeringType, "Marketplace.")
	if name == "" {
		return "Other"
	}
	return name
}

// categoryUUID derives a stable UUID from a category title, so that
// offerings of one category share it without a category table.
func categoryUUID(title string) string {
	u := uuid.NewSHA1(uuid.NameSpaceURL, []byte("mockcloud:category:"+title))
	return hex.EncodeToString(u[:])
}

func defaultOptions(offeringType string) []OptionSpec {
	if offeringType == "Marketplace.Kubernetes" {
		return kubernetesOptions()
	}
	return []OptionSpec{
		{Name: "name", Type: "string", Label: "Name", Required: true},
		{Name: "description", Type: "text", Label: "Description"},
	}
}

func kubernetesOptions() []OptionSpec {
	one, twenty := 1, 20
	return []OptionSpec{
		{Name: "name", Type: "string", Label: "Cluster name", Required: true, HelpText: "Lower-case letters, digits and dashes."},
		{Name: "description", Type: "text", Label: "Description"},
		{Name: "kubernetes_version", Type: "select_string", Label: "Kubernetes version", Choices: []string{"1.29", "1.30", "1.31"}, Default: "1.30"},
		{Name: "node_count", Type: "integer", Label: "Worker nodes", Min: &one, Max: &twenty, Default: "3"},
		{Name: "flavor", Type: "select_string", Label: "Worker flavor", Choices: []string{"m1.small", "m1.medium", "m1.large"}, Default: "m1.medium"},
	}
}

var slugJunk = regexp.MustCompile(`[^a-z0-9]+`)

// slugify mimics Django's slugify closely enough for slugs that must match
// ^[-a-zA-Z0-9_]+$; fallback is used for names with no usable characters.
func slugify(name, fallback string) string {
	s := strings.Trim(slugJunk.ReplaceAllString(strings.ToLower(name), "-"), "-")
	if len(s) > 50 {
		s = strings.Trim(s[:50], "-")
	}
	if s == "" {
		return fallback
	}
	return s
}
