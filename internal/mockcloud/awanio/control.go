package awanio

import (
	"encoding/json"
	"fmt"
	"time"
)

// The Awanio mock's Go API for tests: seed users, organizations, projects
// and the catalogue, delete objects out of band, expire tokens, and inspect
// what the API stored. Everything returned is a copy.

// AwanioUserSpec describes a user to add. Empty UUID picks one; Inactive
// users must verify their e-mail address before they can log in.
type AwanioUserSpec struct {
	UUID     string
	Username string
	Name     string
	Email    string
	Password string
	Inactive bool
}

// AwanioOrganizationSpec describes an organization to add; OwnerUUID
// becomes its admin (and the organization the owner's default when the
// owner has none).
type AwanioOrganizationSpec struct {
	UUID      string
	Name      string
	OwnerUUID string
	Balance   float64
}

// AwanioProjectSpec describes a project to add; OwnerUUID becomes its admin.
type AwanioProjectSpec struct {
	UUID             string
	Name             string
	OrganizationUUID string
	OwnerUUID        string
}

// AddUser adds a user and returns it.
func (a *Awanio) AddUser(spec AwanioUserSpec) AwanioUser {
	a.mu.Lock()
	defer a.mu.Unlock()
	return *a.addUser(spec, a.now())
}

func (a *Awanio) addUser(spec AwanioUserSpec, now time.Time) *AwanioUser {
	id := spec.UUID
	if id == "" {
		id = newDashedUUID()
	}
	id = mustUUID(id)
	u := &AwanioUser{
		ID: a.nextSeq(), UUID: id, Username: spec.Username, Name: spec.Name, Email: spec.Email,
		Password: spec.Password, Status: "active", CreatedAt: now,
	}
	if spec.Inactive {
		u.Status = "inactive"
		u.VerificationCode = fmt.Sprintf("VC-%06d", a.db.Seq*7919%1000000)
	}
	a.db.Users[id] = u
	a.changed()
	return u
}

// AddToken lets token authenticate as the user (e.g. a fixed demo JWT).
func (a *Awanio) AddToken(token, userUUID string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.db.Tokens[token] = mustUUID(userUUID)
	a.changed()
}

// IssueToken returns a fresh JWT for the user.
func (a *Awanio) IssueToken(userUUID string) string {
	a.mu.Lock()
	defer a.mu.Unlock()
	token := newJWT(userUUID, a.now())
	a.db.Tokens[token] = mustUUID(userUUID)
	a.changed()
	return token
}

// ExpireTokens makes every JWT invalid, as if they had all expired, and
// returns how many there were. Clients with a password log in again.
func (a *Awanio) ExpireTokens() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	n := len(a.db.Tokens)
	a.db.Tokens = map[string]string{}
	a.changed()
	return n
}

// VerificationCode is the code a registered user was "e-mailed".
func (a *Awanio) VerificationCode(email string) (string, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	u := a.userByLogin(email)
	if u == nil || u.VerificationCode == "" {
		return "", false
	}
	return u.VerificationCode, true
}

// User returns a user by UUID.
func (a *Awanio) User(uuid string) (AwanioUser, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return copyOf(a.db.Users[canonicalOrEmpty(uuid)])
}

// AddOrganization adds an organization and returns it.
func (a *Awanio) AddOrganization(spec AwanioOrganizationSpec) AwanioOrganization {
	a.mu.Lock()
	defer a.mu.Unlock()
	return cloneOrganization(a.addOrganization(spec, a.now()))
}

func (a *Awanio) addOrganization(spec AwanioOrganizationSpec, now time.Time) *AwanioOrganization {
	id := spec.UUID
	if id == "" {
		id = newDashedUUID()
	}
	id = mustUUID(id)
	o := &AwanioOrganization{
		Seq: a.nextSeq(), UUID: id, Name: spec.Name, Balance: spec.Balance, PaymentPlans: "prepaid",
		Members: map[string]*AwanioMembership{}, CreatedAt: now, UpdatedAt: now,
	}
	o.Slug = uniqueSlug(awSlugify(spec.Name), func(s string) bool {
		for _, other := range a.db.Organizations {
			if other.Slug == s {
				return true
			}
		}
		return false
	})
	if spec.OwnerUUID != "" {
		owner := mustUUID(spec.OwnerUUID)
		m := newMembership(1, now)
		m.IsDefault = !a.hasDefaultOrganization(owner)
		o.Members[owner] = m
	}
	a.db.Organizations[id] = o
	a.changed()
	return o
}

func (a *Awanio) hasDefaultOrganization(userUUID string) bool {
	for _, o := range a.db.Organizations {
		if m := o.Members[userUUID]; m != nil && m.IsDefault {
			return true
		}
	}
	return false
}

