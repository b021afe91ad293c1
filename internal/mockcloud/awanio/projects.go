package awanio

import (
	"fmt"
	"strings"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
)

// Projects: POST/GET /projects and GET/PUT/DELETE /projects/{uuid} are
// documented (flat, organization_uuid in the body); primary and member
// paths are inferred.

func (a *Awanio) routeProjects(rt *mockcloud.Router) {
	awRoute(rt, "POST", "/projects", a.endpoint(a.createProject))
	awRoute(rt, "GET", "/projects", a.endpoint(a.listProjects))
	awRoute(rt, "GET", "/projects/{uuid}", a.endpoint(a.getProject))
	awRoute(rt, "PUT", "/projects/{uuid}", a.endpoint(a.updateProject))
	awRoute(rt, "DELETE", "/projects/{uuid}", a.endpoint(a.deleteProject))
	awRoute(rt, "PUT", "/projects/{uuid}/primary", a.endpoint(a.setPrimaryProject))
	awRoute(rt, "DELETE", "/projects/{uuid}/primary", a.endpoint(a.releasePrimaryProject))
	awRoute(rt, "GET", "/projects/{uuid}/members", a.endpoint(a.listProjectMembers))
	awRoute(rt, "POST", "/projects/{uuid}/members", a.endpoint(a.addProjectMember))
	awRoute(rt, "PUT", "/projects/{uuid}/members/{user_uuid}", a.endpoint(a.changeProjectMemberLevel))
	awRoute(rt, "DELETE", "/projects/{uuid}/members/{user_uuid}", a.endpoint(a.removeProjectMember))
}

// canSee: members of the project and of its organization see it.
func (a *Awanio) canSeeProject(p *AwanioProject, u *AwanioUser) bool {
	if p.Members[u.UUID] != nil {
		return true
	}
	o := a.db.Organizations[p.OrganizationUUID]
	return o != nil && o.Members[u.UUID] != nil
}

// canManage: admins of the project or of its organization change it.
func (a *Awanio) canManageProject(p *AwanioProject, u *AwanioUser) bool {
	if m := p.Members[u.UUID]; m != nil && m.UserLevel == 1 {
		return true
	}
	o := a.db.Organizations[p.OrganizationUUID]
	return o != nil && o.Members[u.UUID] != nil && o.Members[u.UUID].UserLevel == 1
}

func (a *Awanio) projectFor(c *awCall, manage bool) (*AwanioProject, awReply, bool) {
	id, ok := pathUUID(c, "uuid")
	p := a.db.Projects[id]
	if !ok || p == nil {
		return nil, awNotFound("project"), false
	}
	if !a.canSeeProject(p, c.user) {
		return nil, awForbidden("YOU ARE NOT A MEMBER OF THIS PROJECT"), false
	}
	if manage && !a.canManageProject(p, c.user) {
		return nil, awForbidden("ONLY AN ADMIN OF THE PROJECT MAY DO THIS"), false
	}
	return p, awReply{}, true
}

// projectAnswer is what create and update answer: the project, or null
// when the test asked for the documented data: null.
func (a *Awanio) projectAnswer(p *AwanioProject, u *AwanioUser) awReply {
	if a.projectAnswersNull {
		return awOK(nil)
	}
	return awOK(a.renderProject(p, u))
}

// checkProjectMember validates a member to add: an existing user who
// belongs to the project's organization.
func (a *Awanio) checkProjectMember(orgUUID string, m memberInput) (string, awReply, bool) {
	if rep, ok := a.checkMemberInput(m); !ok {
		return "", rep, false
	}
	uid, _ := canonicalUUID(m.UserUUID)
	if o := a.db.Organizations[orgUUID]; o == nil || o.Members[uid] == nil {
		return "", awBadRequest("USER %s IS NOT A MEMBER OF THE ORGANIZATION", uid), false
	}
	return uid, awReply{}, true
}

func (a *Awanio) createProject(c *awCall) awReply {
	var in struct {
		Name             string        `json:"name"`
		Icon             string        `json:"icon"`
		OrganizationUUID string        `json:"organization_uuid"`
		Members          []memberInput `json:"project_members"`
	}
	if rep, ok := c.decode(&in); !ok {
		return rep
	}
	name := strings.TrimSpace(in.Name)
	if name == "" {
		return awBadRequest("NAME IS REQUIRED")
	}
	if rep, ok := c.require("organization_uuid"); !ok {
		return rep // projects are flat: the owner is in the body (api-reference §2)
	}
	orgUUID, ok := canonicalUUID(in.OrganizationUUID)
	o := a.db.Organizations[orgUUID]
	if !ok || o == nil {
		return awNotFound("organization")
	}
	if o.Members[c.user.UUID] == nil {
		return awForbidden("YOU ARE NOT A MEMBER OF THIS ORGANIZATION")
	}
	members := map[string]int{}
	for _, m := range in.Members {
		uid, rep, ok := a.checkProjectMember(orgUUID, m)
		if !ok {
			return rep
		}
		members[uid] = m.UserLevel.value
	}
	p := a.addProject(AwanioProjectSpec{Name: name, OrganizationUUID: orgUUID, OwnerUUID: c.user.UUID}, c.now)
	p.Icon = iconURL(in.Icon, "projects", p.UUID)
	for uid, level := range members {
		if p.Members[uid] == nil {
			p.Members[uid] = newMembership(level, c.now)
		}
	}
	return a.projectAnswer(p, c.user)
}

