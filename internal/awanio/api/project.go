package api

import (
	"context"
	"fmt"
	"net/http"
	"strings"
)

// Project is an Awanio project: a group of resources inside an organization.
type Project struct {
	UUID          string             `json:"uuid"`
	Name          string             `json:"name"`
	Slug          String             `json:"slug"`
	Icon          String             `json:"icon"`
	Organization  *Organization      `json:"organization"`
	ProjectMember *ProjectMembership `json:"project_member"`
	CreatedAt     String             `json:"created_at"`
	UpdatedAt     String             `json:"updated_at"`
}

// OrganizationUUID is the UUID of the project's organization, or "".
func (p *Project) OrganizationUUID() string {
	if p.Organization == nil {
		return ""
	}
	return p.Organization.UUID
}

// ProjectMembership is the calling user's membership, embedded in a
// project; IsDefault means it is the user's primary project.
type ProjectMembership struct {
	UUID      string `json:"uuid"`
	UserLevel Int    `json:"user_level"`
	IsDefault Bool   `json:"is_default"`
}

// ProjectMember is an element of a project's member list.
type ProjectMember struct {
	UUID      string  `json:"uuid"`
	User      UserRef `json:"user"`
	UserLevel Int     `json:"user_level"`
}

// ProjectCreateRequest is the body of POST projects.
type ProjectCreateRequest struct {
	Name             string        `json:"name"`
	Icon             string        `json:"icon,omitempty"`
	OrganizationUUID string        `json:"organization_uuid"`
	Members          []MemberLevel `json:"project_members,omitempty"`
}

// ProjectUpdateRequest is the body of PUT projects/{uuid}. Member changes
// use the plural keys of Awanio's client code; the documentation shows
// singular ones (project_member_added), which the mock accepts too.
type ProjectUpdateRequest struct {
	Name             string        `json:"name,omitempty"`
	Icon             string        `json:"icon,omitempty"`
	OrganizationUUID string        `json:"organization_uuid,omitempty"`
	Added            []MemberLevel `json:"project_members_added,omitempty"`
	Updated          []MemberLevel `json:"project_members_updated,omitempty"`
	Deleted          []MemberRef   `json:"project_members_deleted,omitempty"`
}

// CreateProject creates a project. Awanio's answer carries the project in
// data, or (as documented) data: null; then the project is found by name in
// its organization, and two new projects with that name are an error rather
// than a guess. A POST whose answer was lost is not sent twice.
func (c *Client) CreateProject(ctx context.Context, req ProjectCreateRequest) (*Project, error) {
	f := finder[Project]{
		what: "project",
		list: func(ctx context.Context) ([]Project, error) {
			all, err := c.ListProjects(ctx)
			return filter(all, func(p Project) bool {
				return p.Name == req.Name && strings.EqualFold(p.OrganizationUUID(), req.OrganizationUUID)
			}), err
		},
		id:      func(p Project) string { return p.UUID },
		created: func(p Project) String { return p.CreatedAt },
		log:     &c.creates,
		key:     []string{strings.ToLower(req.OrganizationUUID), req.Name},
	}
	return createOnce(ctx, f, func(ctx context.Context) (*Project, error) {
		return sendOne(ctx, c, http.MethodPost, pathProjects, req, func(p *Project) string { return p.UUID })
	})
}

// ListProjects lists the projects the calling user can see.
func (c *Client) ListProjects(ctx context.Context) ([]Project, error) {
	return list[Project](ctx, c, pathProjects, nil)
}

// ownerOrganization is the organization_uuid that VM, baremetal and volume
// creates carry in their bodies (the seed documents organization_uuid, not
// project_uuid): the group itself, or the organization of the project in
// the path.
//
// A project's organization is read once per client, not once per create
// (a VM each time is a GET each): creates that start together share one
// read, while other projects' reads go on. It changes only through
// UpdateProject, which forgets it. Should another tool move the project meanwhile, the
// create names the old organization and Awanio refuses it.
func (c *Client) ownerOrganization(ctx context.Context, g Group) (string, error) {
	if g.Type == GroupOrganizations {
		return g.UUID, nil
	}
	return c.projectOrgs.Get(ctx, strings.ToLower(g.UUID), func(ctx context.Context) (string, error) {
		p, err := c.GetProject(ctx, g.UUID)
		if err != nil {
			return "", fmt.Errorf("reading the organization of project %s: %w", g.UUID, err)
		}
		if p.OrganizationUUID() == "" {
			return "", fmt.Errorf("project %s: Awanio showed no organization", g.UUID)
		}
		return p.OrganizationUUID(), nil
	})
}

// GetProject reads one project.
func (c *Client) GetProject(ctx context.Context, uuid string) (*Project, error) {
	return getOne[Project](ctx, c, expand(pathProject, "uuid", uuid))
}

// UpdateProject changes a project's name, organization, icon or members.
// When the answer has no project (data: null), the project is read again.
func (c *Client) UpdateProject(ctx context.Context, uuid string, req ProjectUpdateRequest) (*Project, error) {
	// Forgotten after the PUT too: a create that read the organization
	// while the PUT was in flight may have remembered the old one.
	c.projectOrgs.Forget(strings.ToLower(uuid))
	defer c.projectOrgs.Forget(strings.ToLower(uuid))
	var p Project
	env, err := c.put(ctx, expand(pathProject, "uuid", uuid), req, &p)
	if err != nil {
		return nil, err
	}
	if env.dataIsNull() || p.UUID == "" {
		return c.GetProject(ctx, uuid)
	}
	return &p, nil
}

// DeleteProject deletes a project.
func (c *Client) DeleteProject(ctx context.Context, uuid string) error {
	return c.del(ctx, expand(pathProject, "uuid", uuid))
}

// SetPrimaryProject makes the project the calling user's primary project.
func (c *Client) SetPrimaryProject(ctx context.Context, uuid string) error {
	_, err := c.put(ctx, expand(pathProjectPrimary, "uuid", uuid), nil, nil)
	return err
}

// ReleasePrimaryProject makes the project no longer the calling user's
// primary project.
func (c *Client) ReleasePrimaryProject(ctx context.Context, uuid string) error {
	return c.del(ctx, expand(pathProjectPrimary, "uuid", uuid))
}

// ListProjectMembers lists a project's members.
func (c *Client) ListProjectMembers(ctx context.Context, uuid string) ([]ProjectMember, error) {
	return list[ProjectMember](ctx, c, expand(pathProjectMembers, "uuid", uuid), nil)
}