// Organization returns an organization by UUID.
func (a *Awanio) Organization(uuid string) (AwanioOrganization, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	o := a.db.Organizations[canonicalOrEmpty(uuid)]
	if o == nil {
		return AwanioOrganization{}, false
	}
	return cloneOrganization(o), true
}

// Organizations returns every organization in creation order.
func (a *Awanio) Organizations() []AwanioOrganization {
	a.mu.Lock()
	defer a.mu.Unlock()
	var out []AwanioOrganization
	for _, o := range sortedBySeq(a.db.Organizations, func(o *AwanioOrganization) uint64 { return o.Seq }) {
		out = append(out, cloneOrganization(o))
	}
	return out
}

// DeleteOrganization removes an organization out of band (with its
// projects), as if someone deleted it in Awanio's console.
func (a *Awanio) DeleteOrganization(uuid string) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	id := canonicalOrEmpty(uuid)
	if a.db.Organizations[id] == nil {
		return false
	}
	delete(a.db.Organizations, id)
	for pid, p := range a.db.Projects {
		if p.OrganizationUUID == id {
			delete(a.db.Projects, pid)
		}
	}
	a.changed()
	return true
}

// SetOrganizationMember adds or changes a member out of band (level 1
// admin, 2 member).
func (a *Awanio) SetOrganizationMember(orgUUID, userUUID string, level int) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	o := a.db.Organizations[canonicalOrEmpty(orgUUID)]
	if o == nil {
		return fmt.Errorf("organization %s not found", orgUUID)
	}
	uid := mustUUID(userUUID)
	if m := o.Members[uid]; m != nil {
		m.UserLevel = level
	} else {
		o.Members[uid] = newMembership(level, a.now())
	}
	a.changed()
	return nil
}

// RemoveOrganizationMember removes a member out of band.
func (a *Awanio) RemoveOrganizationMember(orgUUID, userUUID string) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	o := a.db.Organizations[canonicalOrEmpty(orgUUID)]
	uid := canonicalOrEmpty(userUUID)
	if o == nil || o.Members[uid] == nil {
		return false
	}
	delete(o.Members, uid)
	a.changed()
	return true
}

// AddProject adds a project and returns it.
func (a *Awanio) AddProject(spec AwanioProjectSpec) AwanioProject {
	a.mu.Lock()
	defer a.mu.Unlock()
	return cloneProject(a.addProject(spec, a.now()))
}

func (a *Awanio) addProject(spec AwanioProjectSpec, now time.Time) *AwanioProject {
	id := spec.UUID
	if id == "" {
		id = newDashedUUID()
	}
	id = mustUUID(id)
	p := &AwanioProject{
		Seq: a.nextSeq(), UUID: id, Name: spec.Name, OrganizationUUID: mustUUID(spec.OrganizationUUID),
		Members: map[string]*AwanioMembership{}, CreatedAt: now, UpdatedAt: now,
	}
	p.Slug = awSlugify(spec.Name)
	if spec.OwnerUUID != "" {
		p.Members[mustUUID(spec.OwnerUUID)] = newMembership(1, now)
	}
	a.db.Projects[id] = p
	a.changed()
	return p
}

// AddCatalogue adds (or replaces) a catalogue entry.
func (a *Awanio) AddCatalogue(c AwanioCatalogue) AwanioCatalogue {
	a.mu.Lock()
	defer a.mu.Unlock()
	if c.UUID == "" {
		c.UUID = newDashedUUID()
	}
	c.UUID = mustUUID(c.UUID)
	if c.Type == "" {
		c.Type = "os"
	}
	if c.Visibility == "" {
		c.Visibility = "public"
	}
	a.db.Catalogues[c.UUID] = &c
	a.changed()
	return c
}

// AddPricing adds (or replaces) a price plan.
func (a *Awanio) AddPricing(p AwanioPricing) AwanioPricing {
	a.mu.Lock()
	defer a.mu.Unlock()
	if p.UUID == "" {
		p.UUID = newDashedUUID()
	}
	p.UUID = mustUUID(p.UUID)
	if p.Availability == "" {
		p.Availability = "available"
	}
	if p.PricingUnit == "" {
		p.PricingUnit = "hour"
	}
	a.db.Pricings[p.UUID] = &p
	a.changed()
	return p
}

// AddKubernetesVersion adds (or replaces) a Kubernetes version.
func (a *Awanio) AddKubernetesVersion(v AwanioKubeVersion) AwanioKubeVersion {
	a.mu.Lock()
	defer a.mu.Unlock()
	if v.UUID == "" {
		v.UUID = newDashedUUID()
	}
	v.UUID = mustUUID(v.UUID)
	a.db.KubernetesVersions[v.UUID] = &v
	a.changed()
	return v
}