func (a *Awanio) listProjects(c *awCall) awReply {
	var items []any
	for _, p := range sortedBySeq(a.db.Projects, func(p *AwanioProject) uint64 { return p.Seq }) {
		if a.canSeeProject(p, c.user) {
			items = append(items, a.renderProject(p, c.user))
		}
	}
	return awList(c, items)
}

func (a *Awanio) getProject(c *awCall) awReply {
	p, rep, ok := a.projectFor(c, false)
	if !ok {
		return rep
	}
	return awOK(a.renderProject(p, c.user))
}

// updateProject takes name, organization_uuid, icon and member changes in
// the plural (project_members_added) or the documented singular
// (project_member_added) spelling, all or nothing.
func (a *Awanio) updateProject(c *awCall) awReply {
	p, rep, ok := a.projectFor(c, true)
	if !ok {
		return rep
	}
	var in struct {
		Name             *string       `json:"name"`
		Icon             *string       `json:"icon"`
		OrganizationUUID *string       `json:"organization_uuid"`
		Added            []memberInput `json:"project_members_added"`
		Updated          []memberInput `json:"project_members_updated"`
		Deleted          []memberInput `json:"project_members_deleted"`
		AddedSingular    []memberInput `json:"project_member_added"`
		UpdatedSingular  []memberInput `json:"project_member_updated"`
		DeletedSingular  []memberInput `json:"project_member_deleted"`
	}
	if rep, ok := c.decode(&in); !ok {
		return rep
	}
	orgUUID := p.OrganizationUUID
	if in.OrganizationUUID != nil && *in.OrganizationUUID != "" {
		id, ok := canonicalUUID(*in.OrganizationUUID)
		o := a.db.Organizations[id]
		if !ok || o == nil {
			return awNotFound("organization")
		}
		if m := o.Members[c.user.UUID]; m == nil || m.UserLevel != 1 {
			return awForbidden("ONLY AN ADMIN OF THE TARGET ORGANIZATION MAY MOVE A PROJECT THERE")
		}
		orgUUID = id
	}
	name := p.Name
	if in.Name != nil {
		if name = strings.TrimSpace(*in.Name); name == "" {
			return awBadRequest("NAME MUST NOT BE EMPTY")
		}
	}
	next := make(map[string]*AwanioMembership, len(p.Members))
	for k, v := range p.Members {
		cp := *v
		next[k] = &cp
	}
	for _, m := range append(in.Added, in.AddedSingular...) {
		uid, rep, ok := a.checkProjectMember(orgUUID, m)
		if !ok {
			return rep
		}
		if next[uid] != nil {
			return awConflict("USER " + uid + " IS ALREADY A MEMBER OF THIS PROJECT")
		}
		next[uid] = newMembership(m.UserLevel.value, c.now)
	}
	for _, m := range append(in.Updated, in.UpdatedSingular...) {
		uid, ok := canonicalUUID(m.UserUUID)
		if !ok || next[uid] == nil {
			return awNotFound("member " + m.UserUUID)
		}
		if m.UserLevel.set {
			if !validLevel(m.UserLevel.value) {
				return awBadRequest("USER_LEVEL MUST BE 1 (ADMIN) OR 2 (MEMBER)")
			}
			next[uid].UserLevel, next[uid].UpdatedAt = m.UserLevel.value, c.now
		}
	}
	for _, m := range append(in.Deleted, in.DeletedSingular...) {
		uid, ok := canonicalUUID(m.UserUUID)
		if !ok || next[uid] == nil {
			return awNotFound("member " + m.UserUUID)
		}
		delete(next, uid)
	}
	p.Name, p.OrganizationUUID, p.Members = name, orgUUID, next
	if in.Icon != nil {
		p.Icon = iconURL(*in.Icon, "projects", p.UUID)
	}
	p.UpdatedAt = c.now
	a.changed()
	return a.projectAnswer(p, c.user)
}

func (a *Awanio) deleteProject(c *awCall) awReply {
	p, rep, ok := a.projectFor(c, true)
	if !ok {
		return rep
	}
	n := 0
	for _, v := range a.db.Volumes {
		if v.ProjectUUID == p.UUID {
			n++
		}
	}
	if n > 0 {
		return awConflict(fmt.Sprintf("PROJECT STILL HAS %d RESOURCES; DELETE THEM FIRST", n))
	}
	delete(a.db.Projects, p.UUID)
	a.changed()
	return awOK("deleted")
}

