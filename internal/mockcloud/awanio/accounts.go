package awanio

import (
	"net/http"
	"strings"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
)

// Accounts: login (documented path), register, verify and the user detail.

func (a *Awanio) routeAccounts(rt *mockcloud.Router) {
	awRoute(rt, "POST", "/accounts/login", a.public(a.login))
	awRoute(rt, "POST", "/accounts/register", a.public(a.register))
	awRoute(rt, "POST", "/accounts/verify", a.public(a.verify))
	awRoute(rt, "GET", "/accounts/me", a.endpoint(a.userDetail))
}

func (a *Awanio) login(c *awCall) awReply {
	var in struct {
		Username string `json:"username"`
		Password string `json:"password"`
	}
	if rep, ok := c.decode(&in); !ok {
		return rep
	}
	if in.Username == "" || in.Password == "" {
		return awBadRequest("USERNAME AND PASSWORD ARE REQUIRED")
	}
	u := a.userByLogin(in.Username)
	if u == nil || u.Password != in.Password {
		return awBadLogin
	}
	if u.Status != "active" {
		return awInactiveUser
	}
	token := newJWT(u.UUID, c.now)
	a.db.Tokens[token] = u.UUID
	u.LastLogin = c.now
	a.changed()
	data := a.renderUserBasic(u)
	data["token"] = token
	data["credentials"] = []any{map[string]any{
		"type": "email", "user_key": u.Email, "user_value": "", "status": u.Status,
		"last_accessed_date": awTime(c.now), "desc": "",
		"created_at": awTime(u.CreatedAt), "updated_at": awTime(u.CreatedAt),
	}}
	return awOK(data)
}

// userByLogin finds a user by username or e-mail address.
func (a *Awanio) userByLogin(login string) *AwanioUser {
	for _, u := range a.db.Users {
		if u.Username == login || (u.Email != "" && strings.EqualFold(u.Email, login)) {
			return u
		}
	}
	return nil
}

func (a *Awanio) register(c *awCall) awReply {
	var in struct {
		Username string `json:"username"`
		Name     string `json:"name"`
		Email    string `json:"email"`
		Password string `json:"password"`
	}
	if rep, ok := c.decode(&in); !ok {
		return rep
	}
	switch {
	case in.Username == "" || in.Email == "" || in.Password == "":
		return awBadRequest("USERNAME, EMAIL AND PASSWORD ARE REQUIRED")
	case !strings.Contains(in.Email, "@"):
		return awBadRequest("EMAIL IS NOT VALID")
	case a.userByLogin(in.Username) != nil || a.userByLogin(in.Email) != nil:
		return awConflict("USERNAME OR EMAIL IS ALREADY REGISTERED")
	}
	u := a.addUser(AwanioUserSpec{Username: in.Username, Name: in.Name, Email: in.Email, Password: in.Password, Inactive: true}, c.now)
	return awOK(a.renderUserBasic(u))
}

func (a *Awanio) verify(c *awCall) awReply {
	var in struct {
		Email            string `json:"email"`
		VerificationCode string `json:"verification_code"`
	}
	if rep, ok := c.decode(&in); !ok {
		return rep
	}
	u := a.userByLogin(in.Email)
	if u == nil || in.Email == "" {
		return awNotFound("user")
	}
	if u.Status == "active" {
		return awConflict("USER IS ALREADY VERIFIED")
	}
	if in.VerificationCode == "" || in.VerificationCode != u.VerificationCode {
		return awErr(http.StatusBadRequest, "400-2", "INVALID VERIFICATION CODE", "VERIFICATION CODE IS NOT VALID")
	}
	u.Status, u.VerificationCode = "active", ""
	a.changed()
	return awOK(a.renderUserBasic(u))
}

func (a *Awanio) userDetail(c *awCall) awReply {
	u := c.user
	data := a.renderUserBasic(u)
	data["kind"] = "account"
	var orgs []any
	var primary any
	for _, o := range sortedBySeq(a.db.Organizations, func(o *AwanioOrganization) uint64 { return o.Seq }) {
		m := o.Members[u.UUID]
		if m == nil {
			continue
		}
		orgs = append(orgs, map[string]any{
			"user_type": "users", "organization": a.renderOrganization(o, nil),
			"user_level": m.UserLevel, "is_default": m.IsDefault,
			"created_at": awTime(m.CreatedAt), "updated_at": awTime(m.UpdatedAt),
		})
		if m.IsDefault {
			primary = map[string]any{"uuid": o.UUID, "name": o.Name, "icon": o.Icon, "primary_project": a.primaryProjectRef(o.UUID, u.UUID)}
		}
	}
	var projects []any
	for _, p := range sortedBySeq(a.db.Projects, func(p *AwanioProject) uint64 { return p.Seq }) {
		m := p.Members[u.UUID]
		if m == nil {
			continue
		}
		projects = append(projects, map[string]any{
			"uuid": m.UUID, "user_type": "users", "user_level": m.UserLevel, "is_default": m.IsDefault,
			"created_at": awTime(m.CreatedAt), "updated_at": awTime(m.UpdatedAt),
			"project": map[string]any{
				"uuid": p.UUID, "name": p.Name, "slug": p.Slug,
				"created_at": awTime(p.CreatedAt), "updated_at": awTime(p.UpdatedAt),
			},
		})
	}
	data["organizations"] = orgs
	data["projects"] = projects
	data["primary_organization"] = primary
	return awOK(data)
}

// primaryProjectRef is the user's primary project in an organization, or nil.
func (a *Awanio) primaryProjectRef(orgUUID, userUUID string) any {
	for _, p := range a.db.Projects {
		if m := p.Members[userUUID]; p.OrganizationUUID == orgUUID && m != nil && m.IsDefault {
			return map[string]any{"uuid": p.UUID, "name": p.Name}
		}
	}
	return nil
}

func (a *Awanio) renderUserBasic(u *AwanioUser) map[string]any {
	var email any
	if u.Email != "" {
		email = u.Email
	}
	return map[string]any{
		"id": u.ID, "uuid": u.UUID, "username": u.Username, "name": u.Name, "email": email,
		"status": u.Status, "avatar": nil,
		"created_at": awTime(u.CreatedAt), "updated_at": awTime(u.CreatedAt), "last_login": awTime(u.LastLogin),
	}
}

// renderUserRef is a user as member lists embed it.
func renderUserRef(u *AwanioUser) map[string]any {
	return map[string]any{
		"id": u.ID, "uuid": u.UUID, "username": u.Username, "name": u.Name, "status": u.Status,
		"avatar": nil, "created_at": awTime(u.CreatedAt), "updated_at": awTime(u.CreatedAt), "deleted_at": nil,
	}
}