// AddMachine adds (or replaces) a baremetal machine.
func (a *Awanio) AddMachine(m AwanioMachine) AwanioMachine {
	a.mu.Lock()
	defer a.mu.Unlock()
	if m.UUID == "" {
		m.UUID = newDashedUUID()
	}
	m.UUID = mustUUID(m.UUID)
	a.db.Machines[m.UUID] = &m
	a.changed()
	return m
}

// mustUUID canonicalises a UUID given by test code; a malformed one is a
// bug in the test.
func mustUUID(s string) string {
	id, ok := canonicalUUID(s)
	if !ok {
		panic(fmt.Sprintf("mockcloud: %q is not a UUID", s))
	}
	return id
}

func canonicalOrEmpty(s string) string {
	id, _ := canonicalUUID(s)
	return id
}

// copyOf returns *p and whether p was non-nil.
func copyOf[T any](p *T) (T, bool) {
	if p == nil {
		var zero T
		return zero, false
	}
	return *p, true
}

// deepCopy copies a record with maps through JSON, which is what it is
// saved as anyway.
func deepCopy[T any](v *T) T {
	var out T
	b, err := json.Marshal(v)
	if err == nil {
		err = json.Unmarshal(b, &out)
	}
	if err != nil {
		panic("mockcloud: copying a record: " + err.Error())
	}
	return out
}

func cloneOrganization(o *AwanioOrganization) AwanioOrganization { return deepCopy(o) }

func cloneProject(p *AwanioProject) AwanioProject { return deepCopy(p) }

// SetProjectAnswersNull makes project create and update answer
// {"data": null, "result": true}, as Awanio's documentation shows, instead
// of the project (what Awanio's own client code expects).
func (a *Awanio) SetProjectAnswersNull(null bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.projectAnswersNull = null
}

// Project returns a project by UUID.
func (a *Awanio) Project(uuid string) (AwanioProject, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	p := a.db.Projects[canonicalOrEmpty(uuid)]
	if p == nil {
		return AwanioProject{}, false
	}
	return cloneProject(p), true
}

// Projects returns every project in creation order.
func (a *Awanio) Projects() []AwanioProject {
	a.mu.Lock()
	defer a.mu.Unlock()
	var out []AwanioProject
	for _, p := range sortedBySeq(a.db.Projects, func(p *AwanioProject) uint64 { return p.Seq }) {
		out = append(out, cloneProject(p))
	}
	return out
}

// DeleteProject removes a project out of band.
func (a *Awanio) DeleteProject(uuid string) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	id := canonicalOrEmpty(uuid)
	if a.db.Projects[id] == nil {
		return false
	}
	delete(a.db.Projects, id)
	a.changed()
	return true
}

// SetProjectMember adds or changes a project member out of band; level 0
// removes the member.
func (a *Awanio) SetProjectMember(projectUUID, userUUID string, level int) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	p := a.db.Projects[canonicalOrEmpty(projectUUID)]
	if p == nil {
		return fmt.Errorf("project %s not found", projectUUID)
	}
	uid := mustUUID(userUUID)
	switch {
	case level == 0:
		delete(p.Members, uid)
	case p.Members[uid] != nil:
		p.Members[uid].UserLevel = level
	default:
		p.Members[uid] = newMembership(level, a.now())
	}
	a.changed()
	return nil
}

// VPC returns a VPC by UUID.
func (a *Awanio) VPC(uuid string) (AwanioVPC, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return copyOf(a.db.VPCs[canonicalOrEmpty(uuid)])
}

// VPCs returns every VPC in creation order.
func (a *Awanio) VPCs() []AwanioVPC {
	a.mu.Lock()
	defer a.mu.Unlock()
	var out []AwanioVPC
	for _, v := range sortedBySeq(a.db.VPCs, func(v *AwanioVPC) uint64 { return v.Seq }) {
		out = append(out, *v)
	}
	return out
}

// DeleteVPC removes a VPC out of band.
func (a *Awanio) DeleteVPC(uuid string) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	id := canonicalOrEmpty(uuid)
	if a.db.VPCs[id] == nil {
		return false
	}
	delete(a.db.VPCs, id)
	a.changed()
	return true
}

// Volume returns a volume by UUID.
func (a *Awanio) Volume(uuid string) (AwanioVolume, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return copyOf(a.db.Volumes[canonicalOrEmpty(uuid)])
}

// Volumes returns every volume in creation order.
func (a *Awanio) Volumes() []AwanioVolume {
	a.mu.Lock()
	defer a.mu.Unlock()
	var out []AwanioVolume
	for _, v := range sortedBySeq(a.db.Volumes, func(v *AwanioVolume) uint64 { return v.Seq }) {
		out = append(out, *v)
	}
	return out
}

// DeleteVolume removes a volume out of band.
func (a *Awanio) DeleteVolume(uuid string) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	id := canonicalOrEmpty(uuid)
	if a.db.Volumes[id] == nil {
		return false
	}
	delete(a.db.Volumes, id)
	a.changed()
	return true
}