// setPrimaryProject makes p the caller's primary project in its
// organization (and no other project there).
func (a *Awanio) setPrimaryProject(c *awCall) awReply {
	p, rep, ok := a.projectFor(c, false)
	if !ok {
		return rep
	}
	m := p.Members[c.user.UUID]
	if m == nil {
		return awForbidden("ONLY A MEMBER OF THE PROJECT CAN MAKE IT PRIMARY")
	}
	for _, other := range a.db.Projects {
		if om := other.Members[c.user.UUID]; other.OrganizationUUID == p.OrganizationUUID && om != nil && om.IsDefault && other != p {
			om.IsDefault, om.UpdatedAt = false, c.now
		}
	}
	m.IsDefault, m.UpdatedAt = true, c.now
	a.changed()
	return awOK(a.renderProjectMembership(m, c.user))
}

func (a *Awanio) releasePrimaryProject(c *awCall) awReply {
	p, rep, ok := a.projectFor(c, false)
	if !ok {
		return rep
	}
	m := p.Members[c.user.UUID]
	if m == nil {
		return awForbidden("ONLY A MEMBER OF THE PROJECT CAN RELEASE IT")
	}
	m.IsDefault, m.UpdatedAt = false, c.now
	a.changed()
	return awOK(a.renderProjectMembership(m, nil))
}

func (a *Awanio) listProjectMembers(c *awCall) awReply {
	p, rep, ok := a.projectFor(c, false)
	if !ok {
		return rep
	}
	var items []any
	for _, uid := range sortedMemberIDs(p.Members) {
		u, m := a.db.Users[uid], p.Members[uid]
		if u == nil {
			continue
		}
		item := a.renderProjectMembership(m, u)
		item["project"] = map[string]any{
			"uuid": p.UUID, "name": p.Name, "slug": p.Slug,
			"created_at": awTime(p.CreatedAt), "updated_at": awTime(p.UpdatedAt),
		}
		items = append(items, item)
	}
	return awList(c, items)
}

func (a *Awanio) addProjectMember(c *awCall) awReply {
	p, rep, ok := a.projectFor(c, true)
	if !ok {
		return rep
	}
	var in struct {
		MemberUUID string `json:"member_uuid"`
	}
	if rep, ok := c.decode(&in); !ok {
		return rep
	}
	uid, rep, ok := a.checkProjectMember(p.OrganizationUUID, memberInput{UserUUID: in.MemberUUID})
	if !ok {
		return rep
	}
	if p.Members[uid] != nil {
		return awConflict("USER IS ALREADY A MEMBER OF THIS PROJECT")
	}
	p.Members[uid] = newMembership(2, c.now)
	a.changed()
	return awOK(nil)
}

func (a *Awanio) changeProjectMemberLevel(c *awCall) awReply {
	p, rep, ok := a.projectFor(c, true)
	if !ok {
		return rep
	}
	uid, ok := pathUUID(c, "user_uuid")
	m := p.Members[uid]
	if !ok || m == nil {
		return awNotFound("member")
	}
	var in struct {
		UserLevel flexInt `json:"user_level"`
	}
	if rep, ok := c.decode(&in); !ok {
		return rep
	}
	if !validLevel(in.UserLevel.value) {
		return awBadRequest("USER_LEVEL MUST BE 1 (ADMIN) OR 2 (MEMBER)")
	}
	m.UserLevel, m.UpdatedAt = in.UserLevel.value, c.now
	a.changed()
	return awOK("level changed")
}

func (a *Awanio) removeProjectMember(c *awCall) awReply {
	p, rep, ok := a.projectFor(c, true)
	if !ok {
		return rep
	}
	uid, ok := pathUUID(c, "user_uuid")
	if !ok || p.Members[uid] == nil {
		return awNotFound("member")
	}
	delete(p.Members, uid)
	a.changed()
	return awOK("deleted")
}

// renderProject is a project as Awanio lists it, with the viewer's
// membership in project_member (null when the viewer is not a member).
func (a *Awanio) renderProject(p *AwanioProject, viewer *AwanioUser) map[string]any {
	var org any
	if o := a.db.Organizations[p.OrganizationUUID]; o != nil {
		r := a.renderOrganization(o, nil)
		delete(r, "organization_member")
		org = r
	}
	var membership any
	if viewer != nil {
		if m := p.Members[viewer.UUID]; m != nil {
			membership = a.renderProjectMembership(m, nil)
		}
	}
	var icon any
	if p.Icon != "" {
		icon = p.Icon
	}
	return map[string]any{
		"uuid": p.UUID, "name": p.Name, "slug": p.Slug, "icon": icon, "organization": org,
		"project_member": membership,
		"created_at":     awTime(p.CreatedAt), "updated_at": awTime(p.UpdatedAt),
	}
}

// renderProjectMembership is a project membership; with u, it names the user.
func (a *Awanio) renderProjectMembership(m *AwanioMembership, u *AwanioUser) map[string]any {
	out := map[string]any{
		"uuid": m.UUID, "user_type": "users", "user_level": m.UserLevel, "is_default": m.IsDefault,
		"created_at": awTime(m.CreatedAt), "updated_at": awTime(m.UpdatedAt),
	}
	if u != nil {
		out["user"] = map[string]any{"uuid": u.UUID, "username": u.Username, "name": u.Name, "status": u.Status, "kind": "account"}
	}
	return out
}
