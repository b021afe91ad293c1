package awanio

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
)

// Organizations and their members. Paths are inferred (see the client's
// path table); DELETE on an organization is assumed.

func (a *Awanio) routeOrganizations(rt *mockcloud.Router) {
	awRoute(rt, "POST", "/organizations", a.endpoint(a.createOrganization))
	awRoute(rt, "GET", "/organizations", a.endpoint(a.listOrganizations))
	awRoute(rt, "GET", "/organizations/{uuid}", a.endpoint(a.getOrganization))
	awRoute(rt, "PUT", "/organizations/{uuid}", a.endpoint(a.updateOrganization))
	awRoute(rt, "DELETE", "/organizations/{uuid}", a.endpoint(a.deleteOrganization))
	awRoute(rt, "PUT", "/organizations/{uuid}/default", a.endpoint(a.setDefaultOrganization))
	awRoute(rt, "GET", "/organizations/{uuid}/members", a.endpoint(a.listOrganizationMembers))
	awRoute(rt, "POST", "/organizations/{uuid}/members", a.endpoint(a.addOrganizationMember))
	awRoute(rt, "PUT", "/organizations/{uuid}/members", a.endpoint(a.changeOrganizationMembers))
	awRoute(rt, "DELETE", "/organizations/{uuid}/members/{user_uuid}", a.endpoint(a.removeOrganizationMember))
}

// memberInput is one element of organization_members[_added|_updated].
type memberInput struct {
	UserUUID  string  `json:"user_uuid"`
	UserLevel flexInt `json:"user_level"`
}

func validLevel(n int) bool { return n == 1 || n == 2 }

// organizationFor returns the organization in the path when the caller is
// a member; admin also requires user_level 1.
func (a *Awanio) organizationFor(c *awCall, param string, admin bool) (*AwanioOrganization, awReply, bool) {
	id, ok := pathUUID(c, param)
	o := a.db.Organizations[id]
	if !ok || o == nil {
		return nil, awNotFound("organization"), false
	}
	m := o.Members[c.user.UUID]
	if m == nil {
		return nil, awForbidden("YOU ARE NOT A MEMBER OF THIS ORGANIZATION"), false
	}
	if admin && m.UserLevel != 1 {
		return nil, awForbidden("ONLY AN ADMIN OF THE ORGANIZATION MAY DO THIS"), false
	}
	return o, awReply{}, true
}

func (a *Awanio) createOrganization(c *awCall) awReply {
	var in struct {
		Name    string        `json:"name"`
		Icon    string        `json:"icon"`
		Members []memberInput `json:"organization_members"`
	}
	if rep, ok := c.decode(&in); !ok {
		return rep
	}
	name := strings.TrimSpace(in.Name)
	if name == "" {
		return awBadRequest("NAME IS REQUIRED")
	}
	if len(name) > 255 {
		return awBadRequest("NAME MUST BE AT MOST 255 CHARACTERS")
	}
	for _, m := range in.Members {
		if rep, ok := a.checkMemberInput(m); !ok {
			return rep
		}
	}
	o := a.addOrganization(AwanioOrganizationSpec{Name: name, OwnerUUID: c.user.UUID}, c.now)
	o.Icon = iconURL(in.Icon, "organizations", o.UUID)
	for _, m := range in.Members {
		uid, _ := canonicalUUID(m.UserUUID)
		if o.Members[uid] == nil {
			o.Members[uid] = newMembership(m.UserLevel.value, c.now)
		}
	}
	return awOK(a.renderOrganization(o, c.user))
}

func (a *Awanio) checkMemberInput(m memberInput) (awReply, bool) {
	uid, ok := canonicalUUID(m.UserUUID)
	if !ok || a.db.Users[uid] == nil {
		return awNotFound("user " + m.UserUUID), false
	}
	if m.UserLevel.set && !validLevel(m.UserLevel.value) {
		return awBadRequest("USER_LEVEL MUST BE 1 (ADMIN) OR 2 (MEMBER)"), false
	}
	return awReply{}, true
}

// iconURL stands in for the uploaded icon: Awanio stores the base64 image
// and answers with its URL.
func iconURL(base64Icon, kind, uuid string) string {
	if base64Icon == "" {
		return ""
	}
	return fmt.Sprintf("data.storage.awanio.example/%s/%s.png", kind, uuid)
}

func newMembership(level int, now time.Time) *AwanioMembership {
	if !validLevel(level) {
		level = 2
	}
	return &AwanioMembership{UUID: newDashedUUID(), UserLevel: level, CreatedAt: now, UpdatedAt: now}
}

func (a *Awanio) listOrganizations(c *awCall) awReply {
	var items []any
	for _, o := range sortedBySeq(a.db.Organizations, func(o *AwanioOrganization) uint64 { return o.Seq }) {
		if o.Members[c.user.UUID] != nil {
			items = append(items, a.renderOrganization(o, c.user))
		}
	}
	return awList(c, items)
}

