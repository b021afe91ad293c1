package awanio

import "fmt"

// awGroupRef is the {group-type}/{uuid} owner of a group-scoped object
// (object storage, Kubernetes cluster): an organization or a project.
type awGroupRef struct {
	Type             string // organizations or projects
	UUID             string
	OrganizationUUID string // the organization itself, or the project's
}

// key is how group-scoped records are stored: "projects/<uuid>".
func (g awGroupRef) key() string { return g.Type + "/" + g.UUID }

// groupOfCall resolves {group_type}/{uuid} of the request and checks that
// the caller is a member of the organization (or of the project, or an
// admin of the project's organization).
func (a *Awanio) groupOfCall(c *awCall) (awGroupRef, awReply, bool) {
	gt := c.r.PathValue("group_type")
	id, ok := pathUUID(c, "uuid")
	switch gt {
	case "organizations":
		o := a.db.Organizations[id]
		if !ok || o == nil {
			return awGroupRef{}, awNotFound("organization"), false
		}
		if o.Members[c.user.UUID] == nil {
			return awGroupRef{}, awForbidden("YOU ARE NOT A MEMBER OF THIS ORGANIZATION"), false
		}
		return awGroupRef{Type: gt, UUID: id, OrganizationUUID: id}, awReply{}, true
	case "projects":
		p := a.db.Projects[id]
		if !ok || p == nil {
			return awGroupRef{}, awNotFound("project"), false
		}
		o := a.db.Organizations[p.OrganizationUUID]
		if p.Members[c.user.UUID] == nil && (o == nil || o.Members[c.user.UUID] == nil || o.Members[c.user.UUID].UserLevel != 1) {
			return awGroupRef{}, awForbidden("YOU ARE NOT A MEMBER OF THIS PROJECT"), false
		}
		return awGroupRef{Type: gt, UUID: id, OrganizationUUID: p.OrganizationUUID}, awReply{}, true
	}
	return awGroupRef{}, awBadRequest("GROUP TYPE MUST BE ONE OF organizations OR projects, NOT %q", gt), false
}

// groupKey builds the storage key for Go API callers.
func groupKey(groupType, uuid string) string {
	id := canonicalOrEmpty(uuid)
	if groupType != "organizations" && groupType != "projects" {
		panic(fmt.Sprintf("mockcloud: group type %q", groupType))
	}
	return groupType + "/" + id
}

// IssuedTokens returns every JWT the mock accepts, so that tests can check
// none of them leaked into logs or state.
func (a *Awanio) IssuedTokens() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	out := make([]string, 0, len(a.db.Tokens))
	for t := range a.db.Tokens {
		out = append(out, t)
	}
	return out
}