func (a *Awanio) getOrganization(c *awCall) awReply {
	o, rep, ok := a.organizationFor(c, "uuid", false)
	if !ok {
		return rep
	}
	return awOK(a.renderOrganization(o, c.user))
}

func (a *Awanio) updateOrganization(c *awCall) awReply {
	o, rep, ok := a.organizationFor(c, "uuid", true)
	if !ok {
		return rep
	}
	var in struct {
		Name *string `json:"name"`
		Icon *string `json:"icon"`
	}
	if rep, ok := c.decode(&in); !ok {
		return rep
	}
	if in.Name != nil {
		name := strings.TrimSpace(*in.Name)
		if name == "" {
			return awBadRequest("NAME MUST NOT BE EMPTY")
		}
		o.Name = name
	}
	if in.Icon != nil {
		o.Icon = iconURL(*in.Icon, "organizations", o.UUID)
	}
	o.UpdatedAt = c.now
	a.changed()
	return awOK(a.renderOrganization(o, c.user))
}

func (a *Awanio) deleteOrganization(c *awCall) awReply {
	o, rep, ok := a.organizationFor(c, "uuid", true)
	if !ok {
		return rep
	}
	if n := a.countOwned(o.UUID); n > 0 {
		return awConflict(fmt.Sprintf("ORGANIZATION STILL HAS %d PROJECTS OR RESOURCES; DELETE THEM FIRST", n))
	}
	delete(a.db.Organizations, o.UUID)
	a.changed()
	return awOK("deleted")
}

// countOwned counts the projects and resources of an organization.
func (a *Awanio) countOwned(orgUUID string) int {
	n := 0
	for _, p := range a.db.Projects {
		if p.OrganizationUUID == orgUUID {
			n++
		}
	}
	for _, v := range a.db.Volumes {
		if v.OrganizationUUID == orgUUID {
			n++
		}
	}
	for _, v := range a.db.VPCs {
		if v.OrganizationUUID == orgUUID {
			n++
		}
	}
	return n
}

func (a *Awanio) setDefaultOrganization(c *awCall) awReply {
	o, rep, ok := a.organizationFor(c, "uuid", false)
	if !ok {
		return rep
	}
	for _, other := range a.db.Organizations {
		if m := other.Members[c.user.UUID]; m != nil && m.IsDefault != (other == o) {
			m.IsDefault = other == o
			m.UpdatedAt = c.now
		}
	}
	a.changed()
	return awOK(a.renderMembershipDetail(o, c.user))
}

func (a *Awanio) listOrganizationMembers(c *awCall) awReply {
	o, rep, ok := a.organizationFor(c, "uuid", false)
	if !ok {
		return rep
	}
	var items []any
	for _, uid := range sortedMemberIDs(o.Members) {
		u, m := a.db.Users[uid], o.Members[uid]
		if u == nil {
			continue
		}
		items = append(items, map[string]any{
			"user_id": u.ID, "users": renderUserRef(u), "user_level": m.UserLevel, "is_default": m.IsDefault,
			"created_at": awTime(m.CreatedAt), "updated_at": awTime(m.UpdatedAt),
		})
	}
	return awList(c, items)
}

// sortedMemberIDs orders members by when they joined, then by UUID.
func sortedMemberIDs(members map[string]*AwanioMembership) []string {
	ids := make([]string, 0, len(members))
	for id := range members {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		mi, mj := members[ids[i]], members[ids[j]]
		if !mi.CreatedAt.Equal(mj.CreatedAt) {
			return mi.CreatedAt.Before(mj.CreatedAt)
		}
		return ids[i] < ids[j]
	})
	return ids
}

func (a *Awanio) addOrganizationMember(c *awCall) awReply {
	o, rep, ok := a.organizationFor(c, "uuid", true)
	if !ok {
		return rep
	}
	var in struct {
		MemberUUID string  `json:"member_uuid"`
		UserLevel  flexInt `json:"user_level"`
	}
	if rep, ok := c.decode(&in); !ok {
		return rep
	}
	if rep, ok := a.checkMemberInput(memberInput{UserUUID: in.MemberUUID, UserLevel: in.UserLevel}); !ok {
		return rep
	}
	uid, _ := canonicalUUID(in.MemberUUID)
	if o.Members[uid] != nil {
		return awConflict("USER IS ALREADY A MEMBER OF THIS ORGANIZATION")
	}
	level := 2
	if in.UserLevel.set {
		level = in.UserLevel.value
	}
	o.Members[uid] = newMembership(level, c.now)
	o.UpdatedAt = c.now
	a.changed()
	return awOK(a.renderMembershipDetail(o, a.db.Users[uid]))
}

// changeOrganizationMembers applies organization_members_added, _updated
// and _deleted in one request, all or nothing.
func (a *Awanio) changeOrganizationMembers(c *awCall) awReply {
	o, rep, ok := a.organizationFor(c, "uuid", true)
	if !ok {
		return rep
	}
	var in struct {
		Added   []memberInput `json:"organization_members_added"`
		Updated []memberInput `json:"organization_members_updated"`
		Deleted []memberInput `json:"organization_members_deleted"`
	}
	if rep, ok := c.decode(&in); !ok {
		return rep
	}
	next := make(map[string]*AwanioMembership, len(o.Members))
	for k, v := range o.Members {
		cp := *v
		next[k] = &cp
	}
	for _, m := range in.Added {
		if rep, ok := a.checkMemberInput(m); !ok {
			return rep
		}
		uid, _ := canonicalUUID(m.UserUUID)
		if next[uid] != nil {
			return awConflict("USER " + uid + " IS ALREADY A MEMBER OF THIS ORGANIZATION")
		}
		next[uid] = newMembership(m.UserLevel.value, c.now)
	}
	for _, m := range in.Updated {
		if rep, ok := a.checkMemberInput(m); !ok {
			return rep
		}
		uid, _ := canonicalUUID(m.UserUUID)
		if next[uid] == nil {
			return awNotFound("member " + uid)
		}
		if m.UserLevel.set {
			next[uid].UserLevel = m.UserLevel.value
			next[uid].UpdatedAt = c.now
		}
	}
	for _, m := range in.Deleted {
		uid, ok := canonicalUUID(m.UserUUID)
		if !ok || next[uid] == nil {
			return awNotFound("member " + m.UserUUID)
		}
		delete(next, uid)
	}
	if !hasAdmin(next) {
		return awConflict("AN ORGANIZATION NEEDS AT LEAST ONE ADMIN")
	}
	o.Members = next
	o.UpdatedAt = c.now
	a.changed()
	return awOK(a.renderMembershipDetail(o, c.user))
}

func hasAdmin(members map[string]*AwanioMembership) bool {
	for _, m := range members {
		if m.UserLevel == 1 {
			return true
		}
	}
	return false
}

func (a *Awanio) removeOrganizationMember(c *awCall) awReply {
	o, rep, ok := a.organizationFor(c, "uuid", true)
	if !ok {
		return rep
	}
	uid, ok := pathUUID(c, "user_uuid")
	if !ok || o.Members[uid] == nil {
		return awNotFound("member")
	}
	m := o.Members[uid]
	delete(o.Members, uid)
	if !hasAdmin(o.Members) {
		o.Members[uid] = m
		return awConflict("AN ORGANIZATION NEEDS AT LEAST ONE ADMIN")
	}
	// A former member leaves the organization's projects too.
	for _, p := range a.db.Projects {
		if p.OrganizationUUID == o.UUID {
			delete(p.Members, uid)
		}
	}
	o.UpdatedAt = c.now
	a.changed()
	return awOK("deleted")
}

// renderOrganization is an organization as Awanio shows it; viewer's
// membership fills organization_member (nil: none).
func (a *Awanio) renderOrganization(o *AwanioOrganization, viewer *AwanioUser) map[string]any {
	membership := map[string]any{"users": nil, "user_level": 0, "is_default": false}
	if viewer != nil {
		if m := o.Members[viewer.UUID]; m != nil {
			membership["user_level"], membership["is_default"] = m.UserLevel, m.IsDefault
		}
	}
	var icon any
	if o.Icon != "" {
		icon = o.Icon
	}
	return map[string]any{
		"uuid": o.UUID, "name": o.Name, "slug": o.Slug, "icon": icon,
		"balance": o.Balance, "discount": 0, "payment_plans": o.PaymentPlans,
		"monthly_amount_threshold": 0, "account_payable": 0, "tax_percent": 0,
		"organization_member": membership, "member_count": len(o.Members),
		"vpc": nil, "is_suspend": false,
		"created_at": awTime(o.CreatedAt), "updated_at": awTime(o.UpdatedAt),
	}
}

// renderMembershipDetail is one user's membership, as the member endpoints
// and "set default" answer.
func (a *Awanio) renderMembershipDetail(o *AwanioOrganization, u *AwanioUser) map[string]any {
	m := o.Members[u.UUID]
	level, isDefault := 0, false
	var created, updated time.Time
	if m != nil {
		level, isDefault, created, updated = m.UserLevel, m.IsDefault, m.CreatedAt, m.UpdatedAt
	}
	var projects []any
	for _, p := range sortedBySeq(a.db.Projects, func(p *AwanioProject) uint64 { return p.Seq }) {
		if p.OrganizationUUID == o.UUID && p.Members[u.UUID] != nil {
			projects = append(projects, map[string]any{
				"uuid": p.UUID, "name": p.Name, "slug": p.Slug,
				"created_at": awTime(p.CreatedAt), "updated_at": awTime(p.UpdatedAt),
			})
		}
	}
	return map[string]any{
		"users": renderUserRef(u), "organization": a.renderOrganization(o, u),
		"user_level": level, "is_default": isDefault,
		"created_at": awTime(created), "updated_at": awTime(updated),
		"primary_project": a.primaryProjectRef(o.UUID, u.UUID), "projects": projects,
	}
}
